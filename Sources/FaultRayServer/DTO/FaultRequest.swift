import FaultRayCore

/// The optional body of `POST /api/simulate-failure/{id}`: which fault, and a latency fault's size.
struct FaultRequest: Decodable {
    var fault: String?
    var latencyMs: Double?

    static let fields: Set<String> = ["fault", "latency_ms"]

    enum CodingKeys: String, CodingKey {
        case fault
        case latencyMs = "latency_ms"
    }

    /// The fault kind: a crash (`component_down`) by default, a `latency_spike` when only `latency_ms` is given.
    func kind() throws -> FaultKind {
        do {
            return try FaultKind.targeted(named: fault ?? (latencyMs == nil ? "component_down" : "latency_spike"), latencyMs: latencyMs)
        } catch {
            throw APIError(.badRequest, error.message)
        }
    }

}
