/// The one definition of a single point of failure.
///
/// A component is a SPOF when losing one instance of it takes an entry point down: it has one replica,
/// no failover, and a chain of `requires` dependencies without circuit breakers leads from an entry
/// point to it (an entry point itself counts). This is exactly what the cascade engine does on an
/// instance failure, computed in O(V + E).
public struct SinglePointsOfFailure: Sendable {
    /// Whether each component is a SPOF.
    public let isSPOF: [Bool]
    /// Whether an entry point needs the component through hard dependencies (its loss is not absorbed on the way).
    public let isHardReachable: [Bool]
    /// Number of direct dependents that go down with it.
    public let hardDependents: [Int]

    public init(graph: CompiledGraph) {
        var reached = [Bool](repeating: false, count: graph.count)
        var stack = graph.entryPoints.map(Int.init)
        for i in stack { reached[i] = true }
        while let i = stack.popLast() {
            for (next, edge) in graph.dependenciesOf(i) where !reached[next] && Self.isHard(graph.dependency(edge)) {
                reached[next] = true
                stack.append(next)
            }
        }
        isHardReachable = reached
        hardDependents = (0..<graph.count).map { i in
            graph.dependentsOf(i).reduce(0) { $0 + (Self.isHard(graph.dependency($1.edge)) ? 1 : 0) }
        }
        isSPOF = graph.model.components.enumerated().map { i, component in
            reached[i] && component.replicas <= 1 && !component.failover.enabled
        }
    }

    /// A dependency whose loss takes the dependent down.
    public static func isHard(_ dependency: Dependency) -> Bool {
        dependency.type == .requires && !dependency.circuitBreaker.enabled
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
