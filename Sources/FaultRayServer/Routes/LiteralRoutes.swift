import Hummingbird

/// The router of the API with the routes whose path has no parameter (`/api/topology`, most of them) in a table by
/// path in front of Hummingbird's trie: one dictionary look-up instead of a walk through the trie, which builds
/// parameters and looks up generic metadata for every request. A request whose path and method are not in the table
/// (a parameter, another spelling of a path, HEAD, a method not served) goes to the trie as before, so every request
/// is answered as the trie alone would answer it: a literal path in the table is the one route the trie resolves it to.
struct LiteralRoutes: HTTPResponderBuilder {
    typealias Responders = [String: [HTTPRequest.Method: RouteTable.GuardedHandler]]

    /// Every route, the literal ones included.
    let router: Router<FaultRayContext>
    /// The middleware every request passes, the router's as the table's.
    let middleware: RequestMiddleware
    /// The handlers of the literal routes by path and method, answered behind `middleware` as the trie answers them.
    private(set) var responders: Responders = [:]

    /// Adds `middleware` to `router`, before any route is put on it.
    init(router: Router<FaultRayContext>, middleware: RequestMiddleware) {
        router.add(middleware: middleware)
        self.router = router
        self.middleware = middleware
    }

    /// Whether `path` is a path as written, not a pattern of Hummingbird's router (`{id}`, `:id`, `*`).
    static func isLiteral(_ path: String) -> Bool { !path.contains { "{}:*".contains($0) } }

    /// Puts `handler` on the router for `method` on `path`, and in the table when `path` is literal.
    mutating func on(_ path: String, method: HTTPRequest.Method, _ handler: RouteTable.GuardedHandler) {
        let routerPath = RouterPath(path)
        router.on(routerPath, method: method, use: handler.respond)
        guard Self.isLiteral(path) else { return }
        // The path as the router keeps it (`RouterPath.description`), which is also the route template metrics name.
        responders[routerPath.description, default: [:]][method] = handler
    }

    func buildResponder() -> Responder {
        Responder(trie: router.buildResponder(), middleware: middleware, literal: responders)
    }

    struct Responder: HTTPResponder {
        let trie: RouterResponder<FaultRayContext>
        let middleware: RequestMiddleware
        let literal: Responders

        /// The middleware, the guard and the handler's call are inlined here: one async frame where the router's
        /// responders take four (middleware, callback, guard, handler).
        func respond(to request: Request, context: FaultRayContext) async throws -> Response {
            let path = request.uri.path
            guard let handler = literal[path]?[request.method] else { return try await trie.respond(to: request, context: context) }
            context.coreContext.endpointPath.value = path  // as the trie sets it: the route's path, here the path itself
            do {
                return try await middleware.handle(request, context: context) { request, context in
                    try await handler.respond(request, context)
                }
            } catch let error as any HTTPResponseError {
                return try error.response(from: request, context: context)
            }
        }
    }
}
