import Foundation
import Hummingbird
import HTTPTypes
import Logging

/// Records every request: logs it (`RequestLog`), counts and times it for `/metrics`, and answers it with its request
/// id in `X-Request-Id` (the id every log line of the request carries as `hb.request.id`). One middleware for the
/// three, as every request passes through it: the id is formatted once, for the line and for the header.
struct RequestRecordMiddleware: RouterMiddleware {
    let metrics: ServerMetrics
    let log: RequestLog

    @inline(__always)  // into `RequestMiddleware`, with its closures: no async frame of its own per request
    func handle(_ request: Request, context: FaultRayContext, next: (Request, FaultRayContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        let id = context.id
        log.write(id: id, method: method, path: request.uri.string)
        do {
            var response = try await next(request, context)
            metrics.request(route: context.endpointPath, method: method, status: Int(response.status.code), duration: .now - start)
            response.headers.append(HTTPField(name: .requestID, value: id))  // no route sets it
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
