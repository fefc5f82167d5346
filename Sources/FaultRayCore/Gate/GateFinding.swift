/// The kinds of things a CI gate reports, each a rule of the SARIF output with its help text.
public enum GateRule: String, CaseIterable, Codable, Sendable {
    case singlePointOfFailure = "single-point-of-failure"
    case criticalScenario = "critical-scenario"
    case capacityHeadroom = "capacity-headroom"
    case unprotectedExternalDependency = "unprotected-external-dependency"
    case dependencyDepth = "dependency-depth"
    case dependencyCycle = "dependency-cycle"
    case failureDomainConcentration = "failure-domain-concentration"
    case newSinglePointOfFailure = "new-single-point-of-failure"
    case newCriticalScenario = "new-critical-scenario"
    case scoreDrop = "score-drop"
    case availabilityBelowTarget = "availability-below-target"

    /// One line saying what the rule finds.
    public var title: String {
        switch self {
        case .singlePointOfFailure: return "Single point of failure"
        case .criticalScenario: return "Critical failure scenario"
        case .capacityHeadroom: return "Little capacity headroom"
        case .unprotectedExternalDependency: return "Third-party dependency without a circuit breaker"
        case .dependencyDepth: return "Long chain of hard dependencies"
        case .dependencyCycle: return "Dependency cycle"
        case .failureDomainConcentration: return "Every component in one zone or region"
        case .newSinglePointOfFailure: return "New single point of failure"
        case .newCriticalScenario: return "New critical failure scenario"
        case .scoreDrop: return "Resilience score dropped"
        case .availabilityBelowTarget: return "Availability below the target"
        }
    }

    /// What the rule means and how to fix what it finds.
    public var help: String {
        switch self {
        case .singlePointOfFailure, .newSinglePointOfFailure:
            return "Losing one instance of this component (or one outage of this zone or region) takes an entry point down: an order-1 "
                + "minimal cut set. Add replicas that can carry the load without the lost one, enable failover to a standby in another "
                + "zone, or put a redundancy group or fallback around it."
        case .criticalScenario, .newCriticalScenario:
            return "Simulating this scenario gives a risk score of 7/10 or more: the cascade takes entry points down. Remove the single "
                + "points of failure on its path, or add circuit breakers with fallbacks on the dependencies it travels along."
        case .capacityHeadroom:
            return "The component runs above 70 % utilization: losing an instance or a traffic spike overloads it. Add capacity or enable autoscaling."
        case .unprotectedExternalDependency:
            return "A requires dependency on a third-party service without a circuit breaker: its slowness becomes yours. Add a circuit breaker with a fallback."
        case .dependencyDepth:
            return "A chain of more than 5 hard dependencies: every link multiplies the ways to fail. Make some links optional, async or circuit-broken."
        case .dependencyCycle:
            return "Components that depend on each other in a cycle can keep each other down after recovery. Break the cycle."
        case .failureDomainConcentration:
            return "Every component that names its zone (or region) names the same one: one outage takes them all. Spread replicas over zones."
        case .scoreDrop:
            return "The resilience score is lower than the baseline's by more than allowed (--max-score-drop). See the findings that cost the most points."
        case .availabilityBelowTarget:
            return "The weakest entry point's availability, zone and region outages included, is below the --min-nines target."
        }
    }

    /// The rule of a score finding's category.
    init(_ category: ResilienceScore.Category) {
        switch category {
        case .singlePointsOfFailure: self = .singlePointOfFailure
        case .capacityHeadroom: self = .capacityHeadroom
        case .unprotectedExternalDependencies: self = .unprotectedExternalDependency
        case .dependencyDepth: self = .dependencyDepth
        case .dependencyCycles: self = .dependencyCycle
        case .failureDomains: self = .failureDomainConcentration
        }
    }
}

/// One thing a CI gate reports: its rule, how serious, what it says, and the component it concerns.
public struct GateFinding: Codable, Sendable, Equatable {
    /// How serious, as SARIF says it: an error fails a gate, a warning is worth a look, a note informs.
    public enum Level: String, Codable, Sendable { case error, warning, note }
    public var rule: GateRule
    public var level: Level
    public var message: String
    /// The component it is about (its line in the model file is the annotation's place), if any.
    public var component: String?

    public init(rule: GateRule, level: Level, message: String, component: String?) {
        self.rule = rule
        self.level = level
        self.message = message
        self.component = component
    }
}

/// The findings of a model and its full run, for CI: every SPOF (components and domains), every score
/// finding, and every critical scenario.
public struct SimulationFindings: Sendable {
    public let assessment: Assessment
    public let report: FullRunReport

    public init(assessment: Assessment, report: FullRunReport) {
        self.assessment = assessment
        self.report = report
    }

    /// The component a scenario starts from (the first one of a domain outage or pair); `nil` for a model-wide traffic spike.
    public static func targets(of report: FullRunReport, in graph: CompiledGraph) -> [String: String] {
        var result: [String: String] = [:]
        for scenario in ScenarioCatalog.scenarios(for: graph) {
            if let first = scenario.faults.first, first.target >= 0 { result[scenario.id] = graph.model.components[first.target].id }
        }
        for pair in report.worstPairs + report.criticalTogetherPairs {
            let prefix = "Pair failure: "
            if pair.name.hasPrefix(prefix), let first = pair.name.dropFirst(prefix.count).components(separatedBy: " + ").first { result[pair.id] = first }
        }
        return result
    }

    /// The critical scenarios: every non-pair one, and the pairs critical only together.
    public var criticalScenarios: [ScenarioResult] {
        report.scenarios.filter { $0.severity == .critical } + report.criticalTogetherPairs
    }

    /// Every finding: score findings (SPOFs as errors, the rest as warnings), domain SPOFs and critical scenarios.
    public var findings: [GateFinding] {
        let graph = assessment.graph
        var result: [GateFinding] = []
        var cycles = assessment.groups.cycles.makeIterator()
        for finding in assessment.score.findings {
            let rule = GateRule(finding.category)
            var component = finding.component
            switch finding.category {
            case .dependencyDepth:
                component = ResilienceScore.longestHardChain(graph, assessment.groups).first.map { graph.model.components[$0].id }
            case .dependencyCycles:
                component = cycles.next()?.first.map { graph.model.components[$0].id }
            default: break
            }
            result.append(GateFinding(rule: rule, level: rule == .singlePointOfFailure ? .error : .warning,
                                      message: "\(finding.message) (-\(Format.number(finding.points)) points). Fix: \(finding.fix).", component: component))
        }
        for domain in assessment.spofs.domains {
            let first = graph.model.components.first { FailureDomain.of(zone: $0.region.availabilityZone, region: $0.region.region).contains(domain) }
            result.append(GateFinding(rule: .singlePointOfFailure, level: .error,
                                      message: "an outage of \(domain.kind.rawValue) '\(domain.name)' alone takes an entry point down", component: first?.id))
        }
        let targets = Self.targets(of: report, in: graph)
        for scenario in criticalScenarios {
            result.append(GateFinding(rule: .criticalScenario, level: .error, message: Self.describe(scenario), component: targets[scenario.id]))
        }
        return result
    }

    /// A scenario's outcome in one sentence.
    public static func describe(_ scenario: ScenarioResult) -> String {
        "\(scenario.name): risk \(Format.number(scenario.riskScore))/10 (\(scenario.severity.rawValue)), \(scenario.totalAffected) components affected, \(scenario.componentsDown) down"
    }
}
