import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A method a known path does not take is answered 405 with `Allow`, not the router's 404 (which says the path does not
/// exist). The paths and their methods are those of the OpenAPI document, which a test keeps equal to the router's.
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Each documented path's segments (`{name}` matches any one) and its methods, upper case.
    let paths: [(segments: [Substring], methods: [String])]

    init(document: Data?) {
        let object = document.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let documented = object?["paths"] as? [String: [String: Any]] ?? [:]
        paths = documented.map { path, operations in
            (path.split(separator: "/"), operations.keys.map { $0.uppercased() }.filter { $0 != "PARAMETERS" }.sorted())
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            let allowed = paths.filter { path in
                path.segments.count == segments.count && zip(path.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }.flatMap(\.methods)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            let methods = Array(Set(allowed)).sorted().joined(separator: ", ")
            var headers: HTTPFields = [.contentType: "application/problem+json"]
            headers[.allow] = methods
            let body = Problem.body(.methodNotAllowed, "\(request.method.rawValue) is not a method of \(request.uri.path); it takes \(methods)")
            return Response(status: .methodNotAllowed, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
