import Hummingbird

/// The middleware every request passes, in this order: recorded (`RequestRecordMiddleware`: log line, metrics,
/// `X-Request-Id`), admitted (`AccessMiddleware`: the caller and the rate limit), then any error turned into the
/// error envelope (`ErrorMiddleware`). Composed here as one middleware of the router, whose steps call each other
/// directly (and can be inlined) rather than through a layer of the router's middleware stack each.
struct RequestMiddleware: RouterMiddleware {
    let record: RequestRecordMiddleware
    let access: AccessMiddleware
    let errors: ErrorMiddleware<FaultRayContext>

    @inline(__always)  // into the table of literal routes (`LiteralRoutes`)
    func handle(_ request: Request, context: FaultRayContext, next: (Request, FaultRayContext) async throws -> Response) async throws -> Response {
        try await record.handle(request, context: context) { request, context in
            try await access.handle(request, context: context) { request, context in
                try await errors.handle(request, context: context, next: next)
            }
        }
    }
}
