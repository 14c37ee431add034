import HTTPTypes
import Testing

@testable import UndertoneServer

@Suite("Header values")
struct HeaderValueTests {
    @Test("a header's value reads as the fields' subscript gives it: none, one, several joined, cookies with semicolons")
    func sameAsSubscript() {
        let apiKey = HTTPField.Name("X-API-Key")!
        let cases: [HTTPFields] = [
            [:],
            [.authorization: "Bearer ut_abc"],
            [.contentType: "application/json", .authorization: "Bearer  ut_abc "],
            HTTPFields([HTTPField(name: .authorization, value: "Bearer a"), HTTPField(name: .authorization, value: "Bearer b")]),
            HTTPFields([HTTPField(name: apiKey, value: "k1"), HTTPField(name: .accept, value: "*/*"), HTTPField(name: apiKey, value: "k2")]),
            HTTPFields([HTTPField(name: .cookie, value: "a=1"), HTTPField(name: .cookie, value: "b=2")]),
            HTTPFields([HTTPField(name: HTTPField.Name("authorization")!, value: "bearer lower")]),
        ]
        for fields in cases {
            for name in [HTTPField.Name.authorization, apiKey, .cookie, .accept] {
                #expect(fields.value(name) == fields[name], "\(name) in \(fields)")
            }
        }
        #expect(cases[3].value(.authorization) == "Bearer a, Bearer b")
        #expect(cases[5].value(.cookie) == "a=1; b=2")
    }
}
