import FaultRayCore
import Hummingbird
import HummingbirdCore
import OpenAPIRuntime

/// Query parameters, validated; a bad value is a 400 that names the parameter.
enum Query {
    /// A typed query parameter of a generated operation: the generated code decodes it, and the error middleware
    /// answers `rejection(_:)` of its text as written when it does not decode, or when the handler finds its
    /// value out of bounds (`OutOfBounds`).
    protocol Parameter: Sendable {
        var name: String { get }
        /// The 400 for the raw `text`; `nil` when it is a valid value.
        func rejection(_ text: String) -> APIError?
    }

    /// What a handler throws when a typed parameter decoded but is out of its bounds: the error middleware words
    /// the 400 from the value as written (`Query.rejection(of:)`), else answers `rejection` (worded from the value).
    struct OutOfBounds: Error {
        var rejection: APIError
    }

    /// An integer parameter of a generated operation: `value(_:)` applies the default and the range.
    struct IntParameter: Parameter {
        var name: String
        var fallback: Int
        var range: ClosedRange<Int>

        /// The decoded `value`, `fallback` when absent; a 400 outside `range`.
        func value(_ value: Int?) throws -> Int {
            guard let value else { return fallback }
            if let rejection = rejection(String(value)) { throw rejection }
            return value
        }

        func rejection(_ text: String) -> APIError? {
            if let value = Int(text), range.contains(value) { return nil }
            return APIError(.badRequest, "Query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound); got '\(Clip.text(text))'.")
        }
    }

    /// A finite number query parameter in `range` (`meaning` says so in the 400); with `whole`,
    /// a whole number however written (`2.0` is 2, as JSON Schema's `integer`; the document says `multipleOf: 1`).
    struct NumberParameter: Parameter {
        var name: String
        var range: ClosedRange<Double>
        var meaning: String
        var whole = false

        /// The decoded `value`, `nil` when absent; `OutOfBounds` when it is not finite, outside `range` or, with
        /// `whole`, not a whole number.
        func value(_ value: Double?) throws -> Double? {
            guard let value else { return nil }
            guard value.isFinite, range.contains(value), !whole || value == value.rounded() else { throw outOfBounds(value) }
            return value
        }

        /// The decoded `value`, `fallback` when absent; `OutOfBounds` when it is not finite or outside `range`.
        func value(_ value: Double?, default fallback: Double) throws -> Double {
            try self.value(value) ?? fallback
        }

        private func outOfBounds(_ value: Double) -> OutOfBounds {
            OutOfBounds(rejection: rejection(value.description) ?? APIError(.badRequest, "Query parameter '\(name)' must be \(meaning)"))
        }

        func rejection(_ text: String) -> APIError? {
            guard let value = Double(text), value.isFinite, range.contains(value) else {
                return APIError(.badRequest, "Query parameter '\(name)' must be \(meaning); got '\(Clip.text(text))'.")
            }
            if whole, value != value.rounded() { return APIError(.badRequest, "Query parameter '\(name)' must be \(meaning)") }
            return nil
        }
    }

    /// `limit` of the score history.
    static let historyLimit = IntParameter(name: "limit", fallback: 30, range: 1...1000)

    /// A finite number parameter of a hand-written route in `range`, `fallback` when absent.
    static func double(_ request: Request, _ name: String, default fallback: Double, range: ClosedRange<Double>, meaning: String) throws -> Double {
        try double(request, name, range: range, meaning: meaning) ?? fallback
    }

    /// A finite number parameter of a hand-written route in `range`, nil when absent.
    static func double(_ request: Request, _ name: String, range: ClosedRange<Double>, meaning: String) throws -> Double? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        if let rejection = NumberParameter(name: name, range: range, meaning: meaning).rejection(String(text)) { throw rejection }
        return Double(text)
    }

    /// `max_order` of the cut sets.
    static let maxOrder = NumberParameter(name: "max_order", range: 1...4, meaning: "a whole number from 1 to 4", whole: true)

    /// The typed query parameters of the generated operations, by operation id, in the order they are checked.
    static let generated: [String: [any Parameter]] = [
        Operations.GetScoreHistory.id: [historyLimit],
        Operations.GetCutSets.id: [maxOrder],
    ]

    /// The 400 for a generated operation's request whose typed query parameter did not decode, or that its handler
    /// found out of bounds, worded from the parameter as written; `nil` for any other failure.
    static func rejection(of error: ServerError) -> APIError? {
        let outOfBounds = error.underlyingError as? OutOfBounds
        let undecoded = error.operationInput == nil && error.underlyingError is DecodingError
        guard undecoded || outOfBounds != nil, let path = error.request.path else { return nil }
        let query = URI(path).queryParameters
        return generated[error.operationID, default: []].lazy.compactMap { parameter in
            query[Substring(parameter.name)].flatMap { parameter.rejection(String($0)) }
        }.first ?? outOfBounds?.rejection
    }
}
