import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird
import NIOCore
import OpenAPIRuntime

/// Turns every error into the error envelope: unknown routes and names (404), wrong methods (405 with `Allow`),
/// oversized bodies (413), bad JSON (400), what the generated operations reject or throw, store failures and
/// cancelled requests (503), and anything unexpected (500, logged, without internals).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    @inline(__always)  // into `RequestMiddleware`, with its closures: no async frame of its own per request
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try apiError(for: error, request: request, context: context).response(from: request, context: context)
        }
    }

    private func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ServerError:
            // The generated operations: a typed query parameter that did not decode, what the handler threw, a
            // body that did not decode, or another bad request the generated code found.
            if let rejection = Query.rejection(of: error) { return rejection }
            if error.httpStatus.kind == .clientError, !(error.underlyingError is DecodingError) {
                return APIError(error.httpStatus, error.causeDescription)
            }
            return apiError(for: error.underlyingError, request: request, context: context)
        case let error as HTTPError where error.status == .notFound:
            let allowed = routes.methods(matching: request.uri.path)
            guard !allowed.isEmpty else {
                return APIError(.notFound, "No route for \(request.method) \(Clip.text(request.uri.path)). See GET /api/openapi.json for the routes.")
            }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            return APIError(.methodNotAllowed, "\(request.method) is not allowed on \(Clip.text(request.uri.path)); allowed: \(allow).",
                            headers: [.allow: allow])
        case is NIOTooManyBytesError:
            return JSONBody.tooLarge(routes.maxBodyBytes)
        case let error as DecodingError:
            return APIError(.badRequest, DecodingMessage.describe(error))
        case let error as ModelError:
            return APIError(.badRequest, "Invalid model: " + error.issues.map(\.description).joined(separator: "; "))
        case let error as UnknownNameError:
            return APIError(.notFound, error.sentence)
        case let error as InvalidFieldError:
            return APIError(.badRequest, error.description)
        case let error as ChatQuestionError:
            return APIError(.badRequest, error.description)
        case let error as StoreError:
            context.logger.error("store failure", metadata: ["error": "\(error)"])
            return .databaseUnavailable
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase)
        case is CancellationError:
            // The client went away and its work was stopped; nobody reads this answer, and it is not a fault.
            context.logger.info("request cancelled", metadata: ["path": "\(request.uri.path)"])
            return APIError(.serviceUnavailable, "The request was cancelled before its answer was ready.")
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return APIError(.internalServerError, "Internal server error. The server log has the details.")
        }
    }
}

/// Messages for JSON bodies that do not decode, naming the field at fault.
enum DecodingMessage {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "Request body is not valid JSON."
        case .dataCorrupted(let context):
            return field(context.codingPath) + context.debugDescription
        case .keyNotFound(let key, let context):
            return "missing required field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context):
            return field(context.codingPath) + "expected \(name(of: type))"
        case .valueNotFound(let type, let context):
            return field(context.codingPath) + "expected \(name(of: type)), found null"
        @unknown default:
            return "Request body could not be read."
        }
    }

    private static func field(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "" : "field '\(path(codingPath))': "
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "a boolean"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        default: return String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
