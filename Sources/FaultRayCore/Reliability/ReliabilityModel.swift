import Foundation

/// How an entry point's unavailability was computed.
public enum ReliabilityMethod: Sendable, Equatable {
    /// Exactly, on a binary decision diagram of the structure function (common causes included).
    case exact
    /// By seeded Monte Carlo over the basic events, with the sample count and a 95 % Wilson interval.
    case monteCarlo(samples: Int, low: Double, high: Double)
}

/// An event's share of an entry point's unavailability.
public struct Contribution: Sendable, Equatable {
    public var event: Int32
    /// Birnbaum importance: `P(down | event) − P(down | no event)`.
    public var birnbaum: Double
    /// Fussell–Vesely importance: the share of the unavailability that goes away without the event,
    /// `q × Birnbaum / P(down)`.
    public var fussellVesely: Double
}

/// The reliability figures of one entry point.
public struct EntryReliability: Sendable {
    public var entry: Int
    /// Unavailability with common causes (zone and region outages) and switchover time: the figure.
    public var unavailability: Double
    /// Unavailability if every basic event were independent (no zone or region outages).
    public var independentUnavailability: Double
    /// Unavailability counting every `requires` dependency as needed, fallbacks included ("fully working").
    public var fullyWorkingUnavailability: Double
    /// The part of `unavailability` spent switching over to standbys.
    public var switchoverUnavailability: Double
    /// That part by failover component (model index), in model order.
    public var switchoverByComponent: [(component: Int, unavailability: Double)] = []
    public var method: ReliabilityMethod
    /// Events by Fussell–Vesely importance, largest first.
    public var contributions: [Contribution]

    public var availability: Double { 1 - unavailability }

    /// The 95 % interval of the availability (a point for the exact method).
    public var availabilityInterval: (low: Double, high: Double) {
        switch method {
        case .exact: return (availability, availability)
        case .monteCarlo(_, let low, let high): return (1 - min(1, high + switchoverUnavailability), 1 - min(1, low + switchoverUnavailability))
        }
    }
}

/// The one reliability model: the fault tree of every entry point, its exact (or sampled) unavailability
/// with and without common causes, switchover time, and importance measures. Every availability figure,
/// SPOF and cut set of the product comes from here; `docs/reliability-model.md` has the formulas.
public struct ReliabilityModel: Sendable {
    /// Largest decision diagram built before an entry point is sampled instead.
    public static let defaultNodeBudget = 1_000_000
    public static let defaultSamples = 100_000

    public let tree: FaultTree
    /// The tree in which fallbacks do not serve; the same tree when the model declares no fallback.
    public let fullyWorkingTree: FaultTree
    public let entries: [EntryReliability]

    public init(graph: CompiledGraph, nodeBudget: Int = defaultNodeBudget, samples: Int = defaultSamples, seed: UInt64 = 1,
                forceMonteCarlo: Bool = false) {
        let tree = FaultTree(graph: graph)
        let hasFallback = graph.model.dependencies.contains { $0.fallback.enabled }
        let full = hasFallback ? FaultTree(graph: graph, fallbacksServe: false) : tree
        self.tree = tree
        fullyWorkingTree = full
        let serving = Evaluator(tree: tree, budget: nodeBudget, forceMonteCarlo: forceMonteCarlo, samples: samples, seed: seed)
        let fully = hasFallback ? Evaluator(tree: full, budget: nodeBudget, forceMonteCarlo: forceMonteCarlo, samples: samples, seed: seed) : nil
        entries = graph.entryPoints.map { entry in
            let e = Int(entry)
            var result = serving.evaluate(tree.componentNode[e], entry: e)
            if let fully {
                result.fullyWorkingUnavailability = fully.evaluate(full.componentNode[e], entry: e).unavailability
            }
            return result
        }
    }

    /// The weakest entry point: what every user can count on.
    public var weakest: EntryReliability? {
        entries.max { ($0.unavailability, -$0.entry) < ($1.unavailability, -$1.entry) }
    }
}

/// Evaluates entry points of one tree: exactly on a shared decision diagram, else by sampling.
final class Evaluator {
    let tree: FaultTree
    let bdd: BDD
    let forceMonteCarlo: Bool
    let samples: Int
    let seed: UInt64
    private var memo: [Int32: Int32] = [:]
    private let probability: [Double]
    private let independentProbability: [Double]
    private var probabilityMemo: [Double] = []
    private var independentMemo: [Double] = []
    /// The diagram's variable of each event, and the event of each variable: domains first (they are
    /// shared the most), then events in depth-first order from the entry points, so that what one
    /// component needs stays together.
    private let level: [Int32]
    private let eventAt: [Int32]
    /// Event probabilities by variable.
    private let levelProbability: [Double]
    private let levelIndependentProbability: [Double]
    private lazy var sampler = MonteCarlo(tree: tree)
    /// Order-1 cut sets, remembered across entry points.
    private lazy var singles = CutSetFinder(tree: tree, maxOrder: 1)
    /// The event of each failure domain.
    private lazy var domainEvent: [FailureDomain: Int32] = {
        var result: [FailureDomain: Int32] = [:]
        for (e, event) in tree.events.enumerated() { if case .domain(let d) = event.kind { result[d] = Int32(e) } }
        return result
    }()

    init(tree: FaultTree, budget: Int, forceMonteCarlo: Bool, samples: Int, seed: UInt64) {
        self.tree = tree
        bdd = BDD(budget: budget)
        self.forceMonteCarlo = forceMonteCarlo
        self.samples = samples
        self.seed = seed
        let probability = tree.events.map(\.probability)
        let independentProbability = tree.events.map { event -> Double in if case .domain = event.kind { return 0 } else { return event.probability } }
        self.probability = probability
        self.independentProbability = independentProbability
        // Zones, regions and providers first; a host, shared by a few components, where they are.
        var order: [Int32] = tree.events.indices.filter {
            if case .domain(let d) = tree.events[$0].kind { return d.kind != .host } else { return false }
        }.map(Int32.init)
        var placed = [Bool](repeating: false, count: tree.eventCount + tree.gates.count)
        for e in order { placed[Int(e)] = true }
        for entry in tree.graph.entryPoints {
            var stack = [tree.componentNode[Int(entry)]]
            while let node = stack.popLast() {
                guard !placed[Int(node)] else { continue }
                placed[Int(node)] = true
                if tree.isEvent(node) { order.append(node) } else { stack.append(contentsOf: tree.gate(node).children.reversed()) }
            }
        }
        for e in 0..<tree.eventCount where !placed[e] { order.append(Int32(e)) }
        var level = [Int32](repeating: 0, count: tree.eventCount)
        for (l, e) in order.enumerated() { level[Int(e)] = Int32(l) }
        self.level = level
        eventAt = order
        levelProbability = order.map { probability[Int($0)] }
        levelIndependentProbability = order.map { independentProbability[Int($0)] }
    }

    func evaluate(_ top: Int32, entry: Int) -> EntryReliability {
        let (switchover, independentSwitchover, byComponent) = switchoverUnavailability(top)
        if !forceMonteCarlo, let root = diagram(top) {
            let p = bdd.probability(root, levelProbability, memo: &probabilityMemo)
            let pi = bdd.probability(root, levelIndependentProbability, memo: &independentMemo)
            let birnbaum = bdd.birnbaum(root, levelProbability, nodeProbability: probabilityMemo, variables: tree.eventCount)
            let contributions = birnbaum.enumerated().compactMap { l, b -> Contribution? in
                let v = Int(eventAt[l])
                guard b > 0, p > 0 else { return nil }
                return Contribution(event: Int32(v), birnbaum: b, fussellVesely: probability[v] * b / p)
            }.sorted { ($0.fussellVesely, $1.event) > ($1.fussellVesely, $0.event) }
            let total = min(1, p + switchover)
            return EntryReliability(entry: entry, unavailability: total, independentUnavailability: min(1, pi + independentSwitchover),
                                    fullyWorkingUnavailability: total, switchoverUnavailability: switchover,
                                    switchoverByComponent: byComponent, method: .exact, contributions: contributions)
        }
        let down = sampler.count(top, samples: samples, probability: probability, seed: seed)
        let independentDown = sampler.count(top, samples: samples, probability: independentProbability, seed: seed)
        let (p, low, high) = MonteCarlo.wilson(down, samples)
        let total = min(1, p + switchover)
        return EntryReliability(entry: entry, unavailability: total,
                                independentUnavailability: min(1, MonteCarlo.wilson(independentDown, samples).estimate + independentSwitchover),
                                fullyWorkingUnavailability: total, switchoverUnavailability: switchover, switchoverByComponent: byComponent,
                                method: .monteCarlo(samples: samples, low: low, high: high), contributions: [])
    }

    /// Time lost switching over, with common causes and without: every outage of the primary side of a
    /// failover component that the entry needs on its own (not inside a redundancy group) costs its
    /// switchover, `w × S` to first order. A domain outage that takes the entry point down by itself
    /// anyway costs no switchover time on top.
    func switchoverUnavailability(_ top: Int32) -> (commonCause: Double, independent: Double, byComponent: [(component: Int, unavailability: Double)]) {
        var seen = Set<Int32>()
        var commonCause = 0.0, independent = 0.0
        var byComponent: [(component: Int, unavailability: Double)] = []
        lazy var downAnyway = Set(singles.cutSets(of: top).flatMap(\.events))
        let components = tree.graph.model.components, domains = tree.graph.model.failureDomains
        for node in tree.orLeaves(of: top, seen: &seen) where !tree.isEvent(node) {
            let v = Int(tree.gate(node).failoverOf)
            guard v >= 0 else { continue }
            let own = tree.events[Int(tree.componentEvent[v])].frequencyPerYear
            var domainOutages = 0.0
            let standby = Set(tree.standbyDomains[v])
            for domain in tree.primaryDomains[v] where !standby.contains(domain) && !downAnyway.contains(domainEvent[domain] ?? -1) {
                domainOutages += domains.rate(domain.kind).outagesPerYear
            }
            independent += AvailabilityModel.switchoverUnavailability(outagesPerYear: own, of: components[v])
            let part = AvailabilityModel.switchoverUnavailability(outagesPerYear: own + domainOutages, of: components[v])
            commonCause += part
            byComponent.append((v, part))
        }
        return (commonCause, independent, byComponent.sorted { $0.component < $1.component })
    }

    /// The decision diagram of a node, or nil past the budget.
    func diagram(_ node: Int32) -> Int32? {
        if let known = memo[node] { return known }
        let result: Int32?
        if tree.isEvent(node) {
            result = bdd.variableNode(level[Int(node)])
        } else {
            let gate = tree.gate(node)
            switch gate.kind {
            case .or:
                var seen = Set<Int32>()
                var parts: [Int32] = []
                for leaf in tree.orLeaves(of: node, seen: &seen) {
                    guard let part = diagram(leaf) else { return nil }
                    parts.append(part)
                }
                // Highest variables first, so that each `or` with a variable above the rest is one node.
                parts.sort { bdd.variable[Int($0)] > bdd.variable[Int($1)] }
                var acc: Int32? = 0
                for part in parts { acc = acc.flatMap { bdd.or(part, $0) } }
                result = acc
            case .and:
                var acc: Int32? = 1
                for child in gate.children { acc = acc.flatMap { a in diagram(child).flatMap { bdd.and($0, a) } } }
                result = acc
            case .atLeast(let r):
                var parts: [Int32] = []
                for child in gate.children {
                    guard let part = diagram(child) else { return nil }
                    parts.append(part)
                }
                result = bdd.atLeast(r, parts)
            }
        }
        if let result { memo[node] = result }
        return result
    }
}

/// Seeded sampling of the basic events. Each draw decides every event, then carries only the events in
/// force up through the gates that depend on them (a draw with few events in force costs little).
struct MonteCarlo {
    let tree: FaultTree
    /// For each node, the gates that have it as a child.
    private let parents: [[Int32]]
    /// For each gate, how many of its children must be down for it to be down.
    private let needed: [Int32]
    private var down: [Bool]
    private var count: [Int32]
    private var touched: [Int32] = []

    init(tree: FaultTree) {
        self.tree = tree
        var parents = [[Int32]](repeating: [], count: tree.eventCount + tree.gates.count)
        for (g, gate) in tree.gates.enumerated() {
            for child in gate.children { parents[Int(child)].append(Int32(tree.eventCount + g)) }
        }
        self.parents = parents
        needed = tree.gates.map { gate in
            switch gate.kind {
            case .or: return 1
            case .and: return Int32(gate.children.count)
            case .atLeast(let r): return Int32(r)
            }
        }
        down = [Bool](repeating: false, count: parents.count)
        count = [Int32](repeating: 0, count: parents.count)
    }

    /// How many of `samples` draws leave `top` down.
    mutating func count(_ top: Int32, samples: Int, probability: [Double], seed: UInt64) -> Int {
        var random = SeededRandom(seed: seed)
        var result = 0
        for _ in 0..<samples {
            for (e, q) in probability.enumerated() where q > 0 {
                if Double(random.next() >> 11) * 0x1p-53 < q { fail(Int32(e)) }
            }
            if down[Int(top)] { result += 1 }
            for node in touched { down[Int(node)] = false; count[Int(node)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return result
    }

    /// Marks a node down and carries it up to the gates it brings down.
    private mutating func fail(_ node: Int32) {
        var stack = [node]
        while let n = stack.popLast() {
            guard !down[Int(n)] else { continue }
            down[Int(n)] = true
            touched.append(n)
            for parent in parents[Int(n)] where !down[Int(parent)] {
                if count[Int(parent)] == 0 { touched.append(parent) }
                count[Int(parent)] += 1
                if count[Int(parent)] >= needed[Int(parent) - tree.eventCount] { stack.append(parent) }
            }
        }
    }

    /// The Wilson 95 % interval of a proportion `k / n`.
    static func wilson(_ k: Int, _ n: Int) -> (estimate: Double, low: Double, high: Double) {
        guard n > 0 else { return (0, 0, 1) }
        let z = 1.959963984540054, p = Double(k) / Double(n), nn = Double(n)
        let center = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot() / (1 + z * z / nn)
        return (p, max(0, center - half), min(1, center + half))
    }
}
