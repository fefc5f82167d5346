import Foundation
import Hummingbird
import HTTPTypes

/// Counts and times every request for `/metrics`, and answers it with its request id in
/// `X-Request-Id` (the id every log line of the request carries as `hb.request.id`).
struct MetricsMiddleware: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: FaultRayContext, next: (Request, FaultRayContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            var response = try await next(request, context)
            metrics.request(route: context.endpointPath, method: method, status: Int(response.status.code), duration: .now - start)
            response.headers[.requestID] = context.id
            return response
        } catch {
            // Errors the inner middleware did not answer (the error middleware answers all it can).
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(route: context.endpointPath, method: method, status: Int(status), duration: .now - start)
            throw error
        }
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
