/// One side of a comparison: what a gate looks at in a model and its full run.
public struct GateSummary: Sendable {
    public var score: Double
    public var grade: String
    public var availability: AvailabilityFigures
    /// Single points of failure: component ids, and `zone:…` / `region:…` labels of domains.
    public var spofs: [String]
    /// Critical scenarios, by id, with their one-line description and the component they start from.
    public var critical: [(id: String, description: String, component: String?)]
    /// The findings that cost the most points, with their fixes.
    public var topFixes: [ResilienceScore.Finding]

    /// The summary of a model's findings and full run.
    public init(_ findings: SimulationFindings) {
        let assessment = findings.assessment, graph = assessment.graph
        score = assessment.score.score
        grade = ResilienceScore.grade(score)
        availability = AvailabilityFigures(availability: assessment.availability.overall)
        spofs = graph.model.components.indices.filter { assessment.spofs.isSPOF[$0] }.map { graph.model.components[$0].id }
            + assessment.spofs.domains.map(\.label)
        let targets = SimulationFindings.targets(of: findings.report, in: graph)
        critical = findings.criticalScenarios.map { ($0.id, SimulationFindings.describe($0), targets[$0.id]) }
        topFixes = assessment.score.largestFindings(limit: 5)
    }
}

/// The regression gate: what got worse from a baseline to the current model, under the gate's allowances.
public struct GateCheck: Sendable {
    /// Largest score drop allowed (0: any drop fails).
    public var maxScoreDrop = 0.0
    /// New single points of failure do not fail the gate.
    public var allowNewSPOF = false
    /// Fewest nines of availability the current model must reach, if set.
    public var minNines: Double?

    public init(maxScoreDrop: Double = 0, allowNewSPOF: Bool = false, minNines: Double? = nil) {
        self.maxScoreDrop = maxScoreDrop
        self.allowNewSPOF = allowNewSPOF
        self.minNines = minNines
    }

    /// SPOFs of `current` that `baseline` does not have.
    public static func newSPOFs(_ baseline: GateSummary, _ current: GateSummary) -> [String] {
        let before = Set(baseline.spofs)
        return current.spofs.filter { !before.contains($0) }
    }

    /// Every regression; the gate fails when one is an error. A new SPOF allowed by `--allow-new-spof` is a warning.
    public func regressions(baseline: GateSummary, current: GateSummary) -> [GateFinding] {
        var result: [GateFinding] = []
        let drop = Format.round(baseline.score - current.score, places: 1)
        if drop > maxScoreDrop {
            result.append(GateFinding(rule: .scoreDrop, level: .error,
                                      message: "resilience score dropped by \(Format.number(drop)) (\(Format.number(baseline.score)) -> \(Format.number(current.score))), more than the \(Format.number(maxScoreDrop)) allowed",
                                      component: nil))
        }
        for spof in Self.newSPOFs(baseline, current) {
            result.append(GateFinding(rule: .newSinglePointOfFailure, level: allowNewSPOF ? .warning : .error,
                                      message: "new single point of failure: \(spof)" + (allowNewSPOF ? " (allowed by --allow-new-spof)" : ""),
                                      component: spof.contains(":") ? nil : spof))
        }
        let before = Set(baseline.critical.map(\.id))
        for scenario in current.critical where !before.contains(scenario.id) {
            result.append(GateFinding(rule: .newCriticalScenario, level: .error, message: "new critical scenario: \(scenario.description)", component: scenario.component))
        }
        if let minNines, current.availability.nines < minNines {
            result.append(GateFinding(rule: .availabilityBelowTarget, level: .error,
                                      message: "availability \(current.availability.percent)% is \(Format.number(current.availability.nines, places: 2)) nines, below the \(Format.number(minNines, places: 2)) required",
                                      component: nil))
        }
        return result
    }
}
