import Hummingbird

/// The API's routes, registered under every version prefix they belong to. The table is the one list
/// of routes: the router is built from it, 405 answers consult it, and a test compares it with the
/// OpenAPI document.
final class RouteTable: @unchecked Sendable {
    /// One method on one path (`/api/simulate-failure/{component_id}`, OpenAPI style).
    struct Route: Hashable, Comparable {
        var method: String
        var path: String

        static func < (a: Route, b: Route) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    /// Which prefixes serve a route.
    enum Availability {
        /// `/api/…`, `/api/v1/…` and `/api/v2/…`.
        case stable
        /// Only `/api/v2/…` (beta).
        case v2
        /// Outside `/api`, as written (`/demo`).
        case root
    }

    static let stablePrefixes = ["/api", "/api/v1", "/api/v2"]

    let router: Router<BasicRequestContext>
    let maxBodyBytes: Int
    private(set) var routes: [Route] = []

    init(router: Router<BasicRequestContext>, maxBodyBytes: Int) {
        self.router = router
        self.maxBodyBytes = maxBodyBytes
    }

    /// Registers `handler` for `method` on `path` (relative to the prefixes, `{name}` for parameters).
    func on(_ method: HTTPRequest.Method, _ path: String, _ availability: Availability = .stable,
            use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        let prefixes: [String]
        switch availability {
        case .stable: prefixes = Self.stablePrefixes
        case .v2: prefixes = ["/api/v2"]
        case .root: prefixes = [""]
        }
        for prefix in prefixes {
            let full = prefix + path
            routes.append(Route(method: method.rawValue, path: full))
            let routerPath = full.split(separator: "/").map { $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : $0 }.joined(separator: "/")
            router.on(RouterPath(routerPath), method: method, use: handler)
        }
    }

    /// Methods registered for the concrete `path` (for 405 answers), HEAD included where GET is.
    func methods(matching path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var found: [HTTPRequest.Method] = []
        for route in routes where Self.matches(route.path, segments) {
            guard let method = HTTPRequest.Method(route.method), !found.contains(method) else { continue }
            found.append(method)
            if method == .get { found.append(.head) }
        }
        return found
    }

    private static func matches(_ pattern: String, _ segments: [Substring]) -> Bool {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == segments.count && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}
