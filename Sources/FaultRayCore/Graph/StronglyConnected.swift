/// Strongly connected components of the dependency graph (Tarjan, iterative).
///
/// Components are emitted dependencies-first: every component a group depends on belongs to the same
/// group or to an earlier one.
public struct StronglyConnected: Sendable {
    /// Group number of each component.
    public let group: [Int]
    /// Members of each group, in input order.
    public let members: [[Int]]

    /// The groups of `graph`, following only the edges for which `following` is true (all by default).
    public init(graph: CompiledGraph, following: (Int) -> Bool = { _ in true }) {
        let n = graph.count
        var index = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var group = [Int](repeating: -1, count: n)
        var members: [[Int]] = []
        var stack: [Int] = [], counter = 0
        var frames: [(node: Int, next: Int)] = []
        for root in 0..<n where index[root] < 0 {
            frames.append((root, Int(graph.dependencyOffsets[root])))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !frames.isEmpty {
                let (v, slot) = frames[frames.count - 1]
                if slot < Int(graph.dependencyOffsets[v + 1]) {
                    frames[frames.count - 1].next += 1
                    let w = Int(graph.dependencies[slot])
                    guard following(Int(graph.dependencyEdges[slot])) else { continue }
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, Int(graph.dependencyOffsets[w])))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[v]) }
                if low[v] == index[v] {
                    var scc: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        group[w] = members.count
                        scc.append(w)
                        if w == v { break }
                    }
                    members.append(scc.sorted())
                }
            }
        }
        self.group = group
        self.members = members
    }

    /// Groups of more than one component: dependency cycles.
    public var cycles: [[Int]] { members.filter { $0.count > 1 } }
}
