import ArgumentParser

/// The `undertone` command line: the engine's stable contract for scripts (see DESIGN.md).
@main
struct Undertone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undertone",
        abstract: "Real-time escalation engine for contact centres: hears frustration, confusion and anxiety, and acts.",
        subcommands: [
            Classify.self, Eval.self, Analyze.self, Prosody.self, ProsodyEval.self, Intents.self, Replay.self, PolicyCommand.self,
            StaffingCommand.self, ScorecardCommand.self, ReportCommand.self, Serve.self, Keys.self, LoadTest.self, KnowledgeCommand.self,
            SpeechEval.self,
        ]
    )
}
