import Benchmark
import UndertoneEngine

/// A 500-turn call: customer and agent alternating, the customer's mood drifting between calm, confused and angry.
let longCall: [CallEvent] = {
    let customer = [
        "um hi i'm calling about a charge on my statement", "i don't understand what this fee is for", "this is the third time i've called about it",
        "honestly this is ridiculous i'm fed up", "okay that makes sense now thank you", "if it isn't fixed today i'm closing my account",
        "can i speak to your manager please", "right so when will the refund arrive",
    ]
    let agent = [
        "i'm sorry about that let me take a look", "i understand that's frustrating", "let me explain what that fee is",
        "i'll make sure this is sorted today", "is there anything else i can help with",
    ]
    var events: [CallEvent] = [
        .callStarted(
            CallStarted(
                callID: "bench", at: 0, channel: .voice, customerID: "c", queue: "billing", language: "en", industry: "banking",
                history: CustomerHistory(contacts30d: 2, repeatIssue: true)))
    ]
    for index in 0..<500 {
        let isCustomer = index % 2 == 0
        let text = isCustomer ? customer[(index / 2) % customer.count] : agent[(index / 2) % agent.count]
        events.append(
            .turn(Turn(callID: "bench", at: (index + 1) * 3_000, utteranceID: "u\(index)", speaker: isCustomer ? .customer : .agent, text: text)))
    }
    events.append(.callEnded(CallEnded(callID: "bench", at: 1_600_000, disposition: "resolved")))
    return events
}()

let model = try! TextModel.bundled()
let policy = try! Policy.preset(named: "default")
/// As the server runs it: the shipped intent model (the analyzer's default) and the sample knowledge base.
let knowledge = try! KnowledgeBase.sample

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "analyze a 500-turn call",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 200)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var analyzer = CallAnalyzer(policy: policy, textModel: model, knowledgeBase: knowledge)
            var outputs = 0
            for event in longCall { outputs += analyzer.ingest(event).count }
            blackHole(outputs)
        }
    }
}
