import Hummingbird

/// The router of the API with the routes whose path has no parameter (`/api/topology`, most of them) in a table by
/// path in front of Hummingbird's trie: one dictionary look-up instead of a walk through the trie, which builds
/// parameters and looks up generic metadata for every request. A request whose path and method are not in the table
/// (a parameter, another spelling of a path, HEAD, a method not served) goes to the trie as before, so every request
/// is answered as the trie alone would answer it: a literal path in the table is the one route the trie resolves it to.
struct LiteralRoutes: HTTPResponderBuilder {
    typealias Responders = [String: [HTTPRequest.Method: any HTTPResponder<FaultRayContext>]]

    /// Every route, the literal ones included.
    let router: Router<FaultRayContext>
    /// The responders of the literal routes by path and method, behind the router's middleware as the trie's.
    private(set) var responders: Responders = [:]

    init(router: Router<FaultRayContext>) { self.router = router }

    /// Whether `path` is a path as written, not a pattern of Hummingbird's router (`{id}`, `:id`, `*`).
    static func isLiteral(_ path: String) -> Bool { !path.contains { "{}:*".contains($0) } }

    /// Puts `handler` on the router for `method` on `path`, and in the table when `path` is literal.
    mutating func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping @Sendable (Request, FaultRayContext) async throws -> Response) {
        router.on(RouterPath(path), method: method, use: handler)
        guard Self.isLiteral(path) else { return }
        // The path as the router keeps it (`RouterPath.description`), which is also the route template metrics name.
        responders[RouterPath(path).description, default: [:]][method] =
            router.middlewares.constructResponder(finalResponder: CallbackResponder(callback: handler))
    }

    func buildResponder() -> Responder {
        Responder(trie: router.buildResponder(), literal: responders)
    }

    struct Responder: HTTPResponder {
        let trie: RouterResponder<FaultRayContext>
        let literal: Responders

        func respond(to request: Request, context: FaultRayContext) async throws -> Response {
            let path = request.uri.path
            guard let responder = literal[path]?[request.method] else { return try await trie.respond(to: request, context: context) }
            context.coreContext.endpointPath.value = path  // as the trie sets it: the route's path, here the path itself
            do {
                return try await responder.respond(to: request, context: context)
            } catch let error as any HTTPResponseError {
                return try error.response(from: request, context: context)
            }
        }
    }
}
