/// A component the replayed incident left unhealthy.
public struct ReplayedComponent: Codable, Sendable, Equatable {
    public enum Impact: String, Codable, Sendable {
        /// Hit by the incident: down, or degraded by an impaired service.
        case direct
        /// Hit, and serving from its disaster-recovery region instead.
        case failover
        /// Knocked on by a dependency.
        case cascade
        /// Declared unhealthy in the model already.
        case preexisting
    }

    public var id: String
    public var name: String
    public var type: ComponentType
    public var impactType: Impact
    /// Final health, after the cascade.
    public var health: Health
    /// The incident service it uses (direct and failover only).
    public var matchedService: String?
    /// How long it stays in this state (see `IncidentReplay`), 1 decimal.
    public var recoveryTimeMinutes: Double
    public var reason: String
    /// The dependency whose failure caused the final health, if any.
    public var causedBy: String?
}

/// A component that uses one of the incident's services but is out of its reach.
public struct SparedComponent: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var matchedService: String
    public var reason: String
}

/// A historical incident replayed against a model.
///
/// Which components the incident reaches, and how, follows the rules of `IncidentScope` (service, provider,
/// place, effect). The components hit go into the cascade engine together: unavailable ones as
/// `component_down` with their failover switched off (an in-region standby fails with them), impaired
/// ones and those failing over to their DR region as a latency spike (degraded). The engine adds the
/// knock-on effects; every unhealthy component is reported once, in model order, with its final health.
///
/// - Recovery time of a component, never more than the incident's duration: a component whose state a
///   dependency caused recovers with the start of that chain; one the incident takes down or impairs
///   stays so for the whole incident (its provider or region is out; its own MTTR does not bring it
///   back); one failing over to a target outside the incident takes its switchover time; one declared
///   down in the model takes its `operational_profile.mttr_minutes`.
/// - `downtimeEstimateMinutes` is the longest recovery time of an entry point left down, and `survived`
///   means no entry point is down.
/// - `impactScore` is the cascade engine's risk score of the outcome (`RiskScore`), `severity` its class,
///   and `resilienceGrade` is `ResilienceScore.grade(100 − 10 × impactScore)`.
/// - `revenueImpactEstimate` is, over the entry points, their declared revenue per minute × the minutes
///   they are down, plus the default degraded share (`CostAttribution.defaultDegradedShare`) of it for the
///   minutes they are degraded; nil (with a note) when no entry point declares revenue.
///
/// Factors and recommendations are derived from this outcome (see `ReplayNarrative`). The replay is
/// deterministic: the same model and incident give the same bytes.
public struct IncidentReplay: Encodable, Sendable, Equatable {
    public var incidentId: String
    public var incidentName: String
    public var provider: String
    public var exposure: IncidentExposure
    public var affectedRegions: [String]
    public var incidentDurationHours: Double
    public var survived: Bool
    public var impactScore: Double
    public var severity: Severity
    public var resilienceGrade: String
    public var downtimeEstimateMinutes: Double
    /// Nil (written `null`) when no entry point declares revenue.
    @EncodedAsNull public var revenueImpactEstimate: Double?
    /// How the revenue figure was obtained, or why there is none.
    public var revenueNote: String
    public var affectedComponents: [ReplayedComponent]
    public var sparedComponents: [SparedComponent]
    /// Incident services no component of the model uses.
    public var unmatchedServices: [String]
    /// Facts the model does not declare and the replay assumed.
    public var assumptions: [String]
    public var survivalFactors: [String]
    public var vulnerabilityFactors: [String]
    public var recommendations: [String]

    public init(_ assessment: Assessment, _ incident: Incident, catalog: IncidentCatalog) {
        let scope = IncidentScope(incident, catalog: catalog)
        let model = assessment.model
        let reaches = model.components.map(scope.reach)
        var variant = model
        var faults: [Fault] = []
        for (i, entry) in reaches.enumerated() {
            guard case .hit(_, let effect) = entry.reach else { continue }
            if effect == .down {
                variant.components[i].failover.enabled = false
                faults.append(Fault(.componentDown, target: i))
            } else {
                faults.append(Fault(.latencySpike(multiplier: ScenarioCatalog.latencyMultiplier), target: i))
            }
        }
        let graph = variant == model ? assessment.graph : CompiledGraph(variant)
        let cascade = CascadeEngine(graph: graph).simulate(faults, availability: assessment.availability)
        let facts = ReplayFacts(assessment: assessment, scope: scope, reaches: reaches, cascade: cascade)

        incidentId = incident.id
        incidentName = incident.name
        provider = incident.provider
        exposure = incident.exposure
        affectedRegions = incident.affectedRegions
        incidentDurationHours = incident.durationHours
        let entryDown = assessment.graph.entryPoints.map(Int.init).filter { facts.health($0) == .down }
        survived = entryDown.isEmpty
        downtimeEstimateMinutes = Format.round(entryDown.map { facts.recovery[$0] }.max() ?? 0, places: 1)
        impactScore = cascade.riskScore
        severity = cascade.severity
        resilienceGrade = ResilienceScore.grade(100 - 10 * cascade.riskScore)
        let revenue = facts.revenue()
        revenueImpactEstimate = revenue.estimate
        revenueNote = revenue.note
        affectedComponents = facts.replayedComponents()
        sparedComponents = reaches.indices.compactMap { i in
            guard case .spared(let service, let reason) = reaches[i].reach else { return nil }
            let component = model.components[i]
            return SparedComponent(id: component.id, name: component.name, matchedService: service, reason: reason)
        }
        let narrative = ReplayNarrative(facts)
        unmatchedServices = narrative.unmatchedServices
        assumptions = narrative.assumptions
        survivalFactors = narrative.survivalFactors
        vulnerabilityFactors = narrative.vulnerabilityFactors
        recommendations = narrative.recommendations
    }
}
