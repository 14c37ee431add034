import Foundation
import Testing

@testable import UndertoneEngine
@testable import UndertoneServer

/// `JSONValueParser` reads what `JSONDecoder` reads, to the same values, and refuses what it refuses.
@Suite("JSON values read a byte at a time")
struct JSONValueParserTests {
    /// `JSONDecoder` through `JSONValue`'s `Decodable` conformance: what the parser replaced, the reference here.
    static func reference(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func parsed(_ text: String) -> JSONValue? {
        try? JSONValueParser.parse(text)
    }

    @Test("messages as telephony vendors send them read as JSONDecoder reads them")
    func vendorMessages() throws {
        let texts = [
            #"{"event":"media","sequenceNumber":"3","media":{"track":"inbound","chunk":"1","timestamp":"5","payload":"//79/A=="},"streamSid":"MZ1"}"#,
            #"{"version":"2","type":"open","seq":1,"clientseq":1,"id":"e160e428","position":"PT0S","parameters":{"media":[{"type":"audio","format":"PCMU","channels":["external","internal"],"rate":8000}],"language":"en-US"}}"#,
            #"{ "type" : "error", "data" : { "errors" : [ ] , "ok" : true, "none": null, "ratio": -1.25e-3 } }"#,
            "{\"text\":\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t\",\"raw\":\"café 😀\"}",
        ]
        for text in texts {
            let parsed = try #require(Self.parsed(text), "\(text)")
            #expect(parsed == Self.reference(text), "\(text)")
        }
        // A repeated key keeps its first value, as JSONDecoder keeps it.
        #expect(Self.parsed(#"{"a":1,"a":2}"#) == .object(["a": .number(1)]))
        #expect(Self.reference(#"{"a":1,"a":2}"#) == .object(["a": .number(1)]))
    }

    @Test("random documents, written with random spacing and escapes, read the same as JSONDecoder reads them")
    func randomDocuments() throws {
        var random = SplitMix64(seed: 17)
        for _ in 0..<400 {
            let text = Self.document(depth: 0, &random)
            let parsed = Self.parsed(text)
            #expect(parsed != nil, "\(text)")
            #expect(parsed == Self.reference(text), "\(text)")
        }
    }

    @Test("what is not one JSON value is refused, as JSONDecoder refuses it; a trailing comma too, which it lets through")
    func refusals() {
        // RFC 8259 has no comma before a closing bracket; JSONDecoder takes one, the parser does not.
        for text in ["[1,]", "{\"a\":1,}"] {
            #expect(Self.parsed(text) == nil, "\(text)")
            #expect(Self.reference(text) != nil, "\(text)")
        }
        let texts = [
            "", " ", "{", "}", "[", "[,1]", "{\"a\" 1}", "{a:1}", "{\"a\":1}x", "{\"a\":1}{}", "01", "-", "+1", "1.",
            ".5", "1e", "1e+", "--1", "0x10", "NaN", "Infinity", "1e400", "tru", "nul", "falsey", "\"abc", "\"a\\x\"", "\"\\u12\"",
            "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "\"tab\there\"", "\"line\nbreak\"", "['single']", "{\"a\":[1,2}", "[1 2]",
        ]
        for text in texts {
            #expect(Self.parsed(text) == nil, "\(text.debugDescription)")
            #expect(Self.reference(text) == nil, "JSONDecoder takes \(text.debugDescription)")
        }
    }

    @Test("a zero with an exponent, and a number too small for a Double, are numbers (RFC 8259), though JSONDecoder refuses them")
    func numbersJSONDecoderRefuses() {
        #expect(Self.parsed(#"{"a":0e2,"b":-0E-1,"c":1e-400}"#) == .object(["a": .number(0), "b": .number(0), "c": .number(0)]))
        #expect(Self.reference(#"{"a":0e2}"#) == nil)
        #expect(Self.reference(#"{"c":1e-400}"#) == nil)
    }

    @Test("nesting past 512 is refused rather than recursed into; JSONDecoder's limit is the same")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.parsed(deep) == nil)
        let fine = String(repeating: "{\"a\":", count: 200) + "1" + String(repeating: "}", count: 200)
        #expect(Self.parsed(fine) != nil)
        #expect(Self.parsed(fine) == Self.reference(fine))
        #expect(throws: AdapterError.malformedJSON("the message is not valid JSON")) { try JSONValue.parseObject(deep) }
    }

    // MARK: Random documents

    static func document(depth: Int, _ random: inout SplitMix64) -> String {
        let space = [" ", "", "", "\n", "\t", "\r\n "][random.below(6)]
        switch depth < 4 ? random.below(7) : random.below(4) {
        case 0: return ["true", "false", "null"][random.below(3)]
        case 1: return number(&random)
        case 2, 3: return string(&random)
        case 4, 5:
            let members = (0..<random.below(5)).map { _ in "\(space)\(string(&random))\(space):\(space)\(document(depth: depth + 1, &random))" }
            return "{" + members.joined(separator: ",") + space + "}"
        default:
            let elements = (0..<random.below(5)).map { _ in space + document(depth: depth + 1, &random) }
            return "[" + elements.joined(separator: ",") + space + "]"
        }
    }

    static func number(_ random: inout SplitMix64) -> String {
        var text = random.below(3) == 0 ? "-" : ""
        let zero = random.below(4) == 0
        text += zero ? "0" : String(1 + random.below(9)) + String(random.below(1_000_000))
        let fraction = random.below(2) == 0
        if fraction { text += "." + String(random.below(100_000)) }
        // JSONDecoder refuses a bare zero with an exponent ("0e2"), which JSON allows (`numbersJSONDecoderRefuses`).
        if random.below(3) == 0, !zero || fraction {
            text += ["e", "E"][random.below(2)] + ["", "+", "-"][random.below(3)] + String(random.below(300))
        }
        return text
    }

    /// A string of letters, spaces, punctuation, accents, emoji and control characters, each written raw where JSON
    /// allows it or escaped (short escapes, \u, surrogate pairs) at random.
    static func string(_ random: inout SplitMix64) -> String {
        let scalars: [Unicode.Scalar] = [
            "a", "Z", " ", "\"", "\\", "/", "\u{08}", "\u{0C}", "\n", "\r", "\t", "\u{01}", "\u{7F}", "é", "ß", "€", "😀", "𝄞", "中",
        ]
        var text = "\""
        for _ in 0..<random.below(12) {
            let scalar = scalars[random.below(scalars.count)]
            let short: [Unicode.Scalar: String] = [
                "\"": "\\\"", "\\": "\\\\", "/": "\\/", "\u{08}": "\\b", "\u{0C}": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            ]
            let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
            switch random.below(3) {
            case 0 where !mustEscape: text.unicodeScalars.append(scalar)
            case 1 where short[scalar] != nil: text += short[scalar]!
            default:
                for unit in String(scalar).utf16 { text += String(format: random.below(2) == 0 ? "\\u%04x" : "\\u%04X", unit) }
            }
        }
        return text + "\""
    }
}
