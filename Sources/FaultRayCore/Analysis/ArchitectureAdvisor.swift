import Foundation

/// Plans the smallest set of changes that lifts the model's availability to a target number of nines.
///
/// Rules:
/// - The objective is the availability model's overall figure (the weakest entry point), never the score.
///   The target counts as met only when the lower end of that figure's 95 % interval meets it (the point
///   itself when the figure is exact; the Wilson bound when it was sampled).
/// - Candidate changes, with their effort class: one more replica (medium, 2) and failover to a standby
///   (high, 3). They are the what-if modifications `replicas` and `failover`, so a plan can be replayed
///   with `POST /api/whatif/calculate`, or exported with `POST /api/whatif/export` and simulated. A
///   circuit breaker is never proposed: it fails fast but the function is still lost, so it adds no
///   availability (only a fallback or a second provider does, and those are changes of structure).
/// - Candidates are the components in the weakest entry point's `requires`-closure (the only ones that
///   bound it), least available first, at most `candidateLimit` of them per step; third parties (an
///   external SLA) cannot be raised and are not candidates.
/// - Greedy by measured gain: at each step every candidate is applied to a copy of the current model and
///   its availability recomputed; the change with the largest nines gained per effort wins (ties: model
///   order). Steps stop when the target is met, when nothing gains `minimumGain`, or after `stepLimit`.
/// - When the target is not met, the plan's figure is the best this greedy search reaches, and the events
///   that still bound the weakest entry point are named (an external SLA, a region, a zone, a host).
public struct ArchitectureAdvisor: Sendable {
    public static let targetRange = 1.0...6.0
    public static let candidateLimit = 12
    public static let stepLimit = 12
    /// Smallest gain, in nines, that a step must measure to be proposed (the precision shown).
    public static let minimumGain = 0.01

    public let baseline: Assessment

    public init(_ baseline: Assessment) { self.baseline = baseline }

    /// The advice for reaching `targetNines` (validated to `targetRange` by the caller).
    public func advise(targetNines: Double) -> ArchitectureAdvice {
        var model = baseline.model
        var availability = baseline.availability
        var plan: [PlannedChange] = []
        var modifications: [String: Modification] = [:]
        while !Self.meets(availability, targetNines), plan.count < Self.stepLimit {
            let before = AvailabilityModel.nines(availability.overall)
            var best: (change: Candidate, model: InfrastructureModel, availability: AvailabilityModel, value: Double)?
            for candidate in candidates(model, availability) {
                guard let changed = try? WhatIf.apply([(candidate.component, candidate.modification(in: model))], to: model) else { continue }
                let after = AvailabilityModel(graph: CompiledGraph(changed))
                let gain = AvailabilityModel.nines(after.overall) - before
                let value = gain / candidate.kind.effort
                if gain >= Self.minimumGain, value > (best?.value ?? 0) { best = (candidate, changed, after, value) }
            }
            guard let best else { break }
            plan.append(PlannedChange(best.change, in: model, ninesBefore: before, ninesAfter: AvailabilityModel.nines(best.availability.overall)))
            modifications[best.change.component, default: Modification()].merge(best.change.modification(in: model))
            model = best.model
            availability = best.availability
        }
        let projected = Assessment(model)
        return ArchitectureAdvice(
            baseline: baseline, projected: projected, targetNines: targetNines, plan: plan,
            modifications: baseline.model.components.compactMap { c in modifications[c.id].map { ModificationEntry(component: c.id, change: $0) } },
            limiting: Self.meets(projected.availability, targetNines) ? [] : Self.bottlenecks(projected))
    }

    /// Whether the lower end of the weakest entry point's interval meets `targetNines`.
    static func meets(_ availability: AvailabilityModel, _ targetNines: Double) -> Bool {
        AvailabilityModel.nines(availability.overallInterval.low) >= targetNines
    }

    /// The candidate changes on the weakest entry point's closure, least available component first.
    private func candidates(_ model: InfrastructureModel, _ availability: AvailabilityModel) -> [Candidate] {
        let graph = CompiledGraph(model)
        let closure = Self.weakestClosure(graph, availability)
        let ranked = closure.sorted { (availability.component[$0], $0) < (availability.component[$1], $1) }.prefix(Self.candidateLimit)
        var result: [Candidate] = []
        for i in ranked.sorted() {
            let component = model.components[i]
            guard component.externalSLA == nil else { continue }
            result.append(Candidate(component: component.id, kind: .addReplica))
            if !component.failover.enabled { result.append(Candidate(component: component.id, kind: .enableFailover)) }
        }
        return result
    }

    /// Components the weakest entry point requires (itself included), through hard edges.
    static func weakestClosure(_ graph: CompiledGraph, _ availability: AvailabilityModel) -> [Int] {
        guard let weakest = availability.entryPoint.min(by: { ($0.availability, $0.node) < ($1.availability, $1.node) }) else { return [] }
        var seen = Set([weakest.node])
        var stack = [weakest.node]
        while let i = stack.popLast() {
            for (next, edge) in graph.dependenciesOf(i) where SinglePointsOfFailure.isHard(graph.dependency(edge)) && seen.insert(next).inserted {
                stack.append(next)
            }
        }
        return seen.sorted()
    }

    /// What bounds the weakest entry point: its basic events with the largest Fussell–Vesely importance
    /// (at most three): a component, an external SLA, or a zone or region whose outage takes it down.
    static func bottlenecks(_ assessment: Assessment) -> [Bottleneck] {
        guard let weakest = assessment.availability.reliability.weakest else { return [] }
        let tree = assessment.availability.reliability.tree
        let components = assessment.model.components
        return weakest.contributions.prefix(3).map { contribution in
            let event = tree.events[Int(contribution.event)]
            let share = Format.percent(contribution.fussellVesely * 100)
            let figures = AvailabilityFigures(availability: 1 - event.probability)
            switch event.kind {
            case .domain(let domain):
                return Bottleneck(component: domain.label, availability: figures,
                                  reason: "\(share) of the downtime: every entry point needs the \(domain.kind.rawValue) \(domain.name); spread the service over another \(domain.kind.rawValue) (a redundancy group or a standby there)")
            case .external(let c):
                return Bottleneck(component: components[c].id, availability: figures,
                                  reason: "\(share) of the downtime: external SLA of \(Format.number(components[c].externalSLA!.providerSLA, places: 3))%; it cannot be raised, only served around by a fallback or a second provider")
            case .instances(let c, _, _), .standby(let c):
                return Bottleneck(component: components[c].id, availability: figures,
                                  reason: "\(share) of the downtime: its own availability bounds every entry point that requires it")
            }
        }
    }
}

/// One candidate change.
struct Candidate: Sendable {
    var component: String
    var kind: ChangeKind

    /// The what-if modification this change is, on `model`.
    func modification(in model: InfrastructureModel) -> Modification {
        switch kind {
        case .addReplica: return Modification(replicas: (model.components.first { $0.id == component }?.replicas ?? 1) + 1)
        case .enableFailover: return Modification(failover: true)
        }
    }
}

/// The kinds of change the advisor plans.
public enum ChangeKind: String, Codable, Sendable {
    case addReplica = "add_replica"
    case enableFailover = "enable_failover"

    /// Relative effort used to rank changes (one replica = 2).
    public var effort: Double {
        switch self {
        case .addReplica: return 2
        case .enableFailover: return 3
        }
    }

    /// The effort class shown with each step: `medium` for one more instance of a tier that already runs,
    /// `high` for a standby with health checks and switchover to build and test.
    public var effortClass: String {
        switch self {
        case .addReplica: return "medium"
        case .enableFailover: return "high"
        }
    }

    /// The architecture pattern the change applies.
    public var pattern: String {
        switch self {
        case .addReplica: return "redundancy (N+1 replicas)"
        case .enableFailover: return "active-passive failover"
        }
    }
}

extension Modification {
    /// Takes every field `other` sets.
    mutating func merge(_ other: Modification) {
        replicas = other.replicas ?? replicas
        failover = other.failover ?? failover
        circuitBreaker = other.circuitBreaker ?? circuitBreaker
        autoscaling = other.autoscaling ?? autoscaling
        healthCheck = other.healthCheck ?? healthCheck
    }
}
