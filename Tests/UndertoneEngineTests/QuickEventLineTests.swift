import Foundation
import Testing

@testable import UndertoneEngine

/// The turn lines read and written without Foundation (`CallEvents.decodeQuickly`, `Turn.line`) against the general
/// paths they stand in for: whatever the quick reader returns, Foundation's decoder returns too, and a turn is written
/// byte for byte as the general encoder writes it.
@Suite("Quick event lines")
struct QuickEventLineTests {
    /// Foundation's reading of a line: the event and the `"seq"`, or nil where either fails.
    private static func slow(_ line: String) -> (event: CallEvent, sequence: Int?)? {
        struct SequenceField: Decodable { var seq: Int? }
        let data = Data(line.utf8)
        guard let event = try? JSONDecoder().decode(CallEvent.self, from: data),
            let sequence = try? JSONDecoder().decode(SequenceField.self, from: data)
        else { return nil }
        return (event, sequence.seq)
    }

    private static let texts = [
        "", "hello", "I want to cancel, NOW!", "say \"no\"", "back\\slash", "tab\there", "line\nbreak", "a/b", "café", "e\u{301}",
        "😀 emoji", "\u{0}\u{1F}", "日本語のテキスト", "   spaced   ",
    ]

    private static func randomTurn(_ generator: inout some RandomNumberGenerator) -> Turn {
        let start: Int? = Bool.random(using: &generator) ? Int.random(in: 0...1_000_000, using: &generator) : nil
        let confidences: [Double?] = [nil, 0, 1, 0.5, 0.1, 0.93, 1e-7, Double.random(in: 0...1, using: &generator)]
        return Turn(
            callID: ["c-1", "call/7", "ç\"x"].randomElement(using: &generator)!, at: Int.random(in: 0...CallEvent.latestAt, using: &generator),
            utteranceID: ["u1", "u-22", "ü"].randomElement(using: &generator)!, speaker: SpeakerRole.allCases.randomElement(using: &generator)!,
            text: texts.randomElement(using: &generator)! + String(Int.random(in: 0...99, using: &generator)),
            startMs: start, endMs: start.map { $0 + Int.random(in: 0...5_000, using: &generator) },
            isFinal: Bool.random(using: &generator), confidence: confidences.randomElement(using: &generator)!)
    }

    private static let names: [String?] = [nil, "a", "billing", "ç\"x", "team/7", "😀", " spaced ", "\u{0}"]

    private static func randomStart(_ generator: inout some RandomNumberGenerator) -> CallStarted {
        CallStarted(
            callID: ["c-1", "call/7", "ç\"x"].randomElement(using: &generator)!, at: Int.random(in: 0...CallEvent.latestAt, using: &generator),
            channel: Channel.allCases.randomElement(using: &generator)!, customerID: ["c", "cust-42", "ü\\"].randomElement(using: &generator)!,
            queue: ["billing", "moving home", "é"].randomElement(using: &generator)!,
            language: ["en", "en-GB", "es", "fr-CA", "zh-Hant-TW"].randomElement(using: &generator)!,
            industry: names.randomElement(using: &generator)!.map { $0.isEmpty ? "x" : $0 }, agentID: names.randomElement(using: &generator)!,
            team: names.randomElement(using: &generator)!)
    }

    private static func randomEnd(_ generator: inout some RandomNumberGenerator) -> CallEnded {
        CallEnded(
            callID: ["c-1", "call/7", "ç\"x"].randomElement(using: &generator)!, at: Int.random(in: 0...CallEvent.latestAt, using: &generator),
            disposition: names.randomElement(using: &generator)!, survey: [nil, 1, 3, 5].randomElement(using: &generator)!)
    }

    /// A random start, end or turn.
    private static func randomEvent(_ generator: inout some RandomNumberGenerator) -> CallEvent {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: .callStarted(randomStart(&generator))
        case 1: .callEnded(randomEnd(&generator))
        default: .turn(randomTurn(&generator))
        }
    }

    @Test("a call's start and end are written byte for byte as the general encoder writes them, and read back quickly")
    func startAndEndLines() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            for event in [CallEvent.callStarted(Self.randomStart(&generator)), .callEnded(Self.randomEnd(&generator))] {
                let line = CallEvents.encode(event)
                #expect(line == (try SortedJSON.string(event)))
                let quick = CallEvents.decodeQuickly(line: line)
                #expect(quick?.event == event, "\(line)")
                #expect(Self.slow(line)?.event == event, "\(line)")
            }
        }
        // A start with a history is left to the general encoder and to Foundation.
        var started = CallStarted(callID: "c", channel: .voice, customerID: "c", queue: "q")
        started.history = CustomerHistory(contacts30d: 3)
        #expect(CallEvents.encode(.callStarted(started)) == (try SortedJSON.string(CallEvent.callStarted(started))))
        #expect(CallEvents.decodeQuickly(line: CallEvents.encode(.callStarted(started))) == nil)
    }

    @Test("a turn is written byte for byte as the general encoder writes it")
    func turnLines() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let turn = Self.randomTurn(&generator)
            #expect(CallEvents.encode(.turn(turn)) == (try SortedJSON.string(CallEvent.turn(turn))))
        }
        // Non-finite confidences are left out, as the general encoder leaves them out.
        var turn = Turn(callID: "c", at: 1, utteranceID: "u", speaker: .agent, text: "x")
        turn.confidence = .nan
        #expect(CallEvents.encode(.turn(turn)) == (try SortedJSON.string(CallEvent.turn(turn))))
    }

    @Test("every turn written is read back quickly, as Foundation reads it")
    func writtenTurnsReadQuickly() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let turn = Self.randomTurn(&generator)
            let line = CallEvents.encode(.turn(turn))
            guard let quick = CallEvents.decodeQuickly(line: line) else {
                // Only a number written with an exponent (below 1e-4) is left to Foundation.
                #expect(turn.confidence.map { $0 > 0 && $0 < 1e-4 } == true, "\(line)")
                continue
            }
            #expect(quick.event == .turn(turn))
            #expect(quick.sequence == nil)
            #expect(Self.slow(line)?.event == quick.event)
            let sequenced = "{\"seq\":\(Int.random(in: 1...1_000, using: &generator))," + line.dropFirst()
            #expect(CallEvents.decodeQuickly(line: sequenced)?.sequence == Self.slow(sequenced)?.sequence)
        }
    }

    /// Lines at the edges of what the quick reader takes: each is either left to Foundation or read as it reads it.
    static let edges = [
        #"{"v":1,"type":"turn","call":"c","at":5,"utterance":"u","speaker":"customer","text":"caf\u00e9 \/ \"q\" \\ \n"}"#,
        #"{"v":1,"type":"turn","call":"c","at":5,"utterance":"u","speaker":"customer","text":"\ud83d\ude00"}"#,
        #"{"v":1,"type":"turn","call":"c","at":5,"utterance":"u","speaker":"customer","text":"\ud83d"}"#,
        #"{"v":1,"type":"turn","call":"c","at":5,"utterance":"u","speaker":"customer","text":"a","text":"b"}"#,
        #"{"v":1,"type":"turn","call":"c","at":-0,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"c","at":-1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"c","at":1.0,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"c","at":1e3,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"c","at":99999999999999999999,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"c","at":01,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"  {"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}  "#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"} x"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a",}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"robot","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","start":5,"end":4}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","start":null,"final":null}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","confidence":1}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","confidence":1.5}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","confidence":1e400}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","confidence":0.95}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","final":"yes"}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","extra":{"x":1}}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","extra":[1]}"#,
        #"{"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a","extra":"ok"}"#,
        #"{"v":2,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":"1","type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"v":1,"type":"tick","call":"c","at":1}"#,
        #"{"seq":0,"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"seq":-3,"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"seq":"4","v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"seq":4.5,"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        #"{"seq":null,"v":1,"type":"turn","call":"c","at":1,"utterance":"u","speaker":"customer","text":"a"}"#,
        "{\"v\":1,\"type\":\"turn\",\"call\":\"c\",\"at\":1,\"utterance\":\"u\",\"speaker\":\"customer\",\"text\":\"raw\ttab\"}",
        "{}", "", "[]", "null", "{\"v\":1", "{\"v\" 1}",
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q"}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","language":null,"agent":null}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"fax","customer":"k","queue":"q"}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"","queue":"q"}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","language":"english!"}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","industry":""}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","agent":7}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k"}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","history":null}"#,
        #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","history":{"contacts30d":2}}"#,
        #"{"v":1,"type":"call_ended","call":"c","at":90000}"#,
        #"{"v":1,"type":"call_ended","call":"c","at":90000,"disposition":"resolved","survey":4}"#,
        #"{"v":1,"type":"call_ended","call":"c","at":90000,"disposition":null,"survey":null}"#,
        #"{"v":1,"type":"call_ended","call":"c","at":90000,"survey":6}"#,
        #"{"v":1,"type":"call_ended","call":"c","at":90000,"survey":4.0}"#,
        #"{"v":1,"type":"call_ended","call":"c","at":90000,"disposition":3}"#,
        #"{"seq":9,"v":1,"type":"call_ended","call":"c","at":-5}"#,
    ]

    @Test("lines at the edges are read as Foundation reads them or left to it", arguments: edges)
    func edgeLines(_ line: String) {
        guard let quick = CallEvents.decodeQuickly(line: line) else { return }
        let slow = Self.slow(line)
        #expect(slow?.event == quick.event)
        #expect(slow?.sequence == quick.sequence)
    }

    @Test("the plain forms at the edges are read quickly")
    func plainEdgesAreQuick() {
        for index in [0, 10, 16, 17, 20, 24, 29, 30, 33, 41, 42, 51, 52, 53] {
            #expect(CallEvents.decodeQuickly(line: Self.edges[index]) != nil, "\(Self.edges[index])")
        }
    }

    @Test("mutated lines: whatever is read quickly, Foundation reads the same")
    func mutatedLines() {
        var generator = SystemRandomNumberGenerator()
        let pieces = Array(#"{}[],:"\ -0123456789.eE+truefalsenull\u00e9"#).map(String.init) + ["\n", "\t", "é", "😀"]
        var quickCount = 0
        for _ in 0..<4_000 {
            var characters = Array("{\"seq\":3," + CallEvents.encode(Self.randomEvent(&generator)).dropFirst())
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<characters.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: characters.remove(at: position)
                case 1: characters.insert(contentsOf: pieces.randomElement(using: &generator)!, at: position)
                default: characters[position] = Character(pieces.randomElement(using: &generator)!.prefix(1).description)
                }
                if characters.isEmpty { characters = ["{"] }
            }
            let line = String(characters)
            guard let quick = CallEvents.decodeQuickly(line: line) else { continue }
            quickCount += 1
            let slow = Self.slow(line)
            #expect(slow?.event == quick.event, "\(line)")
            #expect(slow?.sequence == quick.sequence, "\(line)")
        }
        // Some mutations leave a valid event (in a string's text, say): the comparison above is not empty.
        #expect(quickCount > 100)
    }
}
