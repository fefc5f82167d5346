/// A layered (Sugiyama-style) drawing of a directed graph, computed once on the server so a browser
/// only draws it: deterministic (the same graph gives the same coordinates) and linear-ish in size.
///
/// Rules: edges point from a dependent to its dependency, so callers sit above what they call.
/// 1. Cycles are broken by ignoring the edges that close one in a depth-first search from each node in
///    index order (the back edges).
/// 2. A node's layer is the longest path to it from a node nobody depends on (0 for those).
/// 3. Within a layer, nodes are ordered by the mean position of their neighbours in the layer above,
///    then in the layer below (four sweeps; ties keep the earlier order, then the index).
/// 4. A layer wider than `rowWidth` wraps onto several rows, so a layer of thousands stays readable.
/// Coordinates are in abstract units: one column is `1`, one row is `1`; each row is centred on 0.
public struct LayeredLayout: Sendable, Equatable {
    /// Layer of each node (0 at the top).
    public let layer: [Int]
    /// Horizontal position of each node, centred on 0.
    public let x: [Double]
    /// Vertical position of each node (its row; rows of a wrapped layer follow each other).
    public let y: [Double]
    /// The number of layers.
    public let layerCount: Int

    /// Lays out `count` nodes joined by `edges` (dependent, dependency); self-loops and edges naming a
    /// node outside `0..<count` are ignored.
    public init(count: Int, edges: [(from: Int, to: Int)], rowWidth: Int = 40) {
        var out = [[Int]](repeating: [], count: count), into = [[Int]](repeating: [], count: count)
        for edge in edges where edge.from != edge.to && (0..<count).contains(edge.from) && (0..<count).contains(edge.to) {
            out[edge.from].append(edge.to)
            into[edge.to].append(edge.from)
        }
        let forward = Self.acyclicEdges(out)
        // Longest path in topological order (reverse post-order of the DFS over forward edges).
        var layer = [Int](repeating: 0, count: count)
        for node in Self.topologicalOrder(forward) {
            for next in forward[node] { layer[next] = max(layer[next], layer[node] + 1) }
        }
        let layerCount = (layer.max() ?? -1) + 1
        var layers = [[Int]](repeating: [], count: layerCount)
        for node in 0..<count { layers[layer[node]].append(node) }
        // Barycentre sweeps: down by the layer above (callers), up by the layer below (dependencies).
        var position = [Double](repeating: 0, count: count)
        func number(_ nodes: [Int]) { for (i, node) in nodes.enumerated() { position[node] = Double(i) } }
        layers.forEach(number)
        for sweep in 0..<4 {
            let down = sweep % 2 == 0
            for index in (down ? Array(1..<max(1, layerCount)) : Array((0..<max(0, layerCount - 1)).reversed())) {
                let neighbours = down ? into : out
                let target = down ? index - 1 : index + 1
                let keys = layers[index].map { node -> (Double, Double, Int) in
                    let near = neighbours[node].filter { layer[$0] == target }
                    let centre = near.isEmpty ? position[node] : near.reduce(0) { $0 + position[$1] } / Double(near.count)
                    return (centre, position[node], node)
                }
                layers[index] = keys.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.2)
                number(layers[index])
            }
        }
        var x = [Double](repeating: 0, count: count), y = [Double](repeating: 0, count: count)
        var row = 0
        let width = max(1, rowWidth)
        for nodes in layers {
            for start in stride(from: 0, to: nodes.count, by: width) {
                let slice = nodes[start..<min(nodes.count, start + width)]
                for (i, node) in slice.enumerated() {
                    x[node] = Double(i) - Double(slice.count - 1) / 2
                    y[node] = Double(row)
                }
                row += 1
            }
        }
        self.layer = layer
        self.x = x
        self.y = y
        self.layerCount = layerCount
    }

    /// The edges that close no cycle: a depth-first search from each unvisited node in index order
    /// drops the edges back to a node still on its path.
    private static func acyclicEdges(_ out: [[Int]]) -> [[Int]] {
        var state = [UInt8](repeating: 0, count: out.count)  // 0 new, 1 on the path, 2 done
        var kept = [[Int]](repeating: [], count: out.count)
        for root in out.indices where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while let (node, next) = stack.last {
                guard next < out[node].count else {
                    state[node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = out[node][next]
                if state[target] == 1 { continue }
                kept[node].append(target)
                if state[target] == 0 {
                    state[target] = 1
                    stack.append((target, 0))
                }
            }
        }
        return kept
    }

    /// A topological order of an acyclic adjacency list (Kahn's algorithm, smallest index first among ready nodes).
    private static func topologicalOrder(_ out: [[Int]]) -> [Int] {
        var indegree = [Int](repeating: 0, count: out.count)
        for targets in out { for target in targets { indegree[target] += 1 } }
        var ready = out.indices.filter { indegree[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(out.count)
        var head = 0
        while head < ready.count {
            let node = ready[head]
            head += 1
            order.append(node)
            for target in out[node] {
                indegree[target] -= 1
                if indegree[target] == 0 { ready.append(target) }
            }
        }
        return order
    }
}
