import FaultRayCore
import Foundation
import Hummingbird

/// The one error of the API: every non-2xx answer is `{"error":{"code":N,"message":"…"}}`.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// Extra headers, such as `Allow` on a 405.
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONBody.response(encoded: try envelope())
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The error envelope, encoded.
    func envelope() throws -> Data {
        try WireJSON.encode(Envelope(error: .init(code: status.code, message: message)))
    }

    private struct Envelope: Encodable {
        struct Body: Encodable {
            var code: Int
            var message: String
        }
        var error: Body
    }
}

extension APIError {
    /// No model is loaded yet.
    static let noModel = APIError(.badRequest,
        "No infrastructure loaded. Load the demo with GET /demo, or send your model with PUT /api/infrastructure (YAML or JSON).")

    /// The store failed; the contract's 503.
    static let databaseUnavailable = APIError(.serviceUnavailable, "Database not available")
}
