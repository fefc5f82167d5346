/// A minimal cut set of an entry point: basic events that together take it down, none of which is
/// needed for that.
public struct CutSet: Sendable, Equatable {
    /// Event indices into `FaultTree.events`, ascending.
    public var events: [Int32]
    /// Instance-level order: the single instance and domain losses it stands for.
    public var order: Int
    /// Product of the events' probabilities (the rare-event term of the cut set).
    public var probability: Double
    /// How often the events are in force together, per year: `Π q × Σ μ` (for two events
    /// `λ₁λ₂(r₁ + r₂)`), the rate at which their outages overlap.
    public var frequencyPerYear: Double
}

/// Minimal cut sets of a fault tree's nodes, up to an instance-level order, by combining the children's
/// sets gate by gate (an `or` unites them, an `and` multiplies them, `at least r` multiplies every r of
/// them) and keeping only minimal sets.
public struct CutSetFinder {
    public let tree: FaultTree
    public let maxOrder: Int
    /// Stop combining beyond this many sets for one gate (reported as `truncated`).
    public let limit: Int
    public private(set) var truncated = false
    private var memo: [Int32: [[Int32]]] = [:]

    public init(tree: FaultTree, maxOrder: Int, limit: Int = 2_000_000) {
        self.tree = tree
        self.maxOrder = maxOrder
        self.limit = limit
    }

    /// The minimal cut sets of a node, most probable first (ties by events).
    public mutating func cutSets(of node: Int32) -> [CutSet] {
        family(node).map { set in
            var probability = 1.0, repair = 0.0
            for e in set {
                probability *= tree.events[Int(e)].probability
                repair += tree.events[Int(e)].repairPerYear
            }
            return CutSet(events: set, order: order(set), probability: probability, frequencyPerYear: probability * repair)
        }.sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.events.lexicographicallyPrecedes($1.events) }
    }

    private func order(_ set: [Int32]) -> Int { set.reduce(0) { $0 + tree.events[Int($1)].order } }

    private mutating func family(_ node: Int32) -> [[Int32]] {
        if let known = memo[node] { return known }
        let result: [[Int32]]
        if tree.isEvent(node) {
            result = tree.events[Int(node)].order <= maxOrder ? [[node]] : []
        } else {
            let gate = tree.gate(node)
            switch gate.kind {
            case .or:
                var seen = Set<Int32>()
                var union: [[Int32]] = []
                for leaf in tree.orLeaves(of: node, seen: &seen) { union += family(leaf) }
                result = minimal(union)
            case .and:
                var product: [[Int32]] = [[]]
                for child in gate.children { product = multiply(product, family(child)) }
                result = minimal(product)
            case .atLeast(let r) where r > maxOrder:
                // Every child's sets have order 1 or more: r of them exceed the order sought.
                result = []
            case .atLeast(let r):
                let children = gate.children.map { family($0) }
                var union: [[Int32]] = []
                Self.forEachSubset(of: children.count, size: r) { chosen in
                    var product: [[Int32]] = [[]]
                    for c in chosen { product = multiply(product, children[c]) }
                    union += product
                }
                result = minimal(union)
            }
        }
        memo[node] = result
        return result
    }

    private mutating func multiply(_ a: [[Int32]], _ b: [[Int32]]) -> [[Int32]] {
        var result: [[Int32]] = []
        outer: for x in a {
            for y in b {
                guard result.count < limit else { truncated = true; break outer }
                // A shared event (a zone both sides are in) counts once.
                var merged = x
                for e in y where !merged.contains(e) { merged.append(e) }
                guard order(merged) <= maxOrder else { continue }
                merged.sort()
                result.append(merged)
            }
        }
        return result
    }

    /// Calls `body` with every `r`-subset of `0..<n`, in lexicographic order.
    static func forEachSubset(of n: Int, size r: Int, _ body: ([Int]) -> Void) {
        guard r <= n, r > 0 else { return }
        var chosen = Array(0..<r)
        while true {
            body(chosen)
            var i = r - 1
            while i >= 0, chosen[i] == n - r + i { i -= 1 }
            if i < 0 { return }
            chosen[i] += 1
            for j in (i + 1)..<r { chosen[j] = chosen[j - 1] + 1 }
        }
    }

    /// Drops duplicates and every set that contains another.
    private func minimal(_ sets: [[Int32]]) -> [[Int32]] {
        let sorted = sets.sorted { ($0.count, order($0)) < ($1.count, order($1)) || (($0.count, order($0)) == ($1.count, order($1)) && $0.lexicographicallyPrecedes($1)) }
        var kept = Set<[Int32]>(), result: [[Int32]] = []
        for set in sorted where !kept.contains(set) {
            if set.count > 1, hasKeptSubset(set, kept) { continue }
            kept.insert(set)
            result.append(set)
        }
        return result
    }

    private func hasKeptSubset(_ set: [Int32], _ kept: Set<[Int32]>) -> Bool {
        let n = set.count
        for mask in 1..<((1 << n) - 1) {
            var subset: [Int32] = []
            for i in 0..<n where mask & (1 << i) != 0 { subset.append(set[i]) }
            if kept.contains(subset) { return true }
        }
        return false
    }
}
