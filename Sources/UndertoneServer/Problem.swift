import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import UndertoneEngine

/// An error answered as RFC 9457 problem JSON: `{"type", "title", "status", "detail"}`, with extra members when useful
/// (the lines of a batch that failed, the errors of a policy).
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    public var extra: [String: [String]]

    public init(_ status: HTTPResponse.Status, _ detail: String, extra: [String: [String]] = [:]) {
        self.status = status
        self.detail = detail
        self.extra = extra
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: Self.body(status, detail, extra: extra))))
    }

    /// The problem JSON for a status and a detail.
    static func body(_ status: HTTPResponse.Status, _ detail: String, extra: [String: [String]] = [:]) -> String {
        var body: [String: JSONValue] = [
            "type": .string("about:blank"), "title": .string(status.reasonPhrase), "status": .number(Double(status.code)),
            "detail": .string(detail),
        ]
        for (key, values) in extra { body[key] = .array(values.map(JSONValue.string)) }
        // Strings and numbers only: encoding cannot fail.
        return (try? SortedJSON.string(body)) ?? "{}"
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, detail) }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail) }
    static let unauthorized = Problem(.unauthorized, "an API key is required: Authorization: Bearer KEY, or X-API-Key: KEY")
    static let refusedKey = Problem(.unauthorized, "unknown or revoked API key")
    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, detail) }
}
