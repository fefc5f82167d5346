import Foundation

/// One scenario's outcome in a full run.
public struct ScenarioResult: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var category: Scenario.Category
    public var riskScore: Double
    public var severity: Severity
    public var totalAffected: Int
    public var componentsDown: Int
    /// Scenarios with exactly the same starting faults, reported once under this one.
    public var mergedScenarios: [String]
    /// The components left unhealthy, in model order.
    public var affected: [ComponentHealth]
    /// Every entry point's health after the scenario, in model order.
    public var entryPoints: [ComponentHealth]
}

/// A component's health after a scenario.
public struct ComponentHealth: Codable, Sendable, Equatable {
    public var id: String
    public var health: Health
}

/// Counts for one category of scenarios.
public struct CategoryCount: Codable, Sendable, Equatable {
    public var category: Scenario.Category
    public var generated: Int
    public var run: Int
    public var critical: Int
    public var warning: Int
    public var passed: Int
}

/// The report of a full run: what was generated, merged and run, and what it found.
public struct FullRunReport: Codable, Sendable, Equatable {
    public var resilienceScore: Double
    public var grade: String
    public var totalScenarios: Int
    public var generated: Int
    /// Scenarios identical to an earlier one (same starting faults), reported under it.
    public var merged: Int
    public var run: Int
    public var skipped: Int
    public var critical: Int
    public var warning: Int
    public var passed: Int
    public var categories: [CategoryCount]
    /// Every non-pair scenario, worst first (ties in generation order).
    public var scenarios: [ScenarioResult]
    /// The worst pairs (all pairs are run and counted above).
    public var worstPairs: [ScenarioResult]
    /// Pairs that are critical together while neither failure is critical alone (order-2 cut sets of the
    /// service, not pairs that merely contain a critical failure): how many, and the worst of them.
    public var criticalOnlyTogether: Int
    public var criticalTogetherPairs: [ScenarioResult]
}

/// Runs every generated scenario. Pairs are computed as the worst-of join of the two single failures,
/// which equals simulating both (the cascade is monotone and join-preserving; a property test checks it),
/// except where a redundancy group or a fallback couples them (a fallback and its target, or fallbacks
/// moving load onto one component): those pairs are simulated.
public struct FullRun: Sendable {
    public let assessment: Assessment
    public var worstPairLimit = 20
    /// Whether to run every pair of component failures (counted as skipped when off).
    public var includePairs = true
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Checked before each scenario and each row of pairs: once cancelled, the run stops and returns what
    /// it has counted so far, for the caller to discard (progress never reaches the total).
    public var cancellation: Cancellation?

    public init(_ assessment: Assessment) { self.assessment = assessment }

    /// Runs the scenarios; `progress` gets (done, total) now and then, from any thread.
    public func run(extra: [Scenario] = [], progress: (@Sendable (Int, Int) -> Void)? = nil) -> FullRunReport {
        let graph = assessment.graph
        let engine = assessment.engine
        let n = graph.count
        let scenarios = ScenarioCatalog.scenarios(for: graph) + extra
        let pairCount = n * (n - 1) / 2
        let total = scenarios.count + pairCount

        // Merge scenarios that start from identical faults.
        var firstBySignature: [[UInt64]: Int] = [:]
        var representative = [Int](repeating: -1, count: scenarios.count)
        var aliases = [[String]](repeating: [], count: scenarios.count)
        let ws = CascadeWorkspace(count: n)
        for (s, scenario) in scenarios.enumerated() {
            let signature = engine.signature(scenario.faults)
            if let first = firstBySignature[signature] {
                representative[s] = first
                aliases[first].append(scenario.id)
            } else {
                firstBySignature[signature] = s
                representative[s] = s
            }
        }
        var results: [ScenarioResult] = []
        var singles = [CascadeOutcome](repeating: CascadeOutcome(affected: [], riskScore: 0), count: n)
        var counts: [Scenario.Category: CategoryCount] = [:]
        for category in Scenario.Category.allCases {
            counts[category] = CategoryCount(category: category, generated: 0, run: 0, critical: 0, warning: 0, passed: 0)
        }
        for (s, scenario) in scenarios.enumerated() {
            counts[scenario.category]!.generated += 1
            guard representative[s] == s else { continue }
            if cancellation?.isCancelled == true { break }
            let outcome = engine.outcome(scenario.faults, workspace: ws)
            if scenario.category == .singleFailure { singles[scenario.faults[0].target] = outcome }
            let result = Self.summary(scenario, outcome, aliases: aliases[s], graph)
            counts[scenario.category]!.record(result.severity)
            results.append(result)
            if s % 1024 == 0 { progress?(s, total) }
        }

        let pairs = includePairs ? runPairs(singles) : PairTally()
        counts[.pair]!.generated = pairCount
        counts[.pair]!.run = includePairs ? pairCount : 0
        counts[.pair]!.critical = pairs.critical
        counts[.pair]!.warning = pairs.warning
        counts[.pair]!.passed = pairs.passed
        if cancellation?.isCancelled != true { progress?(total, total) }

        let ordered = results.enumerated().sorted { ($0.element.riskScore, -$0.offset) > ($1.element.riskScore, -$1.offset) }.map(\.element)
        let categoryCounts = Scenario.Category.allCases.map { counts[$0]! }
        let run = categoryCounts.reduce(0) { $0 + $1.run }
        let skipped = includePairs ? 0 : pairCount
        return FullRunReport(
            resilienceScore: assessment.score.score,
            grade: ResilienceScore.grade(assessment.score.score),
            totalScenarios: total, generated: total, merged: total - run - skipped, run: run, skipped: skipped,
            critical: categoryCounts.reduce(0) { $0 + $1.critical },
            warning: categoryCounts.reduce(0) { $0 + $1.warning },
            passed: categoryCounts.reduce(0) { $0 + $1.passed },
            categories: categoryCounts, scenarios: ordered,
            worstPairs: pairs.worst.map { Self.summary(ScenarioCatalog.pair($0.a, $0.b, in: graph), $0.outcome, aliases: [], graph) },
            criticalOnlyTogether: pairs.criticalTogether,
            criticalTogetherPairs: pairs.together.map { Self.summary(ScenarioCatalog.pair($0.a, $0.b, in: graph), $0.outcome, aliases: [], graph) })
    }

    private struct PairTally: Sendable {
        var critical = 0, warning = 0, passed = 0, criticalTogether = 0
        var worst: [(a: Int, b: Int, outcome: CascadeOutcome)] = []
        var together: [(a: Int, b: Int, outcome: CascadeOutcome)] = []
    }

    /// Pairs whose outcome is not the join of their single failures: both bring down members of one
    /// redundancy group, or one a dependency with a fallback target and the other that target.
    static func coupledPairs(_ singles: [CascadeOutcome], in graph: CompiledGraph) -> Set<Int> {
        let n = singles.count
        var downBy = [[Int]](repeating: [], count: n)  // component -> singles that bring it down
        for (a, outcome) in singles.enumerated() {
            for (node, health) in outcome.affected where health == .down { downBy[Int(node)].append(a) }
        }
        var result = Set<Int>()
        func couple(_ xs: [Int], _ ys: [Int]) {
            for x in xs { for y in ys where x != y { result.insert(min(x, y) * n + max(x, y)) } }
        }
        for set in graph.redundancySets {
            let involved = Array(Set(set.members.flatMap { downBy[$0] })).sorted()
            couple(involved, involved)
        }
        for (target, edges) in graph.fallbackEdgesByTarget {
            for e in edges { couple(downBy[Int(graph.edgeTarget[e])], downBy[target]) }
            // Fallbacks that move load onto the same target add up.
            let loaded = edges.filter { graph.model.dependencies[$0].fallback.loadPercent > 0 }
            for a in loaded { for b in loaded where a < b { couple(downBy[Int(graph.edgeTarget[a])], downBy[Int(graph.edgeTarget[b])]) } }
        }
        return result
    }

    /// Every pair (a < b), in parallel over rows of `a`; keeps counts and the worst few.
    private func runPairs(_ singles: [CascadeOutcome]) -> PairTally {
        let n = singles.count
        guard n >= 2 else { return PairTally() }
        let graph = assessment.graph, engine = assessment.engine, cancellation = cancellation
        let limit = worstPairLimit
        let coupled = Self.coupledPairs(singles, in: graph)
        let singleCritical = singles.map { $0.severity(in: graph) == .critical }
        let chunks = max(1, min(n - 1, workers * 8))
        let tallies = Locked([PairTally](repeating: PairTally(), count: chunks))
        WorkerThreads.forEach(chunks, workers: workers) { chunk in
            var tally = PairTally()
            let ws = coupled.isEmpty ? nil : CascadeWorkspace(count: n)
            var a = chunk
            while a < n - 1, cancellation?.isCancelled != true {
                for b in (a + 1)..<n {
                    let joined = coupled.contains(a * n + b)
                        ? engine.outcome([Fault(.componentDown, target: a), Fault(.componentDown, target: b)], workspace: ws!)
                        : singles[a].joined(with: singles[b], in: graph)
                    switch joined.severity(in: graph) {
                    case .critical:
                        tally.critical += 1
                        if !singleCritical[a], !singleCritical[b] {
                            tally.criticalTogether += 1
                            Self.insert((a, b, joined), into: &tally.together, limit: limit)
                        }
                    case .warning: tally.warning += 1
                    case .passed: tally.passed += 1
                    }
                    if tally.worst.count < limit || joined.riskScore > tally.worst[tally.worst.count - 1].outcome.riskScore {
                        Self.insert((a, b, joined), into: &tally.worst, limit: limit)
                    }
                }
                a += chunks
            }
            tallies.withLock { $0[chunk] = tally }
        }
        var total = PairTally()
        for tally in tallies.withLock({ $0 }) {
            total.critical += tally.critical
            total.warning += tally.warning
            total.passed += tally.passed
            total.criticalTogether += tally.criticalTogether
            for entry in tally.worst { Self.insert(entry, into: &total.worst, limit: limit) }
            for entry in tally.together { Self.insert(entry, into: &total.together, limit: limit) }
        }
        return total
    }

    /// Keeps `list` sorted worst first, ties by (a, b), at most `limit` long.
    private static func insert(_ entry: (a: Int, b: Int, outcome: CascadeOutcome), into list: inout [(a: Int, b: Int, outcome: CascadeOutcome)], limit: Int) {
        let position = list.firstIndex { ($0.outcome.riskScore, -$0.a, -$0.b) < (entry.outcome.riskScore, -entry.a, -entry.b) } ?? list.count
        guard position < limit else { return }
        list.insert(entry, at: position)
        if list.count > limit { list.removeLast() }
    }

    private static func summary(_ scenario: Scenario, _ outcome: CascadeOutcome, aliases: [String], _ graph: CompiledGraph) -> ScenarioResult {
        let components = graph.model.components
        var entryHealth = [Int32: Health]()
        for (node, health) in outcome.affected where graph.isEntryPoint[Int(node)] { entryHealth[node] = health }
        return ScenarioResult(
            id: scenario.id, name: scenario.name, category: scenario.category, riskScore: outcome.riskScore,
            severity: outcome.severity(in: graph), totalAffected: outcome.affected.count,
            componentsDown: outcome.affected.reduce(0) { $0 + ($1.health == .down ? 1 : 0) }, mergedScenarios: aliases,
            affected: outcome.affected.map { ComponentHealth(id: components[Int($0.node)].id, health: $0.health) },
            entryPoints: graph.entryPoints.map { ComponentHealth(id: components[Int($0)].id, health: entryHealth[$0] ?? .healthy) })
    }
}

extension CategoryCount {
    mutating func record(_ severity: Severity) {
        run += 1
        switch severity {
        case .critical: critical += 1
        case .warning: warning += 1
        case .passed: passed += 1
        }
    }
}

extension CascadeEngine {
    /// What a set of faults starts from: identical signatures give identical cascades.
    func signature(_ faults: [Fault]) -> [UInt64] {
        var seeds: [Seed] = []
        makeSeeds(faults, into: &seeds)
        let keys = seeds.map {
            [UInt64($0.node) << 9 | UInt64($0.health.rawValue) << 2 | ($0.sized ? 2 : 0) | ($0.failsOver && $0.health == .down ? 1 : 0),
             $0.latencyMs.bitPattern]
        }
        return keys.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.flatMap { $0 }
    }
}
