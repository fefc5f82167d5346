/// The one definition of a single point of failure: **an order-1 minimal cut set of an entry point**.
///
/// A component is a SPOF when losing one of its instances takes an entry point down: its own event has
/// order 1 (one replica, or replicas that cannot carry the load without the lost one) and no standby or
/// redundancy absorbs it. A zone or region whose outage alone takes an entry point down is a domain SPOF.
/// Computed from the fault tree (`FaultTree`), so the topology, score, advice, badges and cut sets agree.
public struct SinglePointsOfFailure: Sendable {
    /// Whether each component is a SPOF.
    public let isSPOF: [Bool]
    /// Whether an entry point needs the component on its own (it is in series with an entry point).
    public let isHardReachable: [Bool]
    /// Number of direct dependents that need it (`isHard` edges).
    public let hardDependents: [Int]
    /// Zones and regions whose outage alone takes an entry point down.
    public let domains: [FailureDomain]

    public init(tree: FaultTree) {
        let graph = tree.graph, n = graph.count
        var finder = CutSetFinder(tree: tree, maxOrder: 1)
        var inSeries = Set<Int32>()
        var single = Set<Int32>()
        var seen = Set<Int32>()
        for entry in graph.entryPoints {
            let top = tree.componentNode[Int(entry)]
            for set in finder.cutSets(of: top) { single.formUnion(set.events) }
            for leaf in tree.orLeaves(of: top, seen: &seen) { inSeries.insert(leaf) }
        }
        var spof = [Bool](repeating: false, count: n), reachable = spof
        var domains: [FailureDomain] = []
        for (e, event) in tree.events.enumerated() where single.contains(Int32(e)) {
            switch event.kind {
            case .instances(let c, _, _), .external(let c): spof[c] = true
            case .domain(let domain): domains.append(domain)
            case .standby: break
            }
        }
        for node in inSeries {
            if tree.isEvent(node) {
                switch tree.events[Int(node)].kind {
                case .instances(let c, _, _), .external(let c): reachable[c] = true
                default: break
                }
            } else if tree.gate(node).failoverOf >= 0 {
                reachable[Int(tree.gate(node).failoverOf)] = true
            }
        }
        isSPOF = spof
        isHardReachable = reachable
        self.domains = domains
        hardDependents = (0..<n).map { i in
            graph.dependentsOf(i).reduce(0) { $0 + (Self.isHard(graph.dependency($1.edge)) ? 1 : 0) }
        }
    }

    /// A dependency the dependent needs to work: `requires` without a fallback. A circuit breaker does
    /// not change this (it fails fast; the function is still lost).
    public static func isHard(_ dependency: Dependency) -> Bool {
        dependency.type == .requires && !dependency.fallback.enabled
    }

    public var count: Int { isSPOF.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

/// The one per-component risk level: a SPOF running hot is critical.
public enum RiskLevel: String, Codable, Sendable {
    case critical, high, medium, low

    public init(isSPOF: Bool, utilization: Double) {
        if isSPOF && utilization > 70 { self = .critical }
        else if isSPOF || utilization > 80 { self = .high }
        else if utilization > 60 { self = .medium }
        else { self = .low }
    }
}
