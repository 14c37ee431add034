import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard's files (HTML, CSS, JavaScript), read once from the bundle. Only these names are ever served: a request
/// picks an entry of this table by name and never reaches the file system, so no path can climb out of it.
struct DashboardAssets: Sendable {
    struct Asset: Sendable {
        var bytes: ByteBuffer
        var contentType: String
        var etag: String
    }

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png",
    ]

    /// Scripts, styles and connections only from this server; no inline script or style, no frames, no plug-ins.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let bundled = DashboardAssets(directory: Bundle.module.url(forResource: "Dashboard", withExtension: nil))

    let assets: [String: Asset]

    init(directory: URL?) {
        var assets: [String: Asset] = [:]
        let names = directory.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        for name in names {
            guard let directory, let type = Self.contentTypes[(name as NSString).pathExtension.lowercased()],
                let data = try? Data(contentsOf: directory.appendingPathComponent(name))
            else { continue }
            let digest = SHA256.hash(data: data).prefix(12).lowercaseHex
            assets[name] = Asset(bytes: ByteBuffer(bytes: data), contentType: type, etag: "\"\(digest)\"")
        }
        self.assets = assets
    }

    /// The asset as a response: revalidated on every use (`no-cache` with an ETag, `304` when unchanged), under the
    /// Content-Security-Policy.
    func response(_ name: String, to request: Request) throws -> Response {
        guard let asset = assets[name] else { throw Problem.notFound("no dashboard file \"\(name)\"") }
        var headers: HTTPFields = [
            .contentType: asset.contentType, .cacheControl: "no-cache", .eTag: asset.etag, .contentSecurityPolicy: Self.contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
        ]
        for (name, value) in [("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")] {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag })
        {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.bytes))
    }
}

extension ServerContext {
    /// The supervisor dashboard at `/`, the agent view at `/agent`, their files under `/assets/`, and what the browser
    /// needs from the API besides: the session (`SessionRoutes.swift`) and a call's outputs (`CallOutputRoutes.swift`).
    func registerDashboardRoutes(_ router: Router<AppRequestContext>) {
        let assets = DashboardAssets.bundled
        router.get("/") { request, _ -> Response in try assets.response("index.html", to: request) }
        router.get("/agent") { request, _ -> Response in try assets.response("agent.html", to: request) }
        router.get("/assets/{file}") { request, context -> Response in try assets.response(try context.parameters.require("file"), to: request) }
        registerSessionRoutes(router)
        registerCallOutputRoutes(router)
    }
}
