/// One step of the advisor's plan, as the chat shows it.
public struct ChatPlanStep: Codable, Sendable, Equatable {
    public var component: String
    /// `add_replica`, `enable_failover` or `add_circuit_breaker`.
    public var change: String
    public var description: String
    public var ninesBefore: Double
    public var ninesAfter: Double
}

/// The advisor's plan for an availability target the question states (`target_plan`).
public struct ChatTargetPlan: Codable, Sendable, Equatable {
    /// The target as the question states it, in percent.
    public var targetPercent: Double
    public var targetNines: Double
    /// Whether the plan (or the model as it is) meets the target.
    public var reached: Bool
    public var current: AvailabilityFigures
    public var projected: AvailabilityFigures
    public var steps: [ChatPlanStep]
    /// The plan as a `POST /api/whatif/calculate` body (JSON text); absent when there is no step.
    public var whatIfBody: String?
    /// When the target is not reached: what bounds the weakest entry point.
    public var limitedBy: [String]
}

/// A full-run scenario run by the cascade engine (`domain_outage`, `queue_backlog`).
public struct ChatScenario: Codable, Sendable, Equatable {
    /// The scenario's id in the full run (`region-outage-us-east-1`, `disk-full-message-queue`).
    public var id: String
    public var name: String
    /// What fails, in words (`zone us-east-1a`, a queue's id).
    public var domain: String
    /// The components the scenario fails at the start.
    public var components: [String]
    public var result: CascadeResult
}

/// Scenarios of one question.
public struct ChatScenarios: Codable, Sendable, Equatable {
    public var scenarios: [ChatScenario]
}

/// The risk one team owns.
public struct ChatTeam: Codable, Sendable, Equatable {
    /// The `owner` of its components, or `unassigned`.
    public var team: String
    public var components: [String]
    public var spofs: [String]
    /// Expected entry-point outage minutes a year caused by its components' whole failures, summed.
    public var expectedAnnualImpactMinutes: Double
    /// The highest risk score (0–10) of its components' whole failures, and whose.
    public var worstRiskScore: Double
    public var worstComponent: String
}

/// Teams by the risk they own, most first (`team_risk`).
public struct ChatTeamRisk: Codable, Sendable, Equatable {
    public var teams: [ChatTeam]
}

/// How to make a change, and the what-if that tries it (`how_to_change`).
public struct ChatChangeHowTo: Codable, Sendable, Equatable {
    /// The what-if modification key: `replicas`, `failover`, `circuit_breaker`, `autoscaling`, `health_check`.
    public var change: String
    /// The component the what-if changes; absent when none would change.
    public var component: String?
    /// The `POST /api/whatif/calculate` body (JSON text).
    public var whatIfBody: String?
    public var result: WhatIfResult?
}

/// An entry point a component is reached from, and that entry point's availability.
public struct ChatPathEntry: Codable, Sendable, Equatable {
    public var entry: String
    /// The shortest chain of dependencies from the entry point to the component, both included.
    public var path: [String]
    /// The entry point's availability from the reliability model.
    public var availability: AvailabilityFigures
    /// Whether the entry point goes down when the component does (then its figure is the path's).
    public var needsComponent: Bool
}

/// The availability of the paths to one component.
public struct ChatPathAvailability: Codable, Sendable, Equatable {
    public var component: String
    public var entryPoints: [ChatPathEntry]
    /// The component with everything it requires, from the reliability model's fault tree.
    public var withDependencies: AvailabilityFigures
}
