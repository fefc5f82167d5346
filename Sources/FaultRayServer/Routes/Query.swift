import FaultRayCore
import Hummingbird

/// Query parameters, validated; a bad value is a 400 that names the parameter.
enum Query {
    /// An integer parameter in `range`, `fallback` when absent.
    static func int(_ request: Request, _ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters[Substring(name)] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(.badRequest, "Query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound); got '\(Clip.text(String(text)))'.")
        }
        return value
    }

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
}

