/// A model compiled to dense integer ids and adjacency arrays, built once and shared by every analysis.
///
/// Component `i` is `model.components[i]`; edge `e` is `model.dependencies[e]`.
/// Arrows point from a dependent to what it depends on; failures travel against them.
public final class CompiledGraph: Sendable {
    public let model: InfrastructureModel
    public let count: Int
    public let indexByID: [String: Int32]

    /// For component `i`, `dependents[dependentOffsets[i]..<dependentOffsets[i+1]]` depend on it, through `dependentEdges`.
    public let dependentOffsets: [Int32]
    public let dependents: [Int32]
    public let dependentEdges: [Int32]
    /// For component `i`, `dependencies[dependencyOffsets[i]..<dependencyOffsets[i+1]]` are what it depends on.
    public let dependencyOffsets: [Int32]
    public let dependencies: [Int32]
    public let dependencyEdges: [Int32]

    /// Components that nothing depends on: where users enter the system.
    /// When every component has a dependent (a cycle), all components count as entry points.
    public let entryPoints: [Int32]
    public let isEntryPoint: [Bool]
    /// Utilization of each component, in percent (its fullest resource).
    public let utilization: [Double]
    /// Load-bearing utilization of each component, in percent (`Component.load`): what capacity rules use.
    public let load: [Double]
    /// Each entry point's `entry_point.weight` (0 for other components), and their sum.
    public let entryWeight: [Double]
    public let totalEntryWeight: Double
    /// Components the model declares degraded, overloaded or down.
    public let declaredUnhealthy: [Int32]

    /// A redundancy group of a component, compiled: the dependent works while at least `needed` members do.
    public struct RedundancySet: Sendable {
        public var dependent: Int
        public var members: [Int]
        /// `max(min_healthy, ⌈Σ member load / LoadRule.downAbove⌉)`: the survivors must carry the group's load.
        public var needed: Int
        /// Sum of the members' load, in percent of one member.
        public var totalLoad: Double
    }
    public let redundancySets: [RedundancySet]
    /// The redundancy set each edge belongs to, or -1.
    public let redundancySetOfEdge: [Int32]
    /// Each edge's source (the dependent), target and fallback target, as indices (-1: none).
    public let edgeSource: [Int32]
    public let edgeTarget: [Int32]
    public let fallbackTarget: [Int32]
    /// Edges whose fallback target is each component.
    public let fallbackEdgesByTarget: [Int: [Int]]

    public init(_ model: InfrastructureModel) {
        self.model = model
        let n = model.components.count
        count = n
        var index: [String: Int32] = [:]
        index.reserveCapacity(n)
        for (i, component) in model.components.enumerated() { index[component.id] = Int32(i) }
        indexByID = index

        var sources: [Int32] = [], targets: [Int32] = []
        sources.reserveCapacity(model.dependencies.count)
        targets.reserveCapacity(model.dependencies.count)
        for dependency in model.dependencies {
            sources.append(index[dependency.source] ?? -1)
            targets.append(index[dependency.target] ?? -1)
        }
        (dependentOffsets, dependents, dependentEdges) = Self.adjacency(n, from: targets, to: sources)
        (dependencyOffsets, dependencies, dependencyEdges) = Self.adjacency(n, from: sources, to: targets)

        let offsets = dependentOffsets
        var entry = (0..<n).map { offsets[$0] == offsets[$0 + 1] }
        if n > 0, !entry.contains(true) { entry = Array(repeating: true, count: n) }
        isEntryPoint = entry
        entryPoints = (0..<n).filter { entry[$0] }.map(Int32.init)
        utilization = model.components.map(\.utilization)
        load = model.components.map(\.load)
        let weights = (0..<n).map { entry[$0] ? model.components[$0].entryPoint.weight : 0 }
        entryWeight = weights
        totalEntryWeight = weights.reduce(0, +)
        declaredUnhealthy = model.components.indices.filter { model.components[$0].health != .healthy }.map(Int32.init)

        var sets: [RedundancySet] = []
        var setOfEdge = [Int32](repeating: -1, count: model.dependencies.count)
        let load = self.load
        for (i, component) in model.components.enumerated() {
            for group in component.redundancyGroups {
                var members: [Int] = []
                for slot in Int(dependencyOffsets[i])..<Int(dependencyOffsets[i + 1]) {
                    let target = Int(dependencies[slot])
                    guard group.members.contains(model.components[target].id) else { continue }
                    setOfEdge[Int(dependencyEdges[slot])] = Int32(sets.count)
                    members.append(target)
                }
                let total = members.reduce(0) { $0 + load[$1] }
                let needed = min(members.count, max(group.minHealthy, LoadRule.survivorsNeeded(forLoad: total)))
                sets.append(RedundancySet(dependent: i, members: members, needed: needed, totalLoad: total))
            }
        }
        redundancySets = sets
        redundancySetOfEdge = setOfEdge
        edgeSource = sources
        edgeTarget = targets
        let fallbacks = model.dependencies.map { $0.fallback.enabled ? index[$0.fallback.target] ?? -1 : -1 }
        fallbackTarget = fallbacks
        var fallbackUsers: [Int: [Int]] = [:]
        for (e, target) in fallbacks.enumerated() where target >= 0 { fallbackUsers[Int(target), default: []].append(e) }
        fallbackEdgesByTarget = fallbackUsers
    }

    /// Compressed adjacency lists, in edge input order within each list.
    private static func adjacency(_ n: Int, from: [Int32], to: [Int32]) -> ([Int32], [Int32], [Int32]) {
        var offsets = [Int32](repeating: 0, count: n + 1)
        for (edge, node) in from.enumerated() where node >= 0 && to[edge] >= 0 { offsets[Int(node) + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var list = [Int32](repeating: 0, count: Int(offsets[n]))
        var edges = [Int32](repeating: 0, count: Int(offsets[n]))
        for (edge, node) in from.enumerated() where node >= 0 && to[edge] >= 0 {
            let slot = Int(fill[Int(node)])
            list[slot] = to[edge]
            edges[slot] = Int32(edge)
            fill[Int(node)] += 1
        }
        return (offsets, list, edges)
    }

    public func dependency(_ e: Int) -> Dependency { model.dependencies[e] }

    /// Index of a component id.
    public func index(of id: String) -> Int? { indexByID[id].map(Int.init) }

    /// The components depending on `i`, with the edge through which they do.
    public func dependentsOf(_ i: Int) -> some Sequence<(node: Int, edge: Int)> {
        (Int(dependentOffsets[i])..<Int(dependentOffsets[i + 1])).lazy.map { (Int(self.dependents[$0]), Int(self.dependentEdges[$0])) }
    }

    /// The components `i` depends on, with the edge.
    public func dependenciesOf(_ i: Int) -> some Sequence<(node: Int, edge: Int)> {
        (Int(dependencyOffsets[i])..<Int(dependencyOffsets[i + 1])).lazy.map { (Int(self.dependencies[$0]), Int(self.dependencyEdges[$0])) }
    }
}
