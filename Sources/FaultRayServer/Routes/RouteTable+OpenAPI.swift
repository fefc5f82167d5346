import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird
import HummingbirdCore
import OpenAPIHummingbird
import OpenAPIRuntime

extension RouteTable {
    /// Puts the generated operations on `router`, in a group that gives their handlers the request's context.
    static func add(_ operations: [Builder.Operation], to router: Router<FaultRayContext>) {
        guard !operations.isEmpty else { return }
        let group = router.group().add(middleware: OperationContextMiddleware())
        for operation in operations { operation(group) }
    }

    /// Who may call a generated operation: `permission` (`nil`: anyone), checked before the handler unless
    /// `checkedByHandler` (badges: a project may make its own public), as in `on(_:_:_:permission:checkedByHandler:use:)`;
    /// and, with a `body`, the body as the hand-written routes took it, before the generated code reads it: for JSON,
    /// as `JSONBody.decode` (at most the server's limit (413), not empty (400), declared JSON, `+json` or nothing (415
    /// otherwise)); for a model, as `ModelRoutes.modelBody` (its media type (415), then the limit (413)), handed to the
    /// handler as it came, declared `text/plain`, the one media type of the document's `Model` body the generated code
    /// passes on unread.
    struct Guard: Sendable {
        var permission: Permission?
        var checkedByHandler = false
        var body: Body?
        /// The prefixes that serve the operation, as for a hand-written route: the document's `servers` of its path.
        var availability = Availability.stable

        /// The body of an operation: `jsonAfterProject` and `model` check the project first (a 404 before any
        /// complaint about the body), as the routes of a project's resources do, and hand the checked project to the
        /// handler (`FaultRayContext.checkedProject`), which does not look it up again.
        enum Body: Sendable, Equatable {
            case json, jsonAfterProject
            /// A model for the project that `?project=` (`.query`) or the path's `project_id` (`.path`) names.
            case model(project: ProjectParameter)
        }

        /// Where an operation names its project.
        enum ProjectParameter: Sendable, Equatable {
            case query, path
        }
    }

    /// Checks the project `name` names, as `API.project(id:_:)`, and returns its id: `name` is a `?project=` value
    /// (absent or empty: `default`) or the path's `project_id`, as the guard's `ProjectParameter` says.
    typealias ProjectCheck = @Sendable (_ name: String?, FaultRayContext) async throws -> String
}

extension RouteTable.Builder {
    /// Registers the generated server (`Sources/FaultRayServer/Generated`) of `handler` through this table, each
    /// operation under the prefixes of its guard's availability: each route is listed with its permission from
    /// `guards` (keyed `"GET /health"`, the path relative to the prefixes; an operation without one is a programming
    /// error), authorized before the generated code decodes the request (its project checked by `project` where the
    /// guard says so), and answered by swift-openapi-hummingbird.
    func register(_ handler: some APIProtocol, guards: [String: RouteTable.Guard], project: @escaping RouteTable.ProjectCheck) throws {
        // The generated code registers every operation under one server URL: once per prefix, each transport keeping
        // the operations its prefix serves.
        for prefix in RouteTable.Availability.allPrefixes {
            let transport = OperationTransport(table: self, prefix: prefix, guards: guards, project: project)
            try handler.registerHandlers(on: transport, serverURL: URL(string: prefix.isEmpty ? "/" : prefix)!, configuration: .faultRay)
        }
    }
}

extension Configuration {
    /// The wire format (`WireJSON`), as the generated code takes it.
    static let faultRay = Configuration(dateTranscoder: TimestampTranscoder(), jsonEncodingOptions: JSONEncodingOptions(WireJSON.formatting))
}

extension JSONEncodingOptions {
    /// The options that give `formatting`.
    init(_ formatting: JSONEncoder.OutputFormatting) {
        self = []
        if formatting.contains(.sortedKeys) { insert(.sortedKeys) }
        if formatting.contains(.withoutEscapingSlashes) { insert(.withoutEscapingSlashes) }
        if formatting.contains(.prettyPrinted) { insert(.prettyPrinted) }
    }
}

/// `format: date-time` as the wire format writes and reads it (`WireJSON`).
struct TimestampTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String { WireJSON.timestamp(date) }

    func decode(_ text: String) throws -> Date { try WireJSON.date(text) }
}

extension FaultRayContext {
    /// The context of the generated operation being handled (the generated handlers get only their input).
    @TaskLocal static var operation: FaultRayContext?

    /// The project the guard of the generated operation being handled checked before its body (`.jsonAfterProject`,
    /// `.model`), for the handler to take instead of reading it from the store again; `nil` for the other guards.
    @TaskLocal static var checkedProject: String?

    /// `operation`, which RouteTable sets for every generated route (without it: an unexpected error, a 500).
    static var current: FaultRayContext {
        get throws {
            guard let operation else { throw MissingOperationContext() }
            return operation
        }
    }

    struct MissingOperationContext: Error {}

    /// A path parameter of the route, percent-decoded (`a%20b` is the id `a b`; `a%zz` stays as written).
    func parameter(_ name: String) -> String {
        let raw = parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}

/// Sets `FaultRayContext.operation` for the generated routes.
private struct OperationContextMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: FaultRayContext, next: (Request, FaultRayContext) async throws -> Response) async throws -> Response {
        try await FaultRayContext.$operation.withValue(context) { try await next(request, context) }
    }
}

/// The server transport of the generated code: swift-openapi-hummingbird's, with the table's bookkeeping and
/// guard, and the request and response kept as the hand-written routes read and write them.
private struct OperationTransport: ServerTransport {
    let table: RouteTable.Builder
    let prefix: String
    let guards: [String: RouteTable.Guard]
    let project: RouteTable.ProjectCheck

    typealias Handler = @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)

    func register(_ handler: @escaping Handler, method: HTTPRequest.Method, path: String) throws {
        let relative = String(path.dropFirst(prefix.count))
        guard path.hasPrefix(prefix), let rule = guards["\(method.rawValue) \(relative)"] else {
            preconditionFailure("no guard for the generated operation \(method.rawValue) \(relative)")
        }
        guard rule.availability.prefixes.contains(prefix) else { return }
        let access = table.access, limit = table.maxBodyBytes, project = self.project
        let guarded: Handler = { request, body, metadata in
            if let permission = rule.permission, !rule.checkedByHandler {
                try await access.authorize(try FaultRayContext.current.caller, for: permission)
            }
            let checked: String? = switch rule.body {
            case .jsonAfterProject, .model(project: .query):
                try await project(URI(request.path ?? "").queryParameters["project"].map(String.init), try FaultRayContext.current)
            case .model(project: .path):
                try await project(try FaultRayContext.current.parameter("project_id"), try FaultRayContext.current)
            case .json, nil:
                nil
            }
            var request = Self.normalized(request), body = body
            switch rule.body {
            case .json, .jsonAfterProject:
                let data = try await JSONBody.collect(body, headers: request.headerFields, limit: limit)
                body = HTTPBody(try JSONBody.json(data, mediaType: JSONBody.mediaType(of: request.headerFields)))
                request.headerFields[.contentType] = "application/json"
            case .model:
                body = HTTPBody(try await ModelRoutes.modelBody(body, headers: request.headerFields, limit: limit))
                request.headerFields[.contentType] = "text/plain"
            case nil:
                break
            }
            var (response, responseBody) = try await FaultRayContext.$checkedProject.withValue(checked) { [request, body] in
                try await handler(request, body, Self.normalized(metadata))
            }
            if response.headerFields[.contentType] == "application/json; charset=utf-8" { response.headerFields[.contentType] = "application/json" }
            return (response, responseBody)
        }
        table.record(.init(method: method.rawValue, path: path, permission: rule.permission)) { group in
            group.register(guarded, method: method, path: path)
        }
    }

    /// The request as the hand-written routes read it: a `+` in the query is a plus, not a space; a value with a
    /// `%` that does not start an escape is taken as written (the generated decoder would make both a different
    /// value); `Accept` is not negotiated (the API has one media type per answer).
    private static func normalized(_ request: HTTPRequest) -> HTTPRequest {
        var request = request
        request.headerFields[.accept] = nil
        if let path = request.path, let mark = path.firstIndex(of: "?") {
            let items = path[path.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false)
            request.path = path[...mark] + items.map { asWritten($0).replacingOccurrences(of: "+", with: "%2B") }.joined(separator: "&")
        }
        return request
    }

    /// Path parameters as `FaultRayContext.parameter(_:)` reads them.
    private static func normalized(_ metadata: ServerRequestMetadata) -> ServerRequestMetadata {
        ServerRequestMetadata(pathParameters: metadata.pathParameters.mapValues { Substring(asWritten($0)) })
    }

    /// `text`, or, when it does not percent-decode, `text` with its `%` escaped, so that it decodes to itself.
    private static func asWritten(_ text: Substring) -> String {
        text.removingPercentEncoding == nil ? text.replacingOccurrences(of: "%", with: "%25") : String(text)
    }
}
