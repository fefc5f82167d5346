/// The seven heat-map dimensions of one component, each in [0, 1] where 1 is the riskiest.
/// The same shape carries the weights of the overall score.
public struct RiskDimensions: Codable, Sendable, Equatable {
    /// Share of the model whose health worsens when the whole component is lost (cascade engine,
    /// the component itself included): the cascade's `blast_radius_score`.
    public var blastRadius: Double
    /// 1 when the component is a single point of failure under the one SPOF rule, else 0.
    public var spof: Double
    /// Utilization / 100, at most 1.
    public var utilization: Double
    /// Layers of dependents above the component (longest chain of dependents of any type, a cycle
    /// counted once), divided by the deepest such chain in the model; entry points are 0.
    public var dependencyDepth: Double
    /// `1 − (0.4·failover + 0.3·[replicas ≥ 2] + 0.3·fastRepair)`, where `fastRepair` is 1 for an MTTR
    /// of at most 10 minutes, 0 from 120 minutes, linear in between.
    public var recovery: Double
    /// 1 minus the weights of the protections present: encryption in transit 0.2, authentication 0.2,
    /// encryption at rest 0.15, network segmentation 0.15, logging 0.1, intrusion detection 0.1,
    /// WAF or rate limiting 0.1.
    public var security: Double
    /// 0 for components run in-house. A third-party service (type `external_api` or `llm_endpoint`, or
    /// any component with an `external_sla`) scores `0.5 + 0.5 × clamp(1 − nines(SLA) / 4, 0, 1)`: half
    /// for being outside the team's control, the rest for an SLA weaker than four nines (99.9 % when
    /// no SLA is given).
    public var externalDependency: Double

    /// Weights of the overall score; they sum to 1. There is no change-frequency dimension: the model has
    /// no deployment or change-rate field, and a constant would be presented as a measurement.
    public static let weights = RiskDimensions(
        blastRadius: 0.20, spof: 0.20, utilization: 0.15, dependencyDepth: 0.10,
        recovery: 0.15, security: 0.10, externalDependency: 0.10)

    static var all: [WritableKeyPath<RiskDimensions, Double>] {
        [\.blastRadius, \.spof, \.utilization, \.dependencyDepth, \.recovery, \.security, \.externalDependency]
    }

    /// `Σ weight × score`.
    public var overall: Double {
        Self.all.reduce(0) { $0 + Self.weights[keyPath: $1] * self[keyPath: $1] }
    }

    /// Every dimension rounded to `places` decimals.
    func rounded(places: Int) -> RiskDimensions {
        var result = self
        for key in Self.all { result[keyPath: key] = Format.round(self[keyPath: key], places: places) }
        return result
    }
}

/// The rules behind each dimension, with the sentence that explains a high score.
enum RiskRules {
    static let failoverCredit = 0.4, replicaCredit = 0.3, repairCredit = 0.3
    static let fastRepairMinutes = 10.0, slowRepairMinutes = 120.0
    /// A dimension above this value is explained in the component's risk factors.
    static let factorThreshold = 0.5

    static var protections: [(name: String, weight: Double, present: (SecurityProfile) -> Bool)] {
        [
            ("encryption in transit", 0.20, \.encryptionInTransit),
            ("authentication", 0.20, \.authRequired),
            ("encryption at rest", 0.15, \.encryptionAtRest),
            ("network segmentation", 0.15, \.networkSegmented),
            ("logging", 0.10, \.logEnabled),
            ("intrusion detection", 0.10, \.idsMonitored),
            ("WAF or rate limiting", 0.10, { $0.wafProtected || $0.rateLimiting }),
        ]
    }

    static func fastRepair(_ component: Component) -> Double {
        let minutes = component.operationalProfile.mttrMinutes
        return min(1, max(0, (slowRepairMinutes - minutes) / (slowRepairMinutes - fastRepairMinutes)))
    }

    static func recovery(_ component: Component) -> Double {
        let credit = (component.failover.enabled ? failoverCredit : 0) + (component.replicas >= 2 ? replicaCredit : 0)
            + repairCredit * fastRepair(component)
        return min(1, max(0, 1 - credit))
    }

    static func security(_ component: Component) -> Double {
        let present = protections.reduce(0) { $0 + ($1.present(component.security) ? $1.weight : 0) }
        return min(1, max(0, 1 - present))
    }

    static func isThirdParty(_ component: Component) -> Bool {
        component.type == .externalAPI || component.type == .llmEndpoint || component.externalSLA != nil
    }

    /// The provider's SLA in percent (the model's default SLA when none is declared).
    static func providerSLA(_ component: Component) -> Double {
        (component.externalSLA ?? ExternalSLA()).providerSLA
    }

    static func externalDependency(_ component: Component) -> Double {
        guard isThirdParty(component) else { return 0 }
        let nines = AvailabilityModel.nines(providerSLA(component) / 100)
        return 0.5 + 0.5 * min(1, max(0, 1 - nines / 4))
    }

    /// Longest chain of dependents above each component, in layers; a cycle counts once.
    static func upstreamDepth(_ graph: CompiledGraph, _ groups: StronglyConnected) -> [Int] {
        // Groups come dependencies-first, so walking them backwards sees every dependent group first.
        var depth = [Int](repeating: 0, count: groups.members.count)
        for g in groups.members.indices.reversed() {
            for i in groups.members[g] {
                for (d, _) in graph.dependentsOf(i) where groups.group[d] != g {
                    depth[g] = max(depth[g], depth[groups.group[d]] + 1)
                }
            }
        }
        return (0..<graph.count).map { depth[groups.group[$0]] }
    }

    /// Sentences explaining each dimension above `factorThreshold`.
    static func factors(_ scores: RiskDimensions, component: Component, affected: Int, count: Int, depth: Int) -> [String] {
        var factors: [String] = []
        let high = { (value: Double) in value > factorThreshold }
        if high(scores.blastRadius) {
            factors.append("Its loss affects \(affected) of \(count) components (\(Format.percent(scores.blastRadius * 100)))")
        }
        if high(scores.spof) { factors.append("Single point of failure: one instance, no failover, and an entry point requires it") }
        if high(scores.utilization) { factors.append("Runs at \(Format.percent(scores.utilization * 100)) utilization") }
        if high(scores.dependencyDepth) { factors.append("\(depth) layer\(depth == 1 ? "" : "s") of dependents above it") }
        if high(scores.recovery) {
            var missing: [String] = []
            if !component.failover.enabled { missing.append("no failover") }
            if component.replicas < 2 { missing.append("a single replica") }
            if fastRepair(component) < 1 { missing.append("MTTR of \(Format.number(component.operationalProfile.mttrMinutes)) minutes") }
            factors.append("Limited recovery: " + missing.joined(separator: ", "))
        }
        if high(scores.security) {
            let missing = protections.filter { !$0.present(component.security) }.map(\.name)
            factors.append("Missing protections: " + missing.joined(separator: ", "))
        }
        if high(scores.externalDependency) {
            factors.append("Third-party service with a \(Format.number(providerSLA(component), places: 3))% SLA")
        }
        return factors
    }
}
