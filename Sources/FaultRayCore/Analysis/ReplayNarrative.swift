/// The explanations of a replay, each derived from its outcome:
///
/// - survival factors: components spared (other provider, other region), failovers that kept a component
///   serving, dependencies that contained a failure (circuit breaker, failover, optional or async edge),
///   entry points that stayed up;
/// - vulnerability factors: components hit with no way out (no failover, failover without a usable DR
///   region, global incident), components taken down through `requires` edges without circuit breakers,
///   entry points down and for how long, single points of failure that went down;
/// - recommendations: a DR standby outside the affected area (or, for a global or pattern incident, a
///   fallback that does not share the failure) for the components hit, circuit breakers on the edges that
///   carried failures, faster recovery of the component that sets the downtime, and the declarations
///   (region, provider, service tags) that would make the replay rest on fewer assumptions.
struct ReplayNarrative {
    var unmatchedServices: [String] = []
    var assumptions: [String] = []
    var survivalFactors: [String] = []
    var vulnerabilityFactors: [String] = []
    var recommendations: [String] = []

    private let facts: ReplayFacts
    private var incident: Incident { facts.scope.incident }
    private var components: [Component] { facts.components }

    init(_ facts: ReplayFacts) {
        self.facts = facts
        let hitDown = explainReach()
        let unprotected = explainCascade()
        let worstEntry = explainEntryPoints()
        recommend(hitDown: hitDown, unprotected: unprotected, worstEntry: worstEntry)
    }

    /// Spared and hit components, unused services and assumptions; returns the components hit and down.
    private mutating func explainReach() -> [Int] {
        var used = Set<String>()
        var hitDown: [Int] = [], noProvider: [Int] = [], noPlace: [Int] = []
        for (i, entry) in facts.reaches.enumerated() {
            let id = components[i].id
            switch entry.reach {
            case .unmatched: continue
            case .spared(let service, let reason):
                used.insert(service)
                survivalFactors.append("\(id) uses \(service) but \(reason)")
            case .hit(let service, let effect):
                used.insert(service)
                if entry.assumedProvider { noProvider.append(i) }
                if entry.assumedLocation { noPlace.append(i) }
                if case .failover(let region) = effect, facts.health(i) < .down {
                    survivalFactors.append("\(id) fails over to \(region) and keeps serving, degraded")
                }
                guard effect == .down else { continue }
                hitDown.append(i)
                vulnerabilityFactors.append(incident.exposure == .pattern
                    ? "\(id) fails as the incident's \(service) did, and nothing independent takes over"
                    : "\(id) goes down with \(service): \(noWayOut(components[i]))")
            }
        }
        unmatchedServices = incident.services.filter { !used.contains($0) }
        if !noProvider.isEmpty {
            assumptions.append("No provider declared for \(facts.ids(noProvider)): assumed to use \(incident.provider)")
            recommendations.append("Tag \(facts.ids(noProvider)) with provider:<name> so the replay knows whether they use \(incident.provider)")
        }
        if !noPlace.isEmpty {
            assumptions.append("No region declared for \(facts.ids(noPlace)): assumed inside \(facts.scope.regionList)")
            recommendations.append("Declare region.region for \(facts.ids(noPlace)) so the replay knows whether they are in the affected area")
        }
        if used.isEmpty {
            let prefix = incident.exposure == .provider ? incident.provider : "service"
            recommendations.append("Nothing in the model uses \(incident.services.joined(separator: ", ")); if a component does, tag it \(prefix):<service> (for example \(prefix):\(incident.services[0]))")
        }
        return hitDown
    }

    /// How each failure reached, or failed to reach, its dependents; returns the edges that carried a
    /// failure for lack of a circuit breaker.
    private mutating func explainCascade() -> [String] {
        let graph = facts.assessment.graph
        var unprotected: [String] = []
        for i in components.indices {
            guard let state = facts.outcome[i], let cause = state.causedBy.flatMap(graph.index(of:)), facts.health(cause) == .down,
                  let edge = graph.dependenciesOf(i).first(where: { $0.node == cause })?.edge else { continue }
            let dependency = graph.dependency(edge)
            let (id, target) = (components[i].id, components[cause].id)
            if state.health == .down, SinglePointsOfFailure.isHard(dependency) {
                vulnerabilityFactors.append("\(id) goes down because it requires \(target) without a circuit breaker")
                unprotected.append("\(id) → \(target)")
            } else if state.health < .down {
                let how = switch dependency.type {
                case .requires where dependency.circuitBreaker.enabled: "the circuit breaker on \(id) → \(target) opens"
                case .requires: "\(target) fails over to its standby"
                case .optional, .async: "its dependency on \(target) is \(dependency.type.rawValue)"
                }
                survivalFactors.append("\(id) only degrades when \(target) goes down: \(how)")
            }
        }
        return unprotected
    }

    /// Entry points up and down, and single points of failure lost; returns the entry point down longest.
    private mutating func explainEntryPoints() -> Int? {
        let entries = facts.assessment.graph.entryPoints.map(Int.init)
        let down = entries.filter { facts.health($0) == .down }
        for i in entries where facts.health(i) < .down {
            survivalFactors.append("Entry point \(components[i].id) stays up (\(facts.health(i).name))")
        }
        for i in down {
            vulnerabilityFactors.append("Entry point \(components[i].id) is down for about \(Format.number(facts.recovery[i])) minutes")
        }
        let spofsDown = components.indices.filter { facts.assessment.spofs.isSPOF[$0] && facts.health($0) == .down }
        if !spofsDown.isEmpty {
            vulnerabilityFactors.append("Single points of failure down: \(facts.ids(spofsDown))")
        }
        return down.max { facts.recovery[$0] < facts.recovery[$1] }
    }

    /// The changes that would have helped most, first.
    private mutating func recommend(hitDown: [Int], unprotected: [String], worstEntry: Int?) {
        var first: [String] = []
        if !hitDown.isEmpty { first.append(fallback(for: facts.ids(hitDown))) }
        if !unprotected.isEmpty {
            first.append("Add circuit breakers with a fallback on \(unprotected.joined(separator: ", ")), so that losing the dependency degrades the dependent instead of taking it down")
        }
        if let worst = worstEntry {
            let origin = facts.origin[worst]
            first.append("Shorten the recovery of \(components[origin].id) (\(Format.number(facts.recovery[origin])) minutes): it sets how long entry point \(components[worst].id) is down")
        }
        recommendations.insert(contentsOf: first, at: 0)
    }

    /// Why a component hit by a provider's unavailable service cannot escape it.
    private func noWayOut(_ component: Component) -> String {
        if incident.isGlobal { return "the incident hit every region" }
        if !component.failover.enabled { return "it has no failover" }
        if component.region.drTargetRegion.isEmpty { return "its failover has no region.dr_target_region outside the affected area" }
        return "its DR region \(component.region.drTargetRegion) was affected too"
    }

    /// What would have kept the components hit up.
    private func fallback(for ids: String) -> String {
        switch (incident.exposure, incident.isGlobal) {
        case (.provider, false):
            return "Give \(ids) a standby outside \(facts.scope.regionList): enable failover with region.dr_target_region set to an unaffected region"
        case (.provider, true):
            return "\(incident.provider) failed in every region, so another region would not have saved \(ids): keep a fallback with another provider, or let the components depending on them degrade instead of failing"
        case (.pattern, _):
            return "Give \(ids) a fallback that does not share this failure (a second, independent instance or provider), or let the components depending on them degrade instead of failing"
        }
    }
}
