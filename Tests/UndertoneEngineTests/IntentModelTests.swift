import Foundation
import Testing

@testable import UndertoneEngine

@Suite("Intent model")
struct IntentModelTests {
    static let shipped = try! IntentModel.default

    @Test("save and load give a model that predicts exactly the same")
    func roundTrip() throws {
        let model = IntentTrainerTests.trained.model
        let loaded = try IntentModel(data: model.serialized())
        #expect(loaded.labels == model.labels)
        #expect(loaded.threshold == model.threshold)
        #expect(loaded.temperature == model.temperature)
        #expect(loaded.featureSettings == model.featureSettings)
        #expect(loaded.about == model.about)
        for text in ["will it rain tomorrow", "play some jazz", "order a pizza", "something else entirely", ""] {
            #expect(loaded.classify(text, top: 3) == model.classify(text, top: 3))
        }
        #expect(loaded.serialized() == model.serialized())
    }

    @Test("damaged files are refused with a typed error")
    func damagedFiles() {
        let bytes = [UInt8](IntentTrainerTests.trained.model.serialized())
        #expect(throws: IntentModelError.notAModelFile) { try IntentModel(data: Data("UTM1 something".utf8)) }
        #expect(throws: IntentModelError.notAModelFile) { try IntentModel(data: Data()) }
        #expect(throws: IntentModelError.truncated) { try IntentModel(data: Data(bytes.dropLast(10))) }
        var flipped = bytes
        flipped[flipped.count - 3] ^= 0x40
        #expect(throws: IntentModelError.checksumMismatch) { try IntentModel(data: Data(flipped)) }
        #expect(throws: IntentModelError.self) { try IntentModel(data: Data(bytes + [0])) }
        do {
            _ = try IntentModel(contentsOf: URL(fileURLWithPath: "/no/such/model.uti"))
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let path, _) = error else {
                Issue.record("expected unreadable, got \(error)")
                return
            }
            #expect(path == "/no/such/model.uti")
        }
    }

    @Test("a file of a later version is refused by number")
    func laterVersion() throws {
        let bytes = [UInt8](IntentTrainerTests.trained.model.serialized())
        let headerLength = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        let later = Array(header.replacingOccurrences(of: "\"version\":1", with: "\"version\":9").utf8)
        #expect(later.count == headerLength)
        #expect(throws: IntentModelError.unsupportedVersion(9)) { try IntentModel(data: Data(bytes[0..<8] + later + bytes[(8 + headerLength)...])) }
    }

    @Test(
        "the shipped model hears clear contact-centre intents",
        arguments: [
            ("why is my bill so high this month, I've been overcharged", "billing"),
            ("my internet keeps dropping out and the router light is red", "technical"),
            ("my parcel still hasn't arrived and the tracking hasn't moved", "delivery"),
            ("I forgot my password and now I'm locked out of my account", "account_access"),
            ("I want to cancel my subscription", "cancellation"),
            ("there are payments on my card that I didn't make, I think I've been hacked", "fraud_security"),
            ("I want to make a formal complaint about the service I've received", "complaint"),
            ("what are your opening hours on saturday", "general_enquiry"),
            ("i returned the item two weeks ago and still haven't had my money back", "refund"),
            ("i need to update my address because i moved house", "account_update"),
        ])
    func shippedModel(text: String, expected: String) {
        let prediction = Self.shipped.classify(text)
        #expect(prediction.intent == expected, "\(text): \(prediction)")
    }

    @Test("the shipped model refuses small talk and what no contact centre is asked")
    func shippedOutOfScope() {
        for text in ["tell me a joke", "zzqx vrpl kwyj", "", "hello", "ok thanks bye", "what's the weather like tomorrow"] {
            #expect(Self.shipped.classify(text).isOutOfScope, "\(text): \(Self.shipped.classify(text))")
        }
    }

    @Test("the shipped model names the contact-centre intents and records its data")
    func shippedLabels() {
        let expected: Set = [
            "billing", "technical", "delivery", "account_access", "cancellation", "fraud_security", "complaint", "general_enquiry",
        ]
        #expect(expected.isSubset(of: Set(Self.shipped.labels)))
        #expect(Self.shipped.about["data"]?.contains("Banking77") == true)
        #expect(Self.shipped.learnedOutOfScope)
        #expect(!Self.shipped.labels.contains(IntentModel.outOfScope))
    }
}

@Suite("Intent vocabulary column table")
struct ColumnTableTests {
    @Test("finds every key's column and nothing else, as a dictionary does")
    func matchesDictionary() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 7, 100, 5_000] {
            // Random keys, and keys that differ only in high or low bits (the mix must spread both).
            var keys = (0..<count).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
            keys += (0..<UInt64(count)).map { $0 << 40 } + (0..<UInt64(count)).map { $0 }
            keys += keys.prefix(count / 3)  // a key given twice keeps its last column
            let table = ColumnTable(keys)
            var reference: [UInt64: Int32] = [:]
            for (column, key) in keys.enumerated() { reference[key] = Int32(column) }
            for (key, column) in reference { #expect(table[key] == column) }
            for _ in 0..<1_000 {
                let probe = UInt64.random(in: 0...UInt64.max, using: &generator)
                #expect(table[probe] == reference[probe])
            }
        }
    }
}
