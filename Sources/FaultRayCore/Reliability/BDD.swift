/// A reduced ordered binary decision diagram over the events of a fault tree ("down" is true).
///
/// Node 0 is false, node 1 is true; every other node tests one variable (an event index; lower
/// indices nearer the root) and is created after its children, so a node's index is above theirs.
/// `nil` from a builder means the diagram outgrew its node budget.
final class BDD {
    private(set) var variable: [Int32] = [.max, .max]
    private(set) var low: [Int32] = [0, 1]
    private(set) var high: [Int32] = [0, 1]
    private var unique: [Triple: Int32] = [:]
    private var orMemo: [Pair: Int32] = [:]
    private var andMemo: [Pair: Int32] = [:]
    let budget: Int

    private struct Triple: Hashable { var v: Int32, lo: Int32, hi: Int32 }
    private struct Pair: Hashable { var a: Int32, b: Int32 }

    init(budget: Int) { self.budget = budget }

    var count: Int { variable.count }

    func mk(_ v: Int32, _ lo: Int32, _ hi: Int32) -> Int32? {
        if lo == hi { return lo }
        let key = Triple(v: v, lo: lo, hi: hi)
        if let node = unique[key] { return node }
        guard variable.count < budget else { return nil }
        variable.append(v); low.append(lo); high.append(hi)
        let node = Int32(variable.count - 1)
        unique[key] = node
        return node
    }

    /// The diagram of one variable.
    func variableNode(_ v: Int32) -> Int32? { mk(v, 0, 1) }

    func or(_ f: Int32, _ g: Int32) -> Int32? {
        if f == 1 || g == 1 { return 1 }
        if f == 0 { return g }
        if g == 0 || f == g { return f }
        let key = f < g ? Pair(a: f, b: g) : Pair(a: g, b: f)
        if let node = orMemo[key] { return node }
        let (v, f0, f1, g0, g1) = cofactors(f, g)
        guard let lo = or(f0, g0), let hi = or(f1, g1), let node = mk(v, lo, hi) else { return nil }
        orMemo[key] = node
        return node
    }

    func and(_ f: Int32, _ g: Int32) -> Int32? {
        if f == 0 || g == 0 { return 0 }
        if f == 1 { return g }
        if g == 1 || f == g { return f }
        let key = f < g ? Pair(a: f, b: g) : Pair(a: g, b: f)
        if let node = andMemo[key] { return node }
        let (v, f0, f1, g0, g1) = cofactors(f, g)
        guard let lo = and(f0, g0), let hi = and(f1, g1), let node = mk(v, lo, hi) else { return nil }
        andMemo[key] = node
        return node
    }

    private func cofactors(_ f: Int32, _ g: Int32) -> (Int32, Int32, Int32, Int32, Int32) {
        let vf = variable[Int(f)], vg = variable[Int(g)]
        let v = min(vf, vg)
        let (f0, f1) = vf == v ? (low[Int(f)], high[Int(f)]) : (f, f)
        let (g0, g1) = vg == v ? (low[Int(g)], high[Int(g)]) : (g, g)
        return (v, f0, f1, g0, g1)
    }

    /// Down when at least `r` of `children` are down: `T(i, r) = (c_i ∧ T(i+1, r−1)) ∨ T(i+1, r)`.
    func atLeast(_ r: Int, _ children: [Int32]) -> Int32? {
        let m = children.count
        guard r <= m else { return 0 }
        // row[j] = T(i, j) for the current i, built from the last child up.
        var row = [Int32](repeating: 0, count: r + 1)
        row[0] = 1
        for i in stride(from: m - 1, through: 0, by: -1) {
            for j in stride(from: min(r, m - i), through: 1, by: -1) {
                guard let both = and(children[i], row[j - 1]), let either = or(both, row[j]) else { return nil }
                row[j] = either
            }
        }
        return row[r]
    }

    /// Probability that `root` is true, each variable true with `probability[v]`; `memo` caches nodes
    /// across calls with the same probabilities.
    func probability(_ root: Int32, _ probability: [Double], memo: inout [Double]) -> Double {
        if memo.count < count { memo += [Double](repeating: -1, count: count - memo.count) }
        memo[0] = 0; memo[1] = 1
        for node in reachable(from: root) where memo[Int(node)] < 0 {
            let p = probability[Int(variable[Int(node)])]
            memo[Int(node)] = (1 - p) * memo[Int(low[Int(node)])] + p * memo[Int(high[Int(node)])]
        }
        return memo[Int(root)]
    }

    /// Birnbaum importance of every variable for `root`: `P(root | v true) − P(root | v false)`, from
    /// the probability of reaching each node and the difference of its branches.
    func birnbaum(_ root: Int32, _ probability: [Double], nodeProbability: [Double], variables: Int) -> [Double] {
        var result = [Double](repeating: 0, count: variables)
        let nodes = reachable(from: root)
        var reach = [Int32: Double]()
        reach[root] = 1
        for node in nodes.reversed() where node > 1 {
            let r = reach[node] ?? 0
            let v = Int(variable[Int(node)]), lo = low[Int(node)], hi = high[Int(node)]
            result[v] += r * (nodeProbability[Int(hi)] - nodeProbability[Int(lo)])
            let p = probability[v]
            reach[lo, default: 0] += r * (1 - p)
            reach[hi, default: 0] += r * p
        }
        return result
    }

    /// The nodes below `root` (itself included), children before parents.
    func reachable(from root: Int32) -> [Int32] {
        var seen = Set<Int32>(), stack = [root], result: [Int32] = []
        while let node = stack.popLast() {
            guard node > 1, seen.insert(node).inserted else { continue }
            result.append(node)
            stack.append(low[Int(node)])
            stack.append(high[Int(node)])
        }
        return result.sorted()
    }
}
