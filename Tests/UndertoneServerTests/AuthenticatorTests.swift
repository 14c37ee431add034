import HTTPTypes
import Hummingbird
import NIOCore
import Testing

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
        for value in ["Basic dXQ6YWJj", "Bearerx ut_abc", "Bear ut_abc", "ut_abc", "Bearer", "Bearer_ ut_abc"] {
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
