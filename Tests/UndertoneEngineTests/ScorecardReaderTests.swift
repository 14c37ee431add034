import Foundation
import Testing

@testable import UndertoneEngine

@Suite("QA scorecards: the YAML format")
struct ScorecardReaderTests {
    @Test("the bundled default reads, with every kind and its parameters")
    func bundledDefault() throws {
        let card = try Scorecard.bundled()
        #expect(card.name == "default" && card.version == 1)
        #expect(Set(card.items.map(\.kind)) == Set(ScorecardItemKind.allCases))
        #expect(card.items.reduce(0) { $0 + $1.weight } == 90)
        let deadAir = try #require(card.items.first { $0.kind == .deadAir })
        #expect(deadAir.check == .deadAir(longerThanMs: 10_000, allowed: 0))
        let interruptions = try #require(card.items.first { $0.kind == .interruptions })
        #expect(interruptions.check == .interruptions(by: .agent, minimumOverlapMs: 1000, allowed: 1))
        #expect(card.items.first { $0.kind == .identityVerification }?.channels == [.voice])
        #expect(throws: ScorecardError.self) { try Scorecard.bundled(named: "strict") }
    }

    @Test("parameters left out take their defaults")
    func defaults() throws {
        let yaml = """
            name: lean
            version: 1
            items:
              - { id: hello, kind: greeting, weight: 1, phrases: hello }
              - { id: sorry, kind: empathy, weight: 1, phrases: [sorry] }
              - { id: holds, kind: hold_etiquette, weight: 1, askPhrases: [hold on], thankPhrases: [thanks] }
              - { id: bye, kind: closing, weight: 1, phrases: [bye] }
              - { id: quiet, kind: dead_air, weight: 1 }
              - { id: share, kind: talk_ratio, weight: 1, maximum: 0.6 }
              - { id: overlap, kind: interruptions, weight: 2.5, by: anyone }
            """
        let card = try Scorecard.parse(yaml: yaml)
        #expect(
            card.items.map(\.check) == [
                .greeting(phrases: ["hello"], withinTurns: 1), .empathy(phrases: ["sorry"], triggers: [], withinTurns: 2),
                .holdEtiquette(askPhrases: ["hold on"], thankPhrases: ["thanks"], askWithinMs: 60_000, thankWithinMs: 30_000),
                .closing(phrases: ["bye"], lastTurns: 2), .deadAir(longerThanMs: 10_000, allowed: 0), .talkRatio(minimum: 0, maximum: 0.6),
                .interruptions(by: nil, minimumOverlapMs: 500, allowed: 0),
            ])
        #expect(card.items.map(\.line) == [4, 5, 6, 7, 8, 9, 10])
        #expect(card.items.last?.weight == 2.5 && card.items.allSatisfy { !$0.critical })
    }

    @Test("every mistake is reported with its line, in the order of the file")
    func mistakes() {
        let yaml = """
            name: broken
            version: 1
            items:
              - id: greeting
                kind: greting
                weight: 10
              - id: Bad_Id
                kind: closing
                weight: -1
                phrases: [bye]
              - id: quiet
                kind: dead_air
                weight: 5
                longerThan: soon
                alowed: 2
              - id: quiet
                kind: talk_ratio
                weight: 5
                minimum: 0.8
                maximum: 0.5
              - id: ask
                kind: hold_etiquette
                weight: 5
                askPhrases: ["?!"]
              - id: who
                kind: interruptions
                weight: 5
                by: manager
            """
        let errors = Scorecard.validate(yaml: yaml)
        let lines = errors.map { "\($0.line ?? 0): \($0.message)" }
        #expect(
            lines == [
                "5: item \"greeting\": unknown kind \"greting\"; did you mean \"greeting\"? (expected greeting, identity_verification, empathy, "
                    + "hold_etiquette, closing, dead_air, talk_ratio or interruptions)",
                "7: item 2: item id \"Bad_Id\" must be lower-case letters, digits and hyphens, starting with a letter (e.g. hold-etiquette)",
                "9: item 2: \"weight\" must be more than 0 and at most 1000, not -1",
                "14: item \"quiet\": \"longerThan\" is not a duration: \"soon\" (write e.g. 10s, 1m, 500ms or a number of seconds)",
                "15: item \"quiet\": unknown key \"alowed\" for a dead_air item; did you mean \"allowed\"? (expected id, kind, weight, description, "
                    + "critical, channels, queues, longerThan or allowed)",
                "16: item 4: item id \"quiet\" is already used by the item on line 11",
                "19: item 4: \"minimum\" (0.8) is above \"maximum\" (0.5)",
                "21: item \"ask\": a hold_etiquette item needs \"thankPhrases\" (thankPhrases: [thanks for holding])",
                "24: item \"ask\": \"?!\" in \"askPhrases\" has no words to listen for",
                "28: item \"who\": unknown by \"manager\" (expected customer, agent, bot or anyone)",
            ])
        #expect(throws: ScorecardError.self) { try Scorecard.parse(yaml: yaml) }
    }

    @Test("the scorecard's own shape: empty, not a mapping, missing keys, wrong version, YAML syntax")
    func shape() {
        func first(_ yaml: String) -> String? { Scorecard.validate(yaml: yaml).first?.description }
        #expect(first("") == "line 1, column 1: the scorecard is empty: it needs at least name, version and items")
        #expect(first("- a\n- b\n")?.contains("a scorecard must be a mapping") == true)
        #expect(first("name: x\nversion: 2\nitems: []\n")?.contains("unsupported scorecard version 2") == true)
        #expect(Scorecard.validate(yaml: "name: x\n").map(\.message).contains("the scorecard needs items (items: followed by a list of items)"))
        #expect(first("name: x\nversion: 1\nitems:\n  - id: a\n\tkind: closing\n")?.contains("YAML syntax") == true)
        #expect(
            first("name: x\nversion: 1\nitems:\n  - id: a\n    weight: 1\n")?.hasSuffix(
                "needs a kind (greeting, identity_verification, empathy, hold_etiquette, closing, dead_air, talk_ratio or interruptions)") == true)
    }
}
