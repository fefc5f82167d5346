import FaultRayCore
import Hummingbird
import HummingbirdCore
import OpenAPIRuntime

/// Query parameters, validated; a bad value is a 400 that names the parameter.
enum Query {
    /// An integer parameter of a generated operation: the generated code decodes it, `value(_:)` applies the
    /// default and the range, and the error middleware answers `rejection(_:)` when it does not decode.
    struct IntParameter: Sendable {
        var name: String
        var fallback: Int
        var range: ClosedRange<Int>

        /// The decoded `value`, `fallback` when absent; a 400 outside `range`.
        func value(_ value: Int?) throws -> Int {
            guard let value else { return fallback }
            if let rejection = rejection(String(value)) { throw rejection }
            return value
        }

        /// The 400 for the raw `text` when it is not an integer in `range`; `nil` when it is.
        func rejection(_ text: String) -> APIError? {
            if let value = Int(text), range.contains(value) { return nil }
            return APIError(.badRequest, "Query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound); got '\(Clip.text(text))'.")
        }
    }

    /// `limit` of the score history.
    static let historyLimit = IntParameter(name: "limit", fallback: 30, range: 1...1000)

    /// A finite number parameter in `range`, `fallback` when absent.
    static func double(_ request: Request, _ name: String, default fallback: Double, range: ClosedRange<Double>, meaning: String) throws -> Double {
        try double(request, name, range: range, meaning: meaning) ?? fallback
    }

    /// A finite number parameter in `range`, nil when absent.
    static func double(_ request: Request, _ name: String, range: ClosedRange<Double>, meaning: String) throws -> Double? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw APIError(.badRequest, "Query parameter '\(name)' must be \(meaning); got '\(Clip.text(String(text)))'.")
        }
        return value
    }

    /// The typed query parameters of the generated operations, by operation id.
    static let generated: [String: [IntParameter]] = [Operations.GetScoreHistory.id: [historyLimit]]

    /// The 400 for a generated operation's request whose typed query parameter did not decode (as
    /// `IntParameter.rejection(_:)` words it); `nil` for any other failure.
    static func rejection(of error: ServerError) -> APIError? {
        guard error.operationInput == nil, error.underlyingError is DecodingError, let path = error.request.path else { return nil }
        let query = URI(path).queryParameters
        return generated[error.operationID, default: []].lazy.compactMap { parameter in
            query[Substring(parameter.name)].flatMap { parameter.rejection(String($0)) }
        }.first
    }
}
