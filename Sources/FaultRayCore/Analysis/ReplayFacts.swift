/// What a replay found for each component, shared by the result and its narrative.
struct ReplayFacts {
    let assessment: Assessment
    let scope: IncidentScope
    let reaches: [(reach: IncidentReach, assumedProvider: Bool, assumedLocation: Bool)]
    /// Final state of each component the cascade touched, by index.
    let outcome: [AffectedComponent?]
    /// The component that started each one's chain of causes (itself when no dependency caused it; a
    /// chain that loops through a dependency cycle stops after visiting every component once).
    let origin: [Int]
    /// Recovery time of each component in minutes (see `IncidentReplay`).
    let recovery: [Double]

    init(assessment: Assessment, scope: IncidentScope, reaches: [(reach: IncidentReach, assumedProvider: Bool, assumedLocation: Bool)],
         cascade: CascadeResult) {
        self.assessment = assessment
        self.scope = scope
        self.reaches = reaches
        let graph = assessment.graph
        var outcome = [AffectedComponent?](repeating: nil, count: graph.count)
        for state in cascade.waves.flatMap(\.components) {
            if let i = graph.index(of: state.id) { outcome[i] = state }
        }
        self.outcome = outcome
        let cause = outcome.map { $0?.causedBy.flatMap(graph.index(of:)) }
        let origin = (0..<graph.count).map { i in
            var j = i, steps = 0
            while let next = cause[j], steps < graph.count { j = next; steps += 1 }
            return j
        }
        self.origin = origin
        let duration = scope.incident.durationHours * 60
        let components = graph.model.components
        recovery = origin.map { j in
            let own: Double
            switch reaches[j].reach {
            case .hit(_, .failover): own = components[j].switchoverSeconds / 60
            case .hit(_, .impaired): own = duration
            default: own = components[j].operationalProfile.mttrMinutes
            }
            return min(duration, own)
        }
    }

    var components: [Component] { assessment.model.components }

    func health(_ i: Int) -> Health { outcome[i]?.health ?? .healthy }

    /// The unhealthy components, in model order.
    func replayedComponents() -> [ReplayedComponent] {
        components.indices.compactMap { i in
            guard let state = outcome[i], state.health > .healthy else { return nil }
            let component = components[i]
            var impact: ReplayedComponent.Impact = state.causedBy == nil ? .preexisting : .cascade
            var service: String?
            var reason = state.reason
            if case .hit(let name, let effect) = reaches[i].reach {
                service = name
                impact = effect == .down || effect == .impaired ? .direct : .failover
                reason = directReason(name, effect, component) + (state.causedBy == nil ? "" : ". Then: \(state.reason)")
            }
            return ReplayedComponent(id: component.id, name: component.name, type: component.type, impactType: impact,
                                     health: state.health, matchedService: service,
                                     recoveryTimeMinutes: Format.round(recovery[i], places: 1), reason: reason,
                                     causedBy: state.causedBy)
        }
    }

    /// Revenue lost while components are down, and how it was obtained.
    func revenue() -> (estimate: Double?, note: String) {
        let earners = components.indices.filter { components[$0].costProfile.revenuePerMinute > 0 }
        guard !earners.isEmpty else {
            return (nil, "No component declares cost_profile.revenue_per_minute, so the revenue impact is unknown")
        }
        let lost = earners.filter { health($0) == .down }
        guard !lost.isEmpty else {
            return (0, "The components with revenue (\(ids(earners))) stay up; degraded components are not counted as losing revenue")
        }
        let total = lost.reduce(0.0) { $0 + components[$1].costProfile.revenuePerMinute * recovery[$1] }
        let terms = lost.map { "\(components[$0].id) \(Format.number(components[$0].costProfile.revenuePerMinute))/min × \(Format.number(recovery[$0])) min" }
        return (Format.round(total, places: 2), "Revenue per minute × minutes down, over the components left down: \(terms.joined(separator: ", "))")
    }

    /// Component ids, comma-separated.
    func ids(_ indices: [Int]) -> String { indices.map { components[$0].id }.joined(separator: ", ") }

    private func directReason(_ service: String, _ effect: IncidentReach.Effect, _ component: Component) -> String {
        let incident = scope.incident
        if incident.exposure == .pattern {
            return effect == .impaired ? "Degrades as the incident's \(service) did" : "Fails as the incident's \(service) did"
        }
        let area = incident.isGlobal ? "in every region" : "in \(scope.regionList)"
        switch effect {
        case .down: return "Uses \(service), which was unavailable \(area)"
        case .impaired: return "Uses \(service), which was impaired \(area) (errors and delays)"
        case .failover(let region):
            return "Uses \(service), which was unavailable \(area); fails over to \(region) (\(Format.number(component.switchoverSeconds))s switchover)"
        }
    }
}
