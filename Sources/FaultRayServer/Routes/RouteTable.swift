import FaultRayCore
import FaultRayStore
import Hummingbird

/// The API's routes, registered under every version prefix they belong to, each with the permission
/// it needs. The table is the one list of routes: the router is built from it, 405 answers consult it,
/// and tests compare it with the OpenAPI document and the permission matrix. It is immutable: the route
/// files register with a `Builder`, whose `build()` yields the table, and `add(to:)` puts it on the router.
struct RouteTable: Sendable {
    /// One method on one path (`/api/simulate-failure/{component_id}`, `/badge/{type}.svg`: OpenAPI
    /// style, which Hummingbird's router reads as it is).
    struct Route: Hashable, Comparable, Sendable {
        var method: String
        var path: String
        /// `nil` for public routes.
        var permission: Permission?
        /// Whether the OpenAPI document lists it (every route but the dashboard's pages and files).
        var isAPI = true

        static func < (a: Route, b: Route) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    /// Which prefixes serve a route.
    enum Availability: CaseIterable {
        /// `/api/…`, `/api/v1/…` and `/api/v2/…`.
        case stable
        /// Only `/api/v2/…` (beta).
        case v2
        /// Outside `/api`, as written (`/demo`).
        case root
        /// Outside `/api`, as written, and not part of the API: the dashboard's pages and files.
        case page

        /// The prefixes that serve a route of this availability (`""`: the path as written).
        var prefixes: [String] {
            switch self {
            case .stable: RouteTable.stablePrefixes
            case .v2: ["/api/v2"]
            case .root, .page: [""]
            }
        }

        /// Every prefix that serves some route, each once.
        static let allPrefixes: [String] = allCases.flatMap(\.prefixes).reduce(into: []) { all, prefix in
            if !all.contains(prefix) { all.append(prefix) }
        }
    }

    static let stablePrefixes = ["/api", "/api/v1", "/api/v2"]

    let routes: [Route]
    let maxBodyBytes: Int
    /// The handler of each hand-written route (the first of `routes`, in their order).
    private let handlers: [GuardedHandler]
    /// How each generated operation's route is put on a router (RouteTable+OpenAPI.swift), in the order of the
    /// routes after the hand-written ones.
    private let operations: [Builder.Operation]

    /// Puts every route on `routes`' router, behind the middleware added to it so far (the hand-written ones with a
    /// literal path in its table too).
    func add(to routes: inout LiteralRoutes) {
        for (route, handler) in zip(self.routes, handlers) {
            routes.on(route.path, method: HTTPRequest.Method(route.method)!, handler)
        }
        Self.add(operations, to: routes.router)
    }

    /// Collects the routes while the route files register them.
    final class Builder: Sendable {
        typealias Handler = @Sendable (Request, FaultRayContext) async throws -> Response
        /// Puts one generated operation's route on the group of the generated routes.
        typealias Operation = @Sendable (RouterGroup<FaultRayContext>) -> Void

        let access: Access
        let maxBodyBytes: Int
        let maxComponents: Int
        private let entries = Locked<[(route: Route, handler: GuardedHandler)]>([])
        private let operations = Locked<[(route: Route, operation: Operation)]>([])

        init(access: Access, maxBodyBytes: Int, maxComponents: Int) {
            self.access = access
            self.maxBodyBytes = maxBodyBytes
            self.maxComponents = maxComponents
        }

        /// Registers `handler` for `method` on `path` (relative to the prefixes, `{name}` for parameters);
        /// callers without `permission` get 401/403 once authentication is configured. With
        /// `checkedByHandler`, the handler applies `permission` itself (badges: a project may make its own public).
        func on(_ method: HTTPRequest.Method, _ path: String, _ availability: Availability = .stable, permission: Permission?,
                checkedByHandler: Bool = false, use handler: @escaping Handler) {
            let guarded = GuardedHandler(access: access, permission: checkedByHandler ? nil : permission, handler: handler)
            entries.withLock { entries in
                for prefix in availability.prefixes {
                    entries.append((Route(method: method.rawValue, path: prefix + path, permission: permission, isAPI: availability != .page), guarded))
                }
            }
        }

        /// Lists a generated operation's route, which `operation` puts on the router (RouteTable+OpenAPI.swift).
        func record(_ route: Route, _ operation: @escaping Operation) {
            operations.withLock { $0.append((route, operation)) }
        }

        /// The table of the routes registered so far.
        func build() -> RouteTable {
            let entries = entries.withLock { $0 }, operations = operations.withLock { $0 }
            return RouteTable(routes: entries.map(\.route) + operations.map(\.route), maxBodyBytes: maxBodyBytes,
                              handlers: entries.map(\.handler), operations: operations.map(\.operation))
        }
    }

    /// A hand-written route's handler behind its permission check: 401 or 403 without the permission, once
    /// authentication is configured.
    struct GuardedHandler: Sendable {
        let access: Access
        /// `nil` for a public route, or one whose handler applies its permission itself.
        let permission: Permission?
        let handler: Builder.Handler

        /// Inlined where the table's routes are answered (`LiteralRoutes`): no async frame of its own.
        @inline(__always)
        func respond(_ request: Request, _ context: FaultRayContext) async throws -> Response {
            if let permission { try await access.authorize(context.caller, for: permission) }
            return try await handler(request, context)
        }
    }

    /// Methods registered for the concrete `path` (for 405 answers), HEAD included where GET is. As in
    /// the router, a literal segment wins over a parameter: `/calendar/ical` is not `/calendar/{id}`.
    func methods(matching path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let candidates = routes.compactMap { route in Self.literals(route.path, segments).map { (route, $0) } }
        guard let best = candidates.map(\.1).max(by: { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }) else { return [] }
        var found: [HTTPRequest.Method] = []
        for (route, literals) in candidates where literals == best {
            guard let method = HTTPRequest.Method(route.method), !found.contains(method) else { continue }
            found.append(method)
            if method == .get { found.append(.head) }
        }
        return candidates.first { $0.1 == best }.map { Self.inDocumentOrder(found, path: $0.0.path) } ?? found
    }

    /// For a pattern that fits `segments`: which of its segments are literal; `nil` when it does not fit.
    private static func literals(_ pattern: String, _ segments: [Substring]) -> [Bool]? {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        guard matches(pattern, segments) else { return nil }
        return parts.map { !$0.contains("{") }
    }

    /// Whether `segments` fit `pattern`, where `{name}` matches any segment and `{name}.svg` any
    /// segment ending in `.svg`.
    private static func matches(_ pattern: String, _ segments: [Substring]) -> Bool {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == segments.count && zip(parts, segments).allSatisfy { part, segment in
            guard let open = part.firstIndex(of: "{"), let close = part.firstIndex(of: "}") else { return part == segment }
            return segment.hasPrefix(part[..<open]) && segment.hasSuffix(part[part.index(after: close)...])
        }
    }
}
