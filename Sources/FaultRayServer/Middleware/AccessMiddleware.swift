import FaultRayStore
import Hummingbird
import HTTPTypes

/// Identifies the caller and applies the rate limit to every request, adding the `X-RateLimit-*`
/// headers to every response (and `Retry-After` to a 429). No path is exempt, so no spelling of a path
/// (`//api/…`, `/./api/…`, `%2Fapi/…`, a trailing slash) that the router resolves escapes the limit.
struct AccessMiddleware: RouterMiddleware {
    let access: Access
    let metrics: ServerMetrics

    static let tooManyRequests = "Too many requests. Please try again later."

    /// Inlined into `RequestMiddleware`; the store is awaited only when a key is to be looked up or the rate limit is
    /// counted in a shared store (each async call on the path of every request costs a frame and an executor check).
    @inline(__always)
    func handle(_ request: Request, context: FaultRayContext, next: (Request, FaultRayContext) async throws -> Response) async throws -> Response {
        var context = context
        switch access.credentials(request) {
        case .caller(let caller):
            context.caller = caller
        case .key(let hash):
            do {
                context.caller = try await access.caller(keyHash: hash)
            } catch {
                context.logger.error("store failure while checking a key", metadata: ["error": "\(error)"])
                return try APIError.databaseUnavailable.response(from: request, context: context)
            }
        }
        guard let quota = access.quota(context.caller, request: request, remoteAddress: context.remoteAddress) else {
            return try await next(request, context)
        }
        let decision = await access.decision(quota)
        var response: Response
        if decision.allowed {
            response = try await next(request, context)
        } else {
            metrics.rateLimited(tier: context.caller.tier.rawValue)
            response = try APIError(.tooManyRequests, Self.tooManyRequests, headers: [.retryAfter: String(decision.resetSeconds)])
                .response(from: request, context: context)
        }
        // Appended (no route sets them), which spares the search a subscript makes for each, into room made once for
        // them and the `X-Request-Id` the record middleware appends next.
        response.headers.reserveCapacity(response.headers.count + 4)
        response.headers.append(HTTPField(name: .rateLimitLimit, value: String(decision.limit)))
        response.headers.append(HTTPField(name: .rateLimitRemaining, value: String(decision.remaining)))
        response.headers.append(HTTPField(name: .rateLimitReset, value: String(decision.resetSeconds)))
        return response
    }
}

/// The request context of every route: the caller, as the access middleware identified it.
struct FaultRayContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var caller = Caller.anonymous
    /// The peer's IP address, when known.
    let remoteAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipText
    }
}
