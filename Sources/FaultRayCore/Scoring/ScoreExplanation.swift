/// Why the score is what it is, finding by finding, with what fixing each one earns.
///
/// - `points` is the finding's share of the deficit (`ResilienceScore.Finding.points`): the findings add
///   up exactly to `100 − score`. In a category under its ceiling a finding's share is its own points;
///   in a category over its ceiling the ceiling is shared in proportion to the findings' points.
/// - `fix` is the what-if that removes the finding, when the what-if can express it (a replica for a
///   component SPOF, replicas that bring utilization under the lowest threshold, a circuit breaker in
///   front of a third party), and `gain` is what applying that what-if alone to the model measures:
///   exactly the `delta` of `POST /api/whatif/calculate` with `fix` as the body. The gain differs from
///   the share where findings interact: fixing one finding in a category over its ceiling gains less
///   (nothing until the category falls under it), and one change can remove several findings (a
///   replica that also lowers utilization, a breaker that guards several callers).
/// - Findings whose fix is a change of structure (a shorter chain, a broken cycle, another zone or
///   region, a second provider) have no `fix`; their share is what removing them from the score gives.
public struct ScoreExplanation: Encodable, Sendable {
    /// One finding, its share and its measured fix.
    public struct Item: Encodable, Sendable {
        public var category: ResilienceScore.Category
        public var component: String?
        public var message: String
        /// Share of the deficit (see above).
        public var points: Double
        /// The what-if body that removes the finding, or nil when only a change of structure does.
        public var fix: [ModificationEntry]?
        /// Score points gained by applying `fix` alone (1 decimal, as the score), or nil without a fix or
        /// beyond the `measuredLimit` largest findings.
        public var gain: Double?
        /// What to change, in words.
        public var advice: String
    }

    /// How many of the largest findings get their fix measured (each costs one re-scoring of the model).
    public static let measuredLimit = 50
    /// The rule that shares interactions, as stated to users.
    public static let sharing = "Points are each finding's share of the deficit and add up exactly to 100 − score; a category over its ceiling shares the ceiling in proportion. Gain is what applying the finding's fix alone measures with what-if; it is lower where a category stays over its ceiling and higher where one change removes several findings."

    public var score: Double
    public var deficit: Double
    public var sharing: String
    /// Findings, largest share first.
    public var findings: [Item]

    public init(_ assessment: Assessment) {
        let baseline = assessment.score
        score = baseline.score
        deficit = Format.round(100 - baseline.score, places: 1)
        sharing = Self.sharing
        findings = baseline.largestFindings().enumerated().map { rank, finding in
            let fix = Self.fix(for: finding, in: assessment)
            var gain: Double?
            if let fix, rank < Self.measuredLimit, let changed = try? WhatIf.apply(fix.map { ($0.component, $0.modification) }, to: assessment.model) {
                gain = Format.round(ResilienceScore(changed).score - baseline.score, places: 1)
            }
            return Item(category: finding.category, component: finding.component, message: finding.message, points: finding.points,
                        fix: fix, gain: gain, advice: finding.fix)
        }
    }

    /// The what-if that removes `finding`, when there is one.
    static func fix(for finding: ResilienceScore.Finding, in assessment: Assessment) -> [ModificationEntry]? {
        guard let id = finding.component, let i = assessment.graph.index(of: id) else { return nil }
        let component = assessment.model.components[i]
        switch finding.category {
        case .singlePointsOfFailure:
            guard component.externalSLA == nil else { return nil }
            return [ModificationEntry(component: id, change: Modification(replicas: component.replicas + 1))]
        case .capacityHeadroom:
            // Replicas share CPU and connections; memory and disk stay per instance.
            guard let lowest = ResilienceScore.utilizationPoints.last?.above,
                  max(component.metrics.memoryPercent, component.metrics.diskPercent) <= lowest else { return nil }
            let shared = component.utilization
            let replicas = Int((Double(component.replicas) * shared / lowest).rounded(.down)) + 1
            return [ModificationEntry(component: id, change: Modification(replicas: replicas))]
        case .unprotectedExternalDependencies:
            guard let target = finding.target else { return nil }
            return [ModificationEntry(component: target, change: Modification(circuitBreaker: true))]
        case .dependencyDepth, .dependencyCycles, .failureDomains:
            return nil
        }
    }
}

extension ResilienceScore {
    /// The score of `model` alone (without availability), as `Assessment(model).score`.
    public init(_ model: InfrastructureModel) {
        let graph = CompiledGraph(model)
        self.init(graph: graph, spofs: SinglePointsOfFailure(tree: FaultTree(graph: graph)), components: StronglyConnected(graph: graph))
    }

    /// A third party: an external API or an LLM endpoint, whose availability the model cannot raise.
    public static func isThirdParty(_ component: Component) -> Bool {
        [.externalAPI, .llmEndpoint].contains(component.type)
    }
}
