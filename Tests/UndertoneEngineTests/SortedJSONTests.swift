import Foundation
import Testing

@testable import UndertoneEngine

/// `SortedJSON` must write exactly what Foundation's `JSONEncoder` writes with sorted keys, unescaped slashes and ISO
/// 8601 dates: the log, the feed and the API answers were written by Foundation before, and readers compare them.
@Suite("SortedJSON — byte for byte what JSONEncoder writes")
struct SortedJSONTests {
    static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func expectSame(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = String(decoding: try foundation.encode(value), as: UTF8.self)
        #expect(try SortedJSON.string(value) == expected, sourceLocation: sourceLocation)
    }

    @Test("every event and output of the example calls, and each call's hand-off packet")
    func exampleCalls() throws {
        let model = try TextModel.bundled()
        var compared = 0
        for call in ExampleCalls.cases {
            let events = try ExampleCalls.events(call.file)
            var analyzer = CallAnalyzer(policy: try Policy.preset(named: call.expectation.preset), textModel: model)
            var outputs: [EngineOutput] = []
            for event in events {
                try Self.expectSame(event)
                #expect(CallEvents.encode(event) == String(decoding: try Self.foundation.encode(event), as: UTF8.self))
                for output in analyzer.ingest(event) {
                    try Self.expectSame(output)
                    outputs.append(output)
                    compared += 1
                }
            }
            if let packet = HandoffPacket.build(events: events, outputs: outputs, link: "/v1/calls/x/handoff") { try Self.expectSame(packet) }
        }
        #expect(compared > 100)
    }

    @Test("members added as JSON text are written where their keys sort, as the value holding them would be")
    func addedMembers() throws {
        let model = try TextModel.bundled()
        let created = Date(timeIntervalSince1970: 1_800_000_000.25)
        var packets = 0
        for call in ExampleCalls.cases {
            let events = try ExampleCalls.events(call.file)
            var analyzer = CallAnalyzer(policy: try Policy.preset(named: call.expectation.preset), textModel: model)
            let outputs = events.flatMap { analyzer.ingest($0) }
            guard let packet = HandoffPacket.build(events: events, outputs: outputs, link: "/v1/calls/x/handoff") else { continue }
            packets += 1
            // A follow-up with its packet, written whole, against the follow-up without it plus the packet's own text:
            // "packet" sorts between "owner" and "reason", inside the object.
            let whole = FollowUp(
                id: "fu-1", callID: "c-\(packets)", alertID: "a-1", reason: "escalated", owner: "duty-manager",
                due: created.addingTimeInterval(86_400), createdAt: created, packet: packet)
            var bare = whole
            bare.packet = nil
            let packetJSON = try SortedJSON.string(packet)
            let expected = String(decoding: try Self.foundation.encode(whole), as: UTF8.self)
            #expect(try SortedJSON.string(bare, adding: [("packet", packetJSON)]) == expected)
        }
        #expect(packets > 10)
        // First and last places, several members, and a member that replaces the value's own.
        #expect(try SortedJSON.string(["m": 1], adding: [("a", "[1,2]"), ("z", "{\"y\":null}")]) == #"{"a":[1,2],"m":1,"z":{"y":null}}"#)
        #expect(try SortedJSON.string(["m": 1, "n": 2], adding: [("m", "\"x\"")]) == #"{"m":"x","n":2}"#)
        #expect(try SortedJSON.string([String: Int](), adding: []) == "{}")
        #expect(throws: EncodingError.self) { try SortedJSON.string([1, 2], adding: [("a", "1")]) }
    }

    @Test("strings: quotes, backslashes, control characters, slashes and non-ASCII")
    func strings() throws {
        var everyControl = ""
        for scalar in 0..<0x20 { everyControl.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        for text in ["", "plain", "a \"quoted\" \\ back/slash", everyControl, "\u{7f} é 😀 \u{2028}\u{2029}", "line\r\nbreak\ttab"] {
            try Self.expectSame(text)
            try Self.expectSame(["key \(text)": text])
            #expect(SortedJSON.quoted(text) == String(decoding: try Self.foundation.encode(text), as: UTF8.self))
        }
    }

    @Test("numbers: integers of every width, doubles and floats as Foundation writes them")
    func numbers() throws {
        try Self.expectSame([Int.min, -1, 0, 1, Int.max])
        try Self.expectSame([Int8.min, Int8.max])
        try Self.expectSame([UInt64.max])
        try Self.expectSame([0.0, -0.0, 1.0, 0.1, 1e-7, 1e16, 1e21, 123_456_789.125, 3e-5, 1.5e300, 0.1 + 0.2, 100, 2.5, .ulpOfOne])
        try Self.expectSame([Float(0.1), Float(1e-7), Float(3), Float.greatestFiniteMagnitude])
        var generator = SystemRandomNumberGenerator()
        var doubles: [Double] = []
        for _ in 0..<5_000 {
            doubles.append(Double(bitPattern: generator.next()))
            doubles.append(Double.random(in: -1_000...1_000, using: &generator))
            doubles.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 100)
        }
        try Self.expectSame(doubles.filter(\.isFinite))
    }

    @Test("a non-finite number throws, as Foundation's does")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try SortedJSON.string([Double.nan]) }
        #expect(throws: EncodingError.self) { try SortedJSON.string(["x": Double.infinity]) }
    }

    struct Wrapped: Encodable {
        var inner: Inner
        var tags: [String: Int]
        var date: Date
        var data: Data
        var url: URL
        var nothing: Int?

        struct Inner: Encodable {
            var z: Int
            var a: [Double?]
        }

        enum Keys: String, CodingKey { case inner, tags, date, data, url, nothing, nested, list, again }
        enum NestedKeys: String, CodingKey { case b, a }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(inner, forKey: .inner)
            try container.encode(tags, forKey: .tags)
            try container.encode(date, forKey: .date)
            try container.encode(data, forKey: .data)
            try container.encode(url, forKey: .url)
            try container.encodeIfPresent(nothing, forKey: .nothing)
            var nested = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
            try nested.encode("b", forKey: .b)
            try nested.encodeNil(forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            try list.encode("two")
            var inList = list.nestedContainer(keyedBy: NestedKeys.self)
            try inList.encode(3.5, forKey: .a)
            // A key set twice keeps its last value; a second container of the same encoder adds to the same object.
            try container.encode("first", forKey: .again)
            try container.encode("second", forKey: .again)
            var more = encoder.container(keyedBy: NestedKeys.self)
            try more.encode(true, forKey: .a)
        }
    }

    @Test("nested and repeated containers, optionals, dates, data and URLs")
    func containers() throws {
        let value = Wrapped(
            inner: .init(z: 1, a: [1, nil, 2.25]), tags: ["b": 2, "a": 1, "B": 0], date: Date(timeIntervalSince1970: 1_700_000_000.7),
            data: Data([1, 2, 3, 250]), url: URL(string: "https://example.com/a/b?c=d")!, nothing: nil)
        try Self.expectSame(value)
        try Self.expectSame([value, value])
        try Self.expectSame(["k": [String: Int]()])
        // Keys sort byte by byte in UTF-8: a prefix first, upper case before lower, non-ASCII after ASCII.
        try Self.expectSame(["é": 1, "e": 2, "ea": 3, "": 4, "日本": 5, "z": 6, "Z": 7, "🙂": 8])
        try Self.expectSame([[Int]]())
        try Self.expectSame(Optional<Int>.none)
    }
}
