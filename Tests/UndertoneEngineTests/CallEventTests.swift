import Foundation
import Testing

@testable import UndertoneEngine

/// The example lines of docs/events.md, in the order they appear there (a test checks the two stay the same).
private let documentedExamples = [
    #"{"v":1,"type":"call_started","call":"c-20240611-0042","at":0,"channel":"voice","customer":"cust-88213","queue":"cards","language":"en-GB","industry":"banking","agent":"ag-117","team":"cards-east","history":{"contacts30d":2,"escalations90d":1,"openFollowUps":1,"lastSentiment":"negative","repeatIssue":true,"segment":"premium","lifetimeValue":18250.5}}"#,
    #"{"v":1,"type":"call_started","call":"chat-5521","at":0,"channel":"chat","customer":"cust-10452","queue":"orders"}"#,
    #"{"v":1,"type":"turn","call":"c-20240611-0042","at":2400,"utterance":"u-1","speaker":"agent","text":"Thanks for calling Northbank cards, this is Priya, how can I help?","start":600,"end":2350,"confidence":0.96}"#,
    #"{"v":1,"type":"turn","call":"c-20240611-0042","at":4210,"utterance":"u-2","speaker":"customer","text":"this is the third time I'm","start":2950,"end":4180,"final":false,"confidence":0.71}"#,
    #"{"v":1,"type":"turn","call":"c-20240611-0042","at":6020,"utterance":"u-2","speaker":"customer","text":"this is the third time I'm calling about the same charge","start":2950,"end":5890,"final":true,"confidence":0.93}"#,
    #"{"v":1,"type":"turn","call":"chat-5521","at":48000,"utterance":"m-7","speaker":"customer","text":"I still haven't received my refund and it's been two weeks"}"#,
    #"{"v":1,"type":"audio","call":"c-20240611-0042","at":6040,"track":"customer","encoding":"pcmu","rate":8000,"data":"//79fn3+//9/fvz9/3/+//18ff7//37+"}"#,
    #"{"v":1,"type":"audio","call":"c-20240611-0042","at":6040,"track":"agent","encoding":"pcm16","rate":16000,"data":"AABwAKD/8ADK/pUBhv8SAPn/BAFE/yEA"}"#,
    #"{"v":1,"type":"voice","call":"c-20240611-0042","at":6000,"track":"customer","duration":1000,"features":{"speech":0.82,"voiced":0.64,"syllables":4,"pauses":0.18,"longPauses":0,"activity":"0111111110","loudness":-23.41,"loudnessSpread":4.2,"pitch":6.31,"pitchSpread":1.84,"pitchRange":4.9,"harmonicity":9.6,"brightness":-7.25}}"#,
    #"{"v":1,"type":"agent_action","call":"c-20240611-0042","at":61500,"action":"hold_start"}"#,
    #"{"v":1,"type":"agent_action","call":"c-20240611-0042","at":98200,"action":"hold_end"}"#,
    #"{"v":1,"type":"agent_action","call":"c-20240611-0042","at":143200,"action":"transfer","target":"retention"}"#,
    #"{"v":1,"type":"agent_action","call":"chat-5521","at":95000,"action":"note","note":"Refund RF-2231 stuck at the payment provider; chased."}"#,
    #"{"v":1,"type":"agent_action","call":"c-20240611-0042","at":405000,"action":"wrap_up","note":"refund promised by Friday"}"#,
    #"{"v":1,"type":"alert_ack","call":"c-20240611-0042","at":75300,"alert":"al-c-20240611-0042-1","by":"sup-09","outcome":"useful"}"#,
    #"{"v":1,"type":"tick","call":"chat-5521","at":152000}"#,
    #"{"v":1,"type":"call_ended","call":"c-20240611-0042","at":412000,"disposition":"resolved","survey":4}"#,
    #"{"v":1,"type":"call_ended","call":"chat-5521","at":180000}"#,
]

/// The refused lines of docs/events.md's error table and their reasons, in the table's order.
private let documentedErrors: [(line: String, reason: String)] = [
    (#"{not json"#, #"invalid JSON"#),
    (#"["turn"]"#, #"expected a JSON object"#),
    (#"{"type":"turn","call":"c-1","at":0}"#, #"missing "v" (the format version, 1)"#),
    (
        #"{"v":1,"type":"turn","call":"c-1","at":0,"utterance":"u-1","speaker":"caller","text":"hi"}"#,
        #"turn: "speaker" must be customer, agent or bot"#
    ),
    (#"{"v":1,"type":"turn","call":"c-1","at":"soon","utterance":"u-1","speaker":"agent","text":"hi"}"#, #"turn: "at" must be an integer"#),
    (#"{"v":1,"type":"turn","call":"c-1","at":-5,"utterance":"u-1","speaker":"agent","text":"hi"}"#, #"turn: "at" must be 0 or more"#),
    (
        #"{"v":1,"type":"turn","call":"c-1","at":900,"utterance":"u-1","speaker":"agent","text":"hi","start":800,"end":700}"#,
        #"turn: "end" must not be before "start""#
    ),
    (
        #"{"v":1,"type":"turn","call":"c-1","at":0,"utterance":"u-1","speaker":"agent","text":"hi","confidence":1.2}"#,
        #"turn: "confidence" must be between 0 and 1"#
    ),
    (
        #"{"v":1,"type":"audio","call":"c-1","at":0,"track":"agent","encoding":"pcmu","rate":44100,"data":""}"#,
        #"audio: "rate" must be 8000 or 16000"#
    ),
    (
        #"{"v":1,"type":"voice","call":"c-1","at":0,"track":"agent","duration":1000,"features":{"speech":0.5,"voiced":0.4}}"#,
        #"voice: "features.loudness" is required when "features.voiced" is above 0"#
    ),
    (#"{"v":1,"type":"call_ended","call":"c-1","at":1000,"survey":9}"#, #"call_ended: "survey" must be from 1 to 5"#),
    (
        #"{"v":1,"type":"call_started","call":"c-1","at":0,"channel":"voice","customer":"k","queue":"q","history":{"contacts30d":-1}}"#,
        #"call_started: "history.contacts30d" must be 0 or more"#
    ),
]

/// One event of each type with every field set, and one with only the required ones.
private let fullEvents: [CallEvent] = [
    .callStarted(
        CallStarted(
            callID: "c-1", at: 0, channel: .voice, customerID: "cust-1", queue: "billing", language: "en-GB", industry: "banking", agentID: "ag-7",
            team: "east",
            history: CustomerHistory(
                contacts30d: 3, escalations90d: 1, openFollowUps: 2, lastSentiment: .negative, repeatIssue: true, segment: "premium",
                lifetimeValue: 1234.75))),
    .turn(
        Turn(
            callID: "c-1", at: 5200, utteranceID: "u-1", speaker: .customer, text: "I want to speak to a \"manager\" / now\nplease", startMs: 3000,
            endMs: 5100, isFinal: false, confidence: 0.82)),
    .audio(AudioFrame(callID: "c-1", at: 5200, track: .agent, encoding: .pcm16, sampleRate: 16000, samples: [0, 1, 255, 128, 7, 9])),
    .voice(
        VoiceWindow(
            callID: "c-1", at: 5000, track: .customer, durationMs: 1000,
            features: VoiceFeatures(
                speech: 0.82, voiced: 0.64, syllables: 4, pauses: 0.18, longPauses: 0, activity: "0111111110", loudness: -23.41, loudnessSpread: 4.2,
                pitch: 6.31, pitchSpread: 1.84, pitchRange: 4.9, harmonicity: 9.6, brightness: -7.25))),
    .agentAction(AgentAction(callID: "c-1", at: 6000, action: .transfer, target: "retention", note: "asked for a manager")),
    .alertAcknowledged(AlertAcknowledgement(callID: "c-1", at: 7000, alertID: "al-1", by: "sup-2", outcome: .resolved)),
    .tick(ClockTick(callID: "c-1", at: 8000)),
    .callEnded(CallEnded(callID: "c-1", at: 90000, disposition: "transferred", survey: 2)),
]

private let minimalEvents: [CallEvent] = [
    .callStarted(CallStarted(callID: "c-2", channel: .email, customerID: "cust-2", queue: "general")),
    .turn(Turn(callID: "c-2", at: 10, utteranceID: "e-1", speaker: .bot, text: "")),
    .audio(AudioFrame(callID: "c-2", at: 0, track: .customer, encoding: .pcmu, sampleRate: 8000, samples: [])),
    .voice(VoiceWindow(callID: "c-2", at: 0, track: .agent, durationMs: 20, features: VoiceFeatures())),
    .agentAction(AgentAction(callID: "c-2", at: 20, action: .mute)),
    .alertAcknowledged(AlertAcknowledgement(callID: "c-2", at: 30, alertID: "al-2", by: "ag-1", outcome: .dismissed)),
    .agentAction(AgentAction(callID: "c-2", at: 35, action: .wrapUp)),
    .tick(ClockTick(callID: "c-2", at: 38)),
    .callEnded(CallEnded(callID: "c-2", at: 40)),
]

private func object(_ line: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
}

private func decodeTurn(_ line: String) throws -> Turn {
    guard case .turn(let turn) = try CallEvents.decode(line: line) else {
        Issue.record("not a turn: \(line)")
        throw CallEventError.invalid("not a turn")
    }
    return turn
}

@Suite("CallEvent round-trip")
struct CallEventRoundTripTests {
    @Test("every event type round-trips through one JSON line", arguments: fullEvents + minimalEvents)
    func roundTrip(event: CallEvent) throws {
        let line = CallEvents.encode(event)
        #expect(!line.contains("\n"))
        #expect(try CallEvents.decode(line: line) == event)
        let fields = try object(line)
        #expect(fields["v"] as? Int == 1)
        #expect(fields["type"] as? String == event.type)
        #expect(fields["call"] as? String == event.callID)
        #expect(fields["at"] as? Int == event.at)
    }

    @Test("every event type is covered")
    func coverage() {
        #expect(Set(fullEvents.map(\.type)) == Set(CallEvent.types))
        #expect(CallEvent.types.count == 8)
    }

    @Test("lines have sorted keys, unescaped slashes and no trailing newline")
    func lineShape() {
        let line = CallEvents.encode(.callEnded(CallEnded(callID: "c/1", at: 5, disposition: "resolved", survey: 5)))
        #expect(line == #"{"at":5,"call":"c/1","disposition":"resolved","survey":5,"type":"call_ended","v":1}"#)
        let turn = CallEvents.encode(.turn(Turn(callID: "c", at: 1, utteranceID: "u", speaker: .agent, text: "hi")))
        #expect(turn == #"{"at":1,"call":"c","final":true,"speaker":"agent","text":"hi","type":"turn","utterance":"u","v":1}"#)
    }

    @Test("JSON names map onto the Swift fields")
    func wireNames() throws {
        let started = CallEvents.encode(fullEvents[0])
        let fields = try object(started)
        #expect(fields["customer"] as? String == "cust-1")
        #expect(fields["agent"] as? String == "ag-7")
        let history = try #require(fields["history"] as? [String: Any])
        #expect(history["lastSentiment"] as? String == "negative")
        #expect(history["repeatIssue"] as? Bool == true)
        let turn = try object(CallEvents.encode(fullEvents[1]))
        #expect(turn["utterance"] as? String == "u-1")
        #expect(turn["start"] as? Int == 3000)
        #expect(turn["end"] as? Int == 5100)
        #expect(turn["final"] as? Bool == false)
        let audio = try object(CallEvents.encode(fullEvents[2]))
        #expect(audio["rate"] as? Int == 16000)
        #expect(audio["data"] as? String == "AAH/gAcJ")
        let voice = try object(CallEvents.encode(fullEvents[3]))
        #expect(voice["duration"] as? Int == 1000)
        #expect((voice["features"] as? [String: Any])?["pitchSpread"] as? Double == 1.84)
        let action = try object(CallEvents.encode(fullEvents[4]))
        #expect(action["action"] as? String == "transfer")
        let hold = try object(CallEvents.encode(.agentAction(AgentAction(callID: "c", at: 0, action: .holdStart))))
        #expect(hold["action"] as? String == "hold_start")
        let ack = try object(CallEvents.encode(fullEvents[5]))
        #expect(ack["alert"] as? String == "al-1")
    }

    @Test("a single event type encodes as a whole line and decodes through CallEvent")
    func structsAreWholeLines() throws {
        let turn = Turn(callID: "c-9", at: 12, utteranceID: "u-9", speaker: .customer, text: "hello")
        let data = try JSONEncoder().encode(turn)
        #expect(try CallEvents.decode(line: String(decoding: data, as: UTF8.self)) == .turn(turn))
        #expect(try JSONDecoder().decode(Turn.self, from: data) == turn)
    }

    @Test("absent optional fields take their defaults; null reads as absent")
    func defaults() throws {
        let turn = try decodeTurn(#"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"customer","text":"hi"}"#)
        #expect(turn.isFinal)
        #expect(turn.startMs == nil && turn.endMs == nil && turn.confidence == nil)
        let nulls = try decodeTurn(
            #"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"customer","text":"hi","final":null,"start":null,"confidence":null}"#)
        #expect(nulls == turn)
        let started = try CallEvents.decode(
            line: #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"chat","customer":"k","queue":"q","history":{}}"#)
        #expect(
            started == .callStarted(CallStarted(callID: "c", channel: .chat, customerID: "k", queue: "q", language: "en", history: CustomerHistory()))
        )
        #expect(CustomerHistory() == CustomerHistory(contacts30d: 0, escalations90d: 0, openFollowUps: 0, repeatIssue: false))
    }

    @Test("unknown fields are ignored")
    func forwardCompatible() throws {
        let line = #"{"v":1,"type":"call_ended","call":"c","at":9,"x_vendor":{"a":[1,2]},"sentimentScore":0.2,"survey":3}"#
        #expect(try CallEvents.decode(line: line) == .callEnded(CallEnded(callID: "c", at: 9, survey: 3)))
    }

    @Test("call id, time and type are read the same for every case")
    func accessors() {
        #expect(fullEvents.map(\.callID) == Array(repeating: "c-1", count: 8))
        #expect(fullEvents.map(\.at) == [0, 5200, 5200, 5000, 6000, 7000, 8000, 90000])
        #expect(fullEvents.map(\.type) == ["call_started", "turn", "audio", "voice", "agent_action", "alert_ack", "tick", "call_ended"])
    }

    @Test("audio samples travel as base64 and a frame knows its length")
    func audio() throws {
        let samples = (0..<320).map { UInt8($0 % 256) }
        let frame = AudioFrame(callID: "c", at: 20, track: .customer, encoding: .pcmu, sampleRate: 8000, samples: samples)
        #expect(try CallEvents.decode(line: CallEvents.encode(.audio(frame))) == .audio(frame))
        #expect(frame.durationMs == 40)
        #expect(AudioFrame(callID: "c", at: 0, track: .agent, encoding: .pcm16, sampleRate: 16000, samples: samples).durationMs == 10)
    }

    @Test("a number JSON cannot hold is left out instead of crashing")
    func nonFinite() throws {
        let turn = Turn(callID: "c", at: 0, utteranceID: "u", speaker: .agent, text: "x", confidence: .nan)
        let line = CallEvents.encode(.turn(turn))
        #expect(try object(line)["confidence"] == nil)
        #expect(throws: CallEventError.invalid(#"turn: "confidence" must be between 0 and 1"#)) { try turn.validate() }
    }
}

@Suite("CallEvent validation")
struct CallEventValidationTests {
    @Test(
        "bad lines are refused with the field and the event type",
        arguments: [
            (#""#, "invalid JSON"),
            (#"{"v":1,"type":"turn","#, "invalid JSON"),
            (#"42"#, "expected a JSON object"),
            (#"[{"v":1}]"#, "expected a JSON object"),
            (#"{"v":"1","type":"turn"}"#, #""v" must be an integer"#),
            (#"{"v":1}"#, #"missing "type""#),
            (#"{"v":1,"type":7}"#, #""type" must be a string"#),
            (#"{"v":1,"type":"turn","at":0,"utterance":"u","speaker":"agent","text":"hi"}"#, #"turn: missing "call""#),
            (#"{"v":1,"type":"turn","call":"","at":0,"utterance":"u","speaker":"agent","text":"hi"}"#, #"turn: "call" must not be empty"#),
            (#"{"v":1,"type":"turn","call":"c","utterance":"u","speaker":"agent","text":"hi"}"#, #"turn: missing "at""#),
            (#"{"v":1,"type":"turn","call":"c","at":1.5,"utterance":"u","speaker":"agent","text":"hi"}"#, #"turn: "at" must be an integer"#),
            (#"{"v":1,"type":"turn","call":"c","at":0,"speaker":"agent","text":"hi"}"#, #"turn: missing "utterance""#),
            (#"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","text":"hi"}"#, #"turn: missing "speaker""#),
            (#"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":5,"text":"hi"}"#, #"turn: "speaker" must be customer, agent or bot"#),
            (#"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent"}"#, #"turn: missing "text""#),
            (#"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent","text":["hi"]}"#, #"turn: "text" must be a string"#),
            (
                #"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent","text":"hi","final":"no"}"#,
                #"turn: "final" must be true or false"#
            ),
            (
                #"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent","text":"hi","start":-1}"#,
                #"turn: "start" must be 0 or more"#
            ),
            (
                #"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent","text":"hi","confidence":-0.1}"#,
                #"turn: "confidence" must be between 0 and 1"#
            ),
            (
                #"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent","text":"hi","confidence":"high"}"#,
                #"turn: "confidence" must be a number"#
            ),
            (#"{"v":1,"type":"call_started","call":"c","at":0,"customer":"k","queue":"q"}"#, #"call_started: missing "channel""#),
            (
                #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"fax","customer":"k","queue":"q"}"#,
                #"call_started: "channel" must be voice, chat or email"#
            ),
            (#"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","queue":"q"}"#, #"call_started: missing "customer""#),
            (#"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k"}"#, #"call_started: missing "queue""#),
            (
                #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","language":"english please"}"#,
                #"call_started: "language" must be a BCP 47 tag such as "en" or "en-GB""#
            ),
            (
                #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","history":[]}"#,
                #"call_started: "history" must be an object"#
            ),
            (
                #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","history":{"repeatIssue":"yes"}}"#,
                #"call_started: "history.repeatIssue" must be true or false"#
            ),
            (
                #"{"v":1,"type":"call_started","call":"c","at":0,"channel":"voice","customer":"k","queue":"q","history":{"lastSentiment":"angry"}}"#,
                #"call_started: "history.lastSentiment" must be negative, neutral or positive"#
            ),
            (
                #"{"v":1,"type":"audio","call":"c","at":0,"track":"bot","encoding":"pcmu","rate":8000,"data":""}"#,
                #"audio: "track" must be customer or agent"#
            ),
            (
                #"{"v":1,"type":"audio","call":"c","at":0,"track":"agent","encoding":"opus","rate":8000,"data":""}"#,
                #"audio: "encoding" must be pcmu or pcm16"#
            ),
            (
                #"{"v":1,"type":"audio","call":"c","at":0,"track":"agent","encoding":"pcmu","rate":8000,"data":"not base64!"}"#,
                #"audio: "data" must be base64"#
            ),
            (
                #"{"v":1,"type":"audio","call":"c","at":0,"track":"agent","encoding":"pcm16","rate":8000,"data":"AAAA"}"#,
                #"audio: "data" must hold whole 16-bit samples (an even number of bytes) for pcm16"#
            ),
            (#"{"v":1,"type":"audio","call":"c","at":0,"track":"agent","encoding":"pcmu","rate":8000}"#, #"audio: missing "data""#),
            (
                #"{"v":1,"type":"agent_action","call":"c","at":0,"action":"hangup"}"#,
                #"agent_action: "action" must be hold_start, hold_end, transfer, mute, unmute, note or wrap_up"#
            ),
            (
                #"{"v":1,"type":"alert_ack","call":"c","at":0,"alert":"a","by":"u","outcome":"ok"}"#,
                #"alert_ack: "outcome" must be acknowledged, useful, dismissed or resolved"#
            ),
            (#"{"v":1,"type":"alert_ack","call":"c","at":0,"alert":"","by":"u","outcome":"useful"}"#, #"alert_ack: "alert" must not be empty"#),
            (#"{"v":1,"type":"alert_ack","call":"c","at":0,"alert":"a","outcome":"useful"}"#, #"alert_ack: missing "by""#),
            (#"{"v":1,"type":"call_ended","call":"c","at":0,"survey":0}"#, #"call_ended: "survey" must be from 1 to 5"#),
            (#"{"v":1,"type":"call_ended","call":"c","at":0,"survey":4.5}"#, #"call_ended: "survey" must be an integer"#),
        ])
    func badLines(line: String, reason: String) {
        #expect(throws: CallEventError.invalid(reason)) { try CallEvents.decode(line: line) }
    }

    @Test("another format version is refused before anything else is looked at")
    func version() {
        #expect(throws: CallEventError.unsupportedVersion(2)) { try CallEvents.decode(line: #"{"v":2,"type":"hangup"}"#) }
        #expect(throws: CallEventError.unsupportedVersion(0)) { try CallEvents.decode(line: #"{"v":0}"#) }
    }

    @Test("an unknown type is named")
    func unknownType() {
        #expect(throws: CallEventError.unknownType("hangup")) { try CallEvents.decode(line: #"{"v":1,"type":"hangup","call":"c","at":0}"#) }
    }

    @Test("the documented refusals give the documented reasons", arguments: documentedErrors)
    func documentedRefusals(line: String, reason: String) {
        #expect(throws: CallEventError.invalid(reason)) { try CallEvents.decode(line: line) }
    }

    @Test("events built in Swift are checked by the same rules")
    func validateBuiltEvents() throws {
        for event in fullEvents + minimalEvents { try event.validate() }
        #expect(throws: CallEventError.invalid(#"turn: "end" must not be before "start""#)) {
            try CallEvent.turn(Turn(callID: "c", at: 0, utteranceID: "u", speaker: .agent, text: "", startMs: 10, endMs: 5)).validate()
        }
        #expect(throws: CallEventError.invalid(#"audio: "rate" must be 8000 or 16000"#)) {
            try AudioFrame(callID: "c", at: 0, track: .agent, encoding: .pcmu, sampleRate: 44100, samples: []).validate()
        }
        #expect(throws: CallEventError.invalid(#"call_started: "history.openFollowUps" must be 0 or more"#)) {
            try CallStarted(callID: "c", channel: .voice, customerID: "k", queue: "q", history: CustomerHistory(openFollowUps: -2)).validate()
        }
        #expect(throws: CallEventError.invalid(#"call_ended: "at" must be 0 or more"#)) { try CallEnded(callID: "c", at: -1).validate() }
    }

    @Test("language tags of the usual shapes are accepted")
    func languageTags() {
        for tag in ["en", "en-GB", "pt-BR", "zh-Hant-TW", "es-419", "fil"] { #expect(CallStarted.isLanguageTag(tag), "\(tag)") }
        for tag in ["", "e", "en-", "-en", "en_GB", "en GB", "english-verylongsubtag"] { #expect(!CallStarted.isLanguageTag(tag), "\(tag)") }
    }

    @Test("descriptions read as sentences for the integrator")
    func descriptions() {
        #expect(CallEventError.unsupportedVersion(2).description == "unsupported event format version 2 (this build reads version 1)")
        #expect(
            CallEventError.unknownType("hangup").description
                == #"unknown event type "hangup" (expected call_started, turn, audio, voice, agent_action, alert_ack, tick or call_ended)"#)
        #expect(CallEventError.line(3, .invalid(#"turn: missing "text""#)).description == #"line 3: turn: missing "text""#)
    }
}

@Suite("CallEvent lines")
struct CallEventLinesTests {
    @Test("a JSON-lines text decodes in order, skipping blank lines and carriage returns")
    func decodeLines() throws {
        let text = documentedExamples.prefix(3).joined(separator: "\r\n") + "\n\n   \n" + documentedExamples[16] + "\n"
        let events = try CallEvents.decode(jsonLines: text)
        #expect(events.map(\.type) == ["call_started", "call_started", "turn", "call_ended"])
        #expect(try CallEvents.decode(jsonLines: "") == [])
    }

    @Test("a bad third line is reported as line 3")
    func badThirdLine() {
        let text = [documentedExamples[0], documentedExamples[2], #"{"v":1,"type":"turn","call":"c","at":0,"utterance":"u","speaker":"agent"}"#]
            .joined(separator: "\n")
        #expect(throws: CallEventError.line(3, .invalid(#"turn: missing "text""#))) { try CallEvents.decode(jsonLines: text) }
        let withBlank = "\n" + documentedExamples[0] + "\n" + #"{"v":9}"#
        #expect(throws: CallEventError.line(3, .unsupportedVersion(9))) { try CallEvents.decode(jsonLines: withBlank) }
    }

    @Test("every example in docs/events.md decodes and survives re-encoding", arguments: documentedExamples)
    func documentedExample(line: String) throws {
        let event = try CallEvents.decode(line: line)
        #expect(try CallEvents.decode(line: CallEvents.encode(event)) == event)
        #expect(CallEvents.encode(event) == CallEvents.encode(try CallEvents.decode(line: CallEvents.encode(event))))
    }

    @Test("the documented examples decode to what they say")
    func documentedMeaning() throws {
        let events = try CallEvents.decode(jsonLines: documentedExamples.joined(separator: "\n"))
        guard case .callStarted(let started) = events[0], case .turn(let partial) = events[3], case .turn(let chat) = events[5],
            case .audio(let pcm16) = events[7], case .voice(let voice) = events[8]
        else {
            Issue.record("unexpected event types")
            return
        }
        #expect(started.history?.lastSentiment == .negative)
        #expect(started.history?.lifetimeValue == 18250.5)
        #expect(!partial.isFinal && partial.confidence == 0.71)
        #expect(chat.isFinal && chat.startMs == nil)
        #expect(pcm16.samples.count == 24)
        #expect(voice.track == .customer && voice.features.pitchHz.map { abs($0 - 143.9) < 0.1 } == true)
    }

    @Test("docs/events.md shows exactly these examples and refusals")
    func docsInSync() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/events.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        var examples: [String] = []
        var refusals: [(String, String)] = []
        var inJSON = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inJSON = line == "```json"
                continue
            }
            if inJSON {
                if !line.isEmpty { examples.append(String(line)) }
            } else if line.hasPrefix("| `{") || line.hasPrefix("| `[") {
                let cells = line.split(separator: "|").map {
                    $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                }
                refusals.append((cells[0], cells[1]))
            }
        }
        #expect(examples == documentedExamples)
        #expect(refusals.map(\.0) == documentedErrors.map(\.line))
        #expect(refusals.map(\.1) == documentedErrors.map(\.reason))
    }
}

@Suite("CallEvent transcript")
struct CallEventTranscriptTests {
    private func turn(_ id: String, _ at: Int, _ text: String, final: Bool, speaker: SpeakerRole = .customer) -> Turn {
        Turn(callID: "c", at: at, utteranceID: id, speaker: speaker, text: text, isFinal: final)
    }

    @Test("a partial is added, updated, finalized, and a late partial is ignored")
    func partialLifecycle() {
        var transcript = Transcript()
        #expect(transcript.apply(turn("u1", 100, "I want", final: false)) == .added)
        #expect(transcript.turns.map(\.text) == ["I want"])
        #expect(transcript.finalTurns.isEmpty)
        #expect(transcript.apply(turn("u1", 200, "I want to cancel", final: false)) == .updated)
        #expect(transcript.turns.map(\.text) == ["I want to cancel"])
        #expect(transcript.apply(turn("u1", 300, "I want to cancel my account", final: true)) == .finalized)
        #expect(transcript.finalTurns.map(\.text) == ["I want to cancel my account"])
        #expect(transcript.apply(turn("u1", 250, "I want to cancel my", final: false)) == .ignored)
        #expect(transcript.apply(turn("u1", 400, "I want to cancel my", final: false)) == .ignored)
        #expect(transcript.apply(turn("u1", 400, "a repeated final", final: true)) == .ignored)
        #expect(transcript.turns.count == 1)
        #expect(transcript[utterance: "u1"]?.text == "I want to cancel my account")
        #expect(transcript[utterance: "u9"] == nil)
    }

    @Test("a final with no partials is finalized at once")
    func finalFirst() {
        var transcript = Transcript()
        #expect(transcript.apply(turn("m1", 0, "hello", final: true)) == .finalized)
        #expect(transcript.finalTurns.count == 1)
    }

    @Test("a partial older than the one held is ignored")
    func stalePartial() {
        var transcript = Transcript()
        transcript.apply(turn("u1", 200, "newer", final: false))
        #expect(transcript.apply(turn("u1", 150, "older", final: false)) == .ignored)
        #expect(transcript.turns.map(\.text) == ["newer"])
    }

    @Test("interleaved utterances keep the order they first appeared in")
    func interleaved() {
        var transcript = Transcript()
        transcript.apply(turn("c1", 100, "so the", final: false))
        transcript.apply(turn("a1", 150, "sorry", final: false, speaker: .agent))
        transcript.apply(turn("c1", 200, "so the charge", final: false))
        #expect(transcript.apply(turn("a1", 250, "sorry about that", final: true, speaker: .agent)) == .finalized)
        #expect(transcript.apply(turn("c1", 300, "so the charge is wrong", final: true)) == .finalized)
        #expect(transcript.turns.map(\.utteranceID) == ["c1", "a1"])
        #expect(transcript.finalTurns.map(\.text) == ["so the charge is wrong", "sorry about that"])
        #expect(transcript.finalTurns.map(\.speaker) == [.customer, .agent])
    }

    @Test("the documented partial and final make one final turn")
    func documentedPartials() throws {
        var transcript = Transcript()
        for event in try CallEvents.decode(jsonLines: documentedExamples.joined(separator: "\n")) {
            if case .turn(let turn) = event, turn.callID == "c-20240611-0042" { transcript.apply(turn) }
        }
        #expect(transcript.finalTurns.map(\.utteranceID) == ["u-1", "u-2"])
        #expect(transcript.finalTurns.last?.text == "this is the third time I'm calling about the same charge")
    }
}
