import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// The web dashboard: its page at `/`, its own CSS and JavaScript under `/dashboard/` (shipped as
/// resources, read once), the caller's session (a generated operation, below) and the one API route only it
/// needed, the server-side topology layout.
/// The files are public (they hold no data; every figure comes from the API, with the visitor's key).
enum DashboardRoutes {
    static let guards: [String: RouteTable.Guard] = ["GET /session": .init(permission: nil)]

    static func register(_ api: API) {
        api.routes.on(.get, "/", .page, permission: nil) { request, _ in
            try DashboardFiles.response(for: "index.html", request)
        }

        api.routes.on(.get, "/dashboard/{file}", .page, permission: nil) { request, context in
            try DashboardFiles.response(for: context.parameter("file"), request)
        }

        api.routes.on(.get, "/topology/layout", permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let assessment = try await api.state.current(project)
            let (filters, groupBy) = try layoutQuery(request, assessment)
            let key = "layout\u{0}\(groupBy?.rawValue ?? "auto")" + filters.map { "\u{0}\($0.key.rawValue)=\($0.value)" }.sorted().joined()
            let data = try await api.state.answer(project, key) { try JSONBody.buffer(TopologyLayout($0, filters: filters, groupBy: groupBy)) }
            return JSONBody.response(encoded: data)
        }
    }
}

extension DashboardRoutes {
    /// The layout's filters (each value one some component has; a 404 with a suggestion otherwise, as for an unknown component; empty:
    /// no filter) and grouping.
    static func layoutQuery(_ request: Request, _ assessment: Assessment) throws -> ([TopologyLayout.Dimension: String], TopologyLayout.Dimension?) {
        var filters: [TopologyLayout.Dimension: String] = [:]
        for dimension in TopologyLayout.Dimension.allCases {
            guard let value = request.uri.queryParameters[Substring(dimension.rawValue)].map(String.init), !value.isEmpty else { continue }
            let known = Set(assessment.model.components.map { dimension.value(of: $0) })
            guard known.contains(value) else {
                throw APIError(.notFound, "No component has \(dimension.rawValue) '\(Clip.text(value))'\(Suggestion.hint(for: value, among: known)).")
            }
            filters[dimension] = value
        }
        guard let text = request.uri.queryParameters["group_by"].map(String.init), text != "auto" else { return (filters, nil) }
        guard let dimension = TopologyLayout.Dimension(rawValue: text) else {
            let names = ["auto"] + TopologyLayout.Dimension.allCases.map(\.rawValue)
            throw APIError(.badRequest, "Query parameter 'group_by' must be one of \(names.joined(separator: ", ")); got '\(Clip.text(text))'.")
        }
        return (filters, dimension)
    }
}

extension OperationHandler {
    func getSession(_ input: Operations.GetSession.Input) async throws -> Operations.GetSession.Output {
        let session = try SessionInfo(try FaultRayContext.current.caller, authRequired: try await api.access.isConfigured())
        return .ok(.init(body: .json(try .init(wire: session))))
    }
}

/// `GET /api/session`: what the caller may do, so a page shows only the actions its key can take.
struct SessionInfo: Encodable {
    /// Whether calls need a key (`--require-auth`, or an active key exists).
    var authRequired: Bool
    /// Whether the call carried a valid key.
    var authenticated: Bool
    /// What the caller may do: every permission while no key is required, else the key's (none without one).
    var permissions: [String]
    /// The one project the key is confined to, if any.
    var project: String?
    var tier: String?

    /// A malformed, unknown or revoked key is the usual 401 once keys are required.
    init(_ caller: Caller, authRequired: Bool) throws {
        self.authRequired = authRequired
        switch caller {
        case .refused(let error) where authRequired:
            throw error
        case .anonymous, .refused:
            authenticated = false
            permissions = authRequired ? [] : Permission.allCases.map(\.rawValue)
        case .key(let record):
            authenticated = true
            permissions = authRequired ? record.permissions : Permission.allCases.map(\.rawValue)
            project = record.project
            tier = record.tier
        }
    }
}

/// The dashboard's files (`Sources/FaultRayServer/Dashboard`), read from the bundle once.
enum DashboardFiles {
    struct File {
        var data: Data
        var contentType: String
        var etag: String
    }

    static let files: [String: File] = {
        guard let folder = Bundle.module.url(forResource: "Dashboard", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                     "svg": "image/svg+xml"]
        var files: [String: File] = [:]
        for name in names {
            guard let type = types[(name as NSString).pathExtension],
                  let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            files[name] = File(data: data, contentType: type, etag: "\"\(SHA256.hex(String(decoding: data, as: UTF8.self)).prefix(16))\"")
        }
        return files
    }()

    /// The file `name`, revalidated by its ETag; an unknown name is a 404. The page is revalidated on
    /// every load; its CSS and JavaScript are kept five minutes, so moving between pages costs no
    /// requests against the caller's rate limit.
    static func response(for name: String, _ request: Request) throws -> Response {
        guard let file = files[name] else {
            throw APIError(.notFound, "No dashboard file '\(Clip.text(name))'.")
        }
        // The page may load only its own files and call only its own server: nothing from a CDN.
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: name == "index.html" ? "no-cache" : "max-age=300", .eTag: file.etag,
                                   .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
                                   .xContentTypeOptions: "nosniff"]
        if request.headers[.ifNoneMatch] == file.etag { return Response(status: .notModified, headers: headers) }
        headers[.contentLength] = String(file.data.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
