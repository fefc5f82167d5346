/// Changes to try on one component without touching the loaded model.
public struct Modification: Hashable, Sendable, Decodable {
    public var replicas: Int?
    public var circuitBreaker: Bool?
    public var failover: Bool?
    public var autoscaling: Bool?
    public var healthCheck: Bool?

    public init(replicas: Int? = nil, circuitBreaker: Bool? = nil, failover: Bool? = nil, autoscaling: Bool? = nil, healthCheck: Bool? = nil) {
        self.replicas = replicas
        self.circuitBreaker = circuitBreaker
        self.failover = failover
        self.autoscaling = autoscaling
        self.healthCheck = healthCheck
    }

    /// The most replicas a what-if may ask for.
    public static let maxReplicas = 100_000

    enum Key: String, CodingKey, CaseIterable {
        case replicas, circuitBreaker = "circuit_breaker", failover, autoscaling, healthCheck = "health_check"
    }

    /// Strict decoding: unknown keys and wrongly typed values (such as the string "false") are errors.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys where Key(rawValue: key.stringValue) == nil {
            let known = Key.allCases.map(\.rawValue)
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key],
                debugDescription: "unknown modification '\(key.stringValue)'" + Suggestion.hint(for: key.stringValue, among: known)
                    + "; expected one of: " + known.joined(separator: ", ")))
        }
        let typed = try decoder.container(keyedBy: Key.self)
        replicas = try typed.decodeIfPresent(Int.self, forKey: .replicas)
        circuitBreaker = try typed.decodeIfPresent(Bool.self, forKey: .circuitBreaker)
        failover = try typed.decodeIfPresent(Bool.self, forKey: .failover)
        autoscaling = try typed.decodeIfPresent(Bool.self, forKey: .autoscaling)
        healthCheck = try typed.decodeIfPresent(Bool.self, forKey: .healthCheck)
        if let replicas, !(1...Self.maxReplicas).contains(replicas) {
            throw DecodingError.dataCorrupted(.init(codingPath: typed.codingPath + [Key.replicas],
                                                    debugDescription: "replicas must be from 1 to \(Self.maxReplicas)"))
        }
    }
}

/// A coding key for any string.
public struct AnyKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// The `{"modifications": {component_id: {…}}}` body, with component order kept as written.
public struct WhatIfRequest: Decodable, Hashable, Sendable {
    public var modifications: [(id: String, change: Modification)]

    public init(modifications: [(id: String, change: Modification)]) { self.modifications = modifications }

    enum Key: String, CodingKey { case modifications }

    public init(from decoder: Decoder) throws {
        let top = try decoder.container(keyedBy: AnyKey.self)
        for key in top.allKeys where key.stringValue != "modifications" {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "unknown field '\(key.stringValue)'; expected 'modifications'"))
        }
        guard top.contains(AnyKey(stringValue: "modifications")) else {
            throw DecodingError.keyNotFound(Key.modifications, .init(codingPath: [], debugDescription: "missing required field 'modifications'"))
        }
        let container = try top.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(stringValue: "modifications"))
        modifications = try container.allKeys.map { ($0.stringValue, try container.decode(Modification.self, forKey: $0)) }
            .sorted { $0.0 < $1.0 }
    }

    /// Equal when both make the same changes to the same components (Hashable, as the generated server's request
    /// bodies are).
    public static func == (a: WhatIfRequest, b: WhatIfRequest) -> Bool {
        a.modifications.elementsEqual(b.modifications) { $0.id == $1.id && $0.change == $1.change }
    }

    /// Hashes the changes, component by component.
    public func hash(into hasher: inout Hasher) {
        for (id, change) in modifications {
            hasher.combine(id)
            hasher.combine(change)
        }
    }
}

/// The before/after of a what-if.
public struct WhatIfResult: Codable, Sendable, Equatable {
    public var resilienceScore: Double
    public var baselineScore: Double
    public var delta: Double
    public var spofCount: Int
    public var baselineSpofCount: Int
    public var grade: String
    public var availability: AvailabilityFigures
    public var baselineAvailability: AvailabilityFigures
    /// The top findings still costing points on the modified model, with their fixes.
    public var recommendations: [String]
}

public enum WhatIf {
    /// Applies modifications to a copy of the model.
    public static func apply(_ modifications: [(id: String, change: Modification)], to model: InfrastructureModel) throws -> InfrastructureModel {
        var result = model
        for (id, change) in modifications {
            guard let i = result.index(of: id) else {
                throw UnknownNameError(.component, name: id, known: model.components.map(\.id))
            }
            if let replicas = change.replicas { result.components[i] = result.components[i].withReplicas(replicas) }
            if let failover = change.failover { result.components[i].failover.enabled = failover }
            if let healthCheck = change.healthCheck {
                result.components[i].failover.healthCheckIntervalSeconds = healthCheck ? 10 : 0
            }
            if let autoscaling = change.autoscaling {
                result.components[i].autoscaling.enabled = autoscaling
                let replicas = result.components[i].replicas
                if autoscaling, result.components[i].autoscaling.maxReplicas <= replicas {
                    result.components[i].autoscaling.minReplicas = replicas
                    result.components[i].autoscaling.maxReplicas = 2 * replicas
                }
            }
            if let breaker = change.circuitBreaker {
                for e in result.dependencies.indices where result.dependencies[e].target == id {
                    result.dependencies[e].circuitBreaker.enabled = breaker
                }
            }
        }
        return result
    }

    /// Compares the model with and without the modifications.
    public static func evaluate(_ modifications: [(id: String, change: Modification)], on baseline: Assessment) throws -> WhatIfResult {
        let modified = Assessment(try apply(modifications, to: baseline.model))
        return WhatIfResult(
            resilienceScore: modified.score.score,
            baselineScore: baseline.score.score,
            delta: Format.round(modified.score.score - baseline.score.score, places: 1),
            spofCount: modified.spofs.count,
            baselineSpofCount: baseline.spofs.count,
            grade: ResilienceScore.grade(modified.score.score),
            availability: .init(availability: modified.availability.overall),
            baselineAvailability: .init(availability: baseline.availability.overall),
            recommendations: modified.score.largestFindings(limit: 5).map { "\($0.message): \($0.fix)" })
    }
}
