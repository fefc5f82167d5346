import Foundation

/// The advisor's answer: where availability stands, the plan and what it reaches, the anti-patterns
/// found, the patterns recommended and a Mermaid diagram of the proposed architecture.
public struct ArchitectureAdvice: Encodable, Sendable {
    public var targetNines: Double
    public var current: Standing
    public var projected: Standing
    /// Nines still missing before the plan (0 when the target is already met).
    public var gap: Double
    public var targetReached: Bool
    public var summary: String
    public var plan: [PlannedChange]
    /// The plan as a what-if body: `{"modifications": …}` gives the projected figures.
    public var modifications: [ModificationEntry]
    /// When the target is not reached: what bounds the weakest entry point.
    public var limitingComponents: [Bottleneck]
    public var antiPatterns: [AntiPattern]
    public var patternsRecommended: [RecommendedPattern]
    public var mermaidDiagram: String

    init(baseline: Assessment, projected: Assessment, targetNines: Double, plan: [PlannedChange],
         modifications: [ModificationEntry], limiting: [Bottleneck]) {
        self.targetNines = targetNines
        current = Standing(baseline)
        self.projected = Standing(projected)
        gap = Format.round(max(0, targetNines - current.availability.nines), places: 2)
        targetReached = ArchitectureAdvisor.meets(projected.availability, targetNines)
        self.plan = plan
        self.modifications = modifications
        limitingComponents = limiting
        antiPatterns = baseline.score.findings.map(AntiPattern.init)
        patternsRecommended = RecommendedPattern.all(plan: plan, findings: baseline.score.findings)
        mermaidDiagram = Mermaid.diagram(projected.model, highlighting: Set(plan.map(\.componentId)))
        let now = "\(Format.number(current.availability.nines, places: 2)) nines (\(Format.number(current.availability.percent, places: 4))%)"
        if gap == 0 {
            summary = "Availability is \(now), which already meets the target of \(Format.number(targetNines, places: 2)) nines."
        } else if targetReached {
            summary = "Availability is \(now); \(plan.count == 1 ? "1 change reaches" : "\(plan.count) changes reach") \(Format.number(self.projected.availability.nines, places: 2)) nines, meeting the target of \(Format.number(targetNines, places: 2))."
        } else {
            let bound = limiting.map { "'\($0.component)'" }.joined(separator: ", ")
            summary = "Availability is \(now); the target of \(Format.number(targetNines, places: 2)) nines cannot be reached with replicas and failover: the best plan reaches \(Format.number(self.projected.availability.nines, places: 2)) nines, bounded by \(bound)."
        }
    }
}

/// Availability and score of one version of the model, with each entry point's own figure.
public struct Standing: Encodable, Sendable {
    public struct EntryPoint: Encodable, Sendable {
        public var component: String
        public var availability: AvailabilityFigures
    }

    public var availability: AvailabilityFigures
    /// The low end of the 95 % interval of `availability` (the same when it is exact): what targets are judged by.
    public var lowerBound: AvailabilityFigures
    public var resilienceScore: Double
    public var grade: String
    public var entryPoints: [EntryPoint]

    init(_ assessment: Assessment) {
        availability = AvailabilityFigures(availability: assessment.availability.overall)
        lowerBound = AvailabilityFigures(availability: assessment.availability.overallInterval.low)
        resilienceScore = assessment.score.score
        grade = ResilienceScore.grade(assessment.score.score)
        entryPoints = assessment.availability.entryPoint.map {
            EntryPoint(component: assessment.model.components[$0.node].id, availability: AvailabilityFigures(availability: $0.availability))
        }
    }
}

/// One step of the plan, with its measured effect.
public struct PlannedChange: Encodable, Sendable {
    public var changeType: ChangeKind
    public var componentId: String
    public var description: String
    public var pattern: String
    public var effort: Double
    /// `medium` or `high` (`ChangeKind.effortClass`).
    public var effortClass: String
    public var ninesBefore: Double
    public var ninesAfter: Double
    /// Nines this step gains, measured on the model with the steps before it applied (3 decimals).
    public var gain: Double

    init(_ candidate: Candidate, in model: InfrastructureModel, ninesBefore: Double, ninesAfter: Double) {
        changeType = candidate.kind
        componentId = candidate.component
        switch candidate.kind {
        case .addReplica:
            description = "run '\(candidate.component)' with \(candidate.modification(in: model).replicas ?? 2) replicas"
        case .enableFailover:
            description = "give '\(candidate.component)' a standby with automatic failover"
        }
        pattern = candidate.kind.pattern
        effort = candidate.kind.effort
        effortClass = candidate.kind.effortClass
        self.ninesBefore = Format.round(ninesBefore, places: 3)
        self.ninesAfter = Format.round(ninesAfter, places: 3)
        gain = Format.round(ninesAfter - ninesBefore, places: 3)
    }
}

/// One component's part of the plan as what-if modification fields.
public struct ModificationEntry: Encodable, Sendable {
    public var component: String
    public var replicas: Int?
    public var failover: Bool?
    public var circuitBreaker: Bool?

    init(component: String, change: Modification) {
        self.component = component
        replicas = change.replicas
        failover = change.failover
        circuitBreaker = change.circuitBreaker
    }

    /// The modification these fields describe.
    public var modification: Modification { Modification(replicas: replicas, circuitBreaker: circuitBreaker, failover: failover) }
}

/// What bounds availability when the target cannot be reached.
public struct Bottleneck: Encodable, Sendable {
    public var component: String
    public var availability: AvailabilityFigures
    public var reason: String
}

/// A design weakness, from the resilience score's findings.
public struct AntiPattern: Encodable, Sendable {
    public var name: String
    public var component: String?
    public var detail: String
    public var fix: String

    init(_ finding: ResilienceScore.Finding) {
        switch finding.category {
        case .singlePointsOfFailure: name = "single point of failure"
        case .capacityHeadroom: name = "no capacity headroom"
        case .unprotectedExternalDependencies: name = "unguarded third-party dependency"
        case .dependencyDepth: name = "deep synchronous call chain"
        case .dependencyCycles: name = "dependency cycle"
        case .failureDomains: name = "single failure domain"
        }
        component = finding.component
        detail = finding.message
        fix = finding.fix
    }
}

/// A pattern worth applying, and why.
public struct RecommendedPattern: Encodable, Sendable {
    public var pattern: String
    public var reason: String

    /// The plan's patterns first, then those that answer the remaining findings; each once.
    static func all(plan: [PlannedChange], findings: [ResilienceScore.Finding]) -> [RecommendedPattern] {
        var result: [RecommendedPattern] = []
        func add(_ pattern: String, _ reason: String) {
            if !result.contains(where: { $0.pattern == pattern }) { result.append(RecommendedPattern(pattern: pattern, reason: reason)) }
        }
        for change in plan { add(change.pattern, "raises availability: \(change.description)") }
        for finding in findings {
            switch finding.category {
            case .singlePointsOfFailure: add(ChangeKind.addReplica.pattern, finding.message)
            case .capacityHeadroom: add("autoscaling", finding.message)
            case .unprotectedExternalDependencies: add("circuit breaker with fallback", finding.message)
            case .dependencyDepth: add("asynchronous messaging between tiers", finding.message)
            case .dependencyCycles: add("acyclic layering", finding.message)
            case .failureDomains: add("multi-zone or multi-region deployment", finding.message)
            }
        }
        return result
    }
}
