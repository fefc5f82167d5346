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
            case .hit(_, .down), .hit(_, .impaired): own = duration
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

    /// Revenue lost at the entry points, and how it was obtained: each entry point's declared revenue
    /// (`cost_profile.revenue_per_minute`, as in the cost attribution) for the minutes it is down, and the
    /// default degraded share of it for the minutes it is degraded or overloaded. Nil when no entry point
    /// declares revenue: the figure is unknown, not zero.
    func revenue() -> (estimate: Double?, note: String) {
        let graph = assessment.graph
        let revenue = Revenue(graph, requested: nil, degradedShare: CostAttribution.defaultDegradedShare)
        let entries = graph.entryPoints.map(Int.init)
        let hurt = entries.filter { health($0) > .healthy }
        guard revenue.source == .declared else {
            let state = hurt.isEmpty ? "no entry point is hurt" : "entry point\(hurt.count == 1 ? "" : "s") \(ids(hurt)) \(hurt.count == 1 ? "is" : "are") hurt for up to \(Format.number(hurt.map { recovery[$0] }.max() ?? 0)) min"
            return (nil, "No entry point declares cost_profile.revenue_per_minute, so the revenue impact is unknown (\(state))")
        }
        var total = 0.0
        var terms: [String] = []
        for (k, e) in entries.enumerated() where health(e) > .healthy && revenue.perEntry[k] > 0 {
            let share = health(e) == .down ? 1 : revenue.degradedShare
            total += revenue.perEntry[k] / 60 * share * recovery[e]
            terms.append("\(components[e].id) \(Format.number(revenue.perEntry[k] / 60))/min\(share < 1 ? " × \(Format.number(share)) (degraded)" : "") × \(Format.number(recovery[e])) min")
        }
        guard !terms.isEmpty else { return (0, "The entry points that declare revenue stay healthy") }
        return (Format.round(total, places: 2), "Entry-point revenue per minute × minutes hurt (a degraded entry point loses \(Format.percent(revenue.degradedShare * 100))): \(terms.joined(separator: ", "))")
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
