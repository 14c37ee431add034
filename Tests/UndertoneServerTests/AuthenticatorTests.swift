import HTTPTypes
import Hummingbird
import NIOCore
import Testing
import UndertoneEngine

@testable import UndertoneServer

@Suite("Authenticator: where a request's key is found")
struct AuthenticatorTests {
    static func request(path: String = "/v1/calls", _ fields: [(String, String)]) -> Request {
        var headers = HTTPFields()
        for (name, value) in fields { headers.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path, headerFields: headers),
            body: RequestBody(buffer: ByteBuffer()))
    }

    @Test("Bearer in any case, then X-API-Key, then the key query parameter; other schemes are not a key")
    func secrets() {
        for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
            #expect(Authenticator.secret(in: Self.request([("Authorization", "\(scheme) ut_abc ")])) == "ut_abc")
        }
        #expect(Authenticator.secret(in: Self.request([("Authorization", "Bearer  ut_abc")])) == "ut_abc")
        for value in ["Basic dXQ6YWJj", "Bearerx ut_abc", "Bear ut_abc", "ut_abc", "Bearer", "Bearer_ ut_abc", "Bearer ", "Bearer   "] {
            #expect(Authenticator.secret(in: Self.request([("Authorization", value)])) == nil, "\(value)")
        }
        #expect(Authenticator.secret(in: Self.request([("x-api-key", "ut_def")])) == "ut_def")
        #expect(Authenticator.secret(in: Self.request([("Authorization", "Basic x"), ("X-API-Key", "ut_def")])) == "ut_def")
        #expect(Authenticator.secret(in: Self.request(path: "/v1/feed?key=ut_ghi", [])) == "ut_ghi")
        #expect(Authenticator.secret(in: Self.request([])) == nil)
        // Every byte that is not a letter of "bearer" stays unequal to it however its case bit is set.
        for byte in UInt8(0)...UInt8(0x7e) where !"bearerBEARER".utf8.contains(byte) {
            let scheme = String(decoding: [byte] + Array("earer".utf8), as: UTF8.self)
            #expect(!Authenticator.isBearer(Substring(scheme)))
        }
    }
}

@Suite("A key's hash and a batch's calls, made without spare copies")
struct RequestPathTests {
    @Test("a key's hash is its SHA-256 in lowercase hexadecimal; any bytes come out as two digits each")
    func keyHash() {
        // FIPS 180-2's example: SHA-256 of "abc".
        #expect(APIKey.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect([UInt8]([0x00, 0x09, 0x0a, 0x0f, 0x10, 0x9f, 0xa0, 0xff]).lowercaseHex == "00090a0f109fa0ff")
        #expect((0...255).map { UInt8($0) }.lowercaseHex.count == 512)
        #expect([UInt8]().lowercaseHex == "")
    }

    @Test("a batch's events by call: first-seen order, each call's events in order, one call's batch as it came")
    func byCall() throws {
        func turn(_ call: String, _ utterance: String) throws -> IngestItem {
            try IngestWire.item(
                line: #"{"v":1,"type":"turn","call":"\#(call)","at":1,"utterance":"\#(utterance)","speaker":"customer","text":"hi"}"#)
        }
        let mixed = [try turn("b", "1"), try turn("a", "2"), try turn("b", "3"), try turn("c", "4"), try turn("a", "5")]
        let grouped = IngestWire.byCall(mixed)
        #expect(grouped.map(\.callID) == ["b", "a", "c"])
        let utterances = grouped.map { group in
            group.items.map { item -> String in
                if case .turn(let turn) = item.event { return turn.utteranceID }
                return ""
            }
        }
        #expect(utterances == [["1", "3"], ["2", "5"], ["4"]])
        let one = [try turn("a", "1"), try turn("a", "2")]
        #expect(IngestWire.byCall(one).map(\.callID) == ["a"])
        #expect(IngestWire.byCall(one).first?.items == one)
        #expect(IngestWire.byCall([]).isEmpty)
    }

    @Test("an ack: its numbers and the call's id written straight into the buffer, the id escaped as JSON needs")
    func receipt() {
        var receipt = IngestReceipt(acknowledged: [7, 8], accepted: 2, outputLines: ["{}", "{}", "{}"], lastSequence: 8)
        #expect(
            IngestWire.receiptJSON(receipt, callID: "c-1") == #"{"type":"ack","call":"c-1","lastSeq":8,"acknowledged":[7,8],"outputs":3}"#)
        receipt = IngestReceipt(acknowledged: [], duplicates: [3, 4], outputLines: [], lastSequence: 12_345_678_901_234_567)
        #expect(
            IngestWire.receiptJSON(receipt, callID: "say \"hi\"\n")
                == #"{"type":"ack","call":"say \"hi\"\n","lastSeq":12345678901234567,"acknowledged":[],"duplicates":[3,4],"outputs":0}"#)
    }
}
