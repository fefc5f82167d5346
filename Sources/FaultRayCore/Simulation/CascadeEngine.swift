/// A starting point of a cascade: a component put into a health by a fault or by the model.
struct Seed {
    var node: Int
    var health: Health
    var cause: CascadeRules.Cause
    /// The component's standby takes over (failover enabled and the fault is one it covers).
    var failsOver: Bool
    var reason: String
}

/// Reusable per-thread state of a cascade; reset costs only what the last run touched.
public final class CascadeWorkspace {
    var health: [Health]
    /// The level dependents react to (differs from `health` while a standby takes over).
    var sent: [Health]
    var failedOver: [Bool]
    var time: [Double]
    var cause: [CascadeRules.Cause]
    var causeNode: [Int32]
    var causeEdge: [Int32]
    var seedReason: [Int32]
    var isTouched: [Bool]
    var touched: [Int32] = []
    var seeds: [Seed] = []
    var heap = EventHeap()

    public init(count: Int) {
        health = Array(repeating: .healthy, count: count)
        sent = health
        failedOver = Array(repeating: false, count: count)
        time = Array(repeating: 0, count: count)
        cause = Array(repeating: .injected, count: count)
        causeNode = Array(repeating: -1, count: count)
        causeEdge = causeNode
        seedReason = causeNode
        isTouched = failedOver
    }

    func reset() {
        for node in touched {
            let i = Int(node)
            health[i] = .healthy
            sent[i] = .healthy
            failedOver[i] = false
            causeNode[i] = -1
            causeEdge[i] = -1
            seedReason[i] = -1
            isTouched[i] = false
        }
        touched.removeAll(keepingCapacity: true)
        seeds.removeAll(keepingCapacity: true)
        heap.removeAll()
    }

    @inline(__always) func touch(_ i: Int) {
        if !isTouched[i] {
            isTouched[i] = true
            touched.append(Int32(i))
        }
    }
}

struct Event {
    var time: Double
    var sequence: Int
    var node: Int32
    var health: Health
    var cause: CascadeRules.Cause
    var from: Int32
    var edge: Int32
}

/// Binary min-heap on (time, sequence): earliest first, ties in the order they were scheduled.
struct EventHeap {
    private var items: [Event] = []
    private var counter = 0

    var isEmpty: Bool { items.isEmpty }

    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        counter = 0
    }

    mutating func push(_ event: Event) {
        var event = event
        event.sequence = counter
        counter += 1
        items.append(event)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Event? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, Self.less(items[left], items[smallest]) { smallest = left }
                if right < items.count, Self.less(items[right], items[smallest]) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }

    private static func less(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}

/// The cascade engine: event-driven in simulated time, health only worsens, deterministic.
///
/// Each component changes the level its dependents see at most three times, so a run costs
/// O((V + E) log V) in the worst case and, in practice, time proportional to what the failure reaches.
public struct CascadeEngine: Sendable {
    public let graph: CompiledGraph
    /// Each component's health before any fault: what the components the model declares unhealthy do
    /// to the rest. Nil when the model declares every component healthy (all healthy). A fault's
    /// blast radius, affected count and risk count only the components it makes worse than this.
    public let baseline: [Health]?

    public init(graph: CompiledGraph) {
        self.init(graph: graph, baseline: nil)
        guard !graph.declaredUnhealthy.isEmpty else { return }
        let ws = CascadeWorkspace(count: graph.count)
        var health = [Health](repeating: .healthy, count: graph.count)
        propagate([], in: ws)
        for node in ws.touched { health[Int(node)] = ws.health[Int(node)] }
        self.init(graph: graph, baseline: health)
    }

    private init(graph: CompiledGraph, baseline: [Health]?) {
        self.graph = graph
        self.baseline = baseline
    }

    /// Whether the cascade in `ws` left component `i` worse than before any fault.
    func isWorse(_ i: Int, in ws: CascadeWorkspace) -> Bool { ws.health[i] > (baseline?[i] ?? .healthy) }

    /// Runs the cascade of `faults` into `workspace` (reset first).
    func propagate(_ faults: [Fault], in ws: CascadeWorkspace) {
        ws.reset()
        makeSeeds(faults, into: &ws.seeds)
        for (position, seed) in ws.seeds.enumerated() {
            let i = seed.node
            ws.touch(i)
            if ws.seedReason[i] < 0 || seed.health > ws.health[i] {
                ws.health[i] = max(ws.health[i], seed.health)
                ws.time[i] = 0
                ws.cause[i] = seed.cause
                ws.seedReason[i] = Int32(position)
            }
            let failsOver = seed.failsOver && seed.health == .down
            let level: Health = failsOver ? .degraded : seed.health
            if level > ws.sent[i] {
                ws.sent[i] = level
                ws.failedOver[i] = failsOver
                schedule(from: i, at: 0, in: ws)
            }
        }
        while let event = ws.heap.pop() {
            let i = Int(event.node)
            if event.health > ws.health[i] {
                ws.touch(i)
                ws.health[i] = event.health
                ws.time[i] = event.time
                ws.cause[i] = event.cause
                ws.causeNode[i] = event.from
                ws.causeEdge[i] = event.edge
            }
            if event.health > ws.sent[i] {
                ws.sent[i] = event.health
                ws.failedOver[i] = false
                schedule(from: i, at: event.time, in: ws)
            }
        }
    }

    private func schedule(from i: Int, at time: Double, in ws: CascadeWorkspace) {
        let level = ws.sent[i]
        let failedOver = ws.failedOver[i]
        let switchover = graph.model.components[i].switchoverSeconds
        let start = Int(graph.dependentOffsets[i]), end = Int(graph.dependentOffsets[i + 1])
        for slot in start..<end {
            let d = Int(graph.dependents[slot]), e = Int(graph.dependentEdges[slot])
            let dependent = graph.model.components[d], edge = graph.model.dependencies[e]
            let set = graph.redundancySetOfEdge[e]
            if set >= 0, level == .down {
                reactToLostMember(i, of: Int(set), through: e, at: time, in: ws)
                continue
            }
            guard var reaction = CascadeRules.react(
                to: level, failedOver: failedOver, through: edge,
                dependentTimeout: dependent.capacity.timeoutSeconds, dependentUtilization: graph.load[d],
                switchoverSeconds: switchover)
            else { continue }
            if reaction.cause == .fallback, graph.fallbackTarget[e] >= 0, ws.sent[Int(graph.fallbackTarget[e])] == .down {
                reaction = CascadeRules.lost(edge, dependentTimeout: dependent.capacity.timeoutSeconds)
            }
            push(reaction, to: d, from: i, edge: e, at: time, in: ws)
        }
        // Components whose fallback this one was, and whose primary is already down, lose both.
        guard level == .down, let users = graph.fallbackEdgesByTarget[i] else { return }
        for e in users {
            let primary = Int(graph.edgeTarget[e]), d = Int(graph.edgeSource[e])
            guard ws.sent[primary] == .down else { continue }
            push(CascadeRules.lost(graph.model.dependencies[e], dependentTimeout: graph.model.components[d].capacity.timeoutSeconds),
                 to: d, from: i, edge: e, at: time, in: ws)
        }
    }

    /// A member of a redundancy set is down: the survivors take its load, and the dependent is degraded
    /// or, with too few members left, down.
    private func reactToLostMember(_ i: Int, of s: Int, through e: Int, at time: Double, in ws: CascadeWorkspace) {
        let set = graph.redundancySets[s], edge = graph.model.dependencies[e]
        let up = set.members.filter { ws.sent[$0] < .down }
        let dependentTimeout = graph.model.components[set.dependent].capacity.timeoutSeconds
        if up.count < set.needed {
            push(CascadeRules.lost(edge, dependentTimeout: dependentTimeout, cause: .groupLost), to: set.dependent, from: i, edge: e, at: time, in: ws)
            return
        }
        push(CascadeRules.Reaction(health: .degraded, delay: CascadeRules.lossDelay(edge, dependentTimeout), cause: .groupDegraded),
             to: set.dependent, from: i, edge: e, at: time, in: ws)
        let health = LoadRule.health(forUtilization: set.totalLoad / Double(up.count))
        guard health > .healthy else { return }
        for survivor in up {
            push(CascadeRules.Reaction(health: health, delay: CascadeRules.slowdownSeconds, cause: .loadShift), to: survivor, from: i, edge: e, at: time, in: ws)
        }
    }

    private func push(_ reaction: CascadeRules.Reaction, to d: Int, from i: Int, edge e: Int, at time: Double, in ws: CascadeWorkspace) {
        guard reaction.health > ws.sent[d] || reaction.health > ws.health[d] else { return }
        ws.heap.push(Event(time: time + reaction.delay, sequence: 0, node: Int32(d), health: reaction.health,
                           cause: reaction.cause, from: Int32(i), edge: Int32(e)))
    }

    /// The starting points of the faults, plus every component the model declares unhealthy.
    func makeSeeds(_ faults: [Fault], into seeds: inout [Seed]) {
        let components = graph.model.components
        for node in graph.declaredUnhealthy {
            let i = Int(node), component = components[i]
            seeds.append(Seed(node: i, health: component.health, cause: .declared, failsOver: component.failover.enabled,
                              reason: "Declared \(component.health.name) in the model"))
        }
        for fault in faults {
            if case .trafficSpike(let multiplier) = fault.kind {
                for i in components.indices {
                    let (health, reason) = trafficEffect(i, multiplier: multiplier)
                    if health > .healthy { seeds.append(Seed(node: i, health: health, cause: .injected, failsOver: false, reason: reason)) }
                }
                continue
            }
            guard components.indices.contains(fault.target) else { continue }
            let component = components[fault.target]
            let (health, reason) = directEffect(fault.kind, on: fault.target)
            seeds.append(Seed(node: fault.target, health: health, cause: .injected,
                              failsOver: fault.kind.failoverApplies && component.failover.enabled, reason: reason))
        }
    }

    /// Health and reason of a fault's target.
    private func directEffect(_ kind: FaultKind, on i: Int) -> (Health, String) {
        let component = graph.model.components[i]
        switch kind {
        case .componentDown: return (.down, "Component failure (injected)")
        case .networkPartition: return (.down, "Network partition: unreachable from its dependents")
        case .memoryExhaustion: return (.down, "Out of memory: process killed (memory at \(Format.percent(component.metrics.memoryPercent)))")
        case .diskFull: return (.down, "Disk full: writes fail (disk at \(Format.percent(component.metrics.diskPercent)))")
        case .connectionPoolExhaustion:
            return (.down, "Connection pool exhausted: all \(component.capacity.connectionPoolSize) connections in use")
        case .cpuSaturation: return (.overloaded, "CPU saturated: requests queue (CPU at \(Format.percent(component.metrics.cpuPercent)) before the fault)")
        case .latencySpike(let multiplier):
            return (.degraded, "Latency spike: responses \(Format.number(multiplier))x slower")
        case .instanceFailure:
            let n = component.replicas
            guard n > 1 else { return (.down, "Lost its only instance") }
            let before = graph.load[i]
            let after = before * Double(n) / Double(n - 1)
            let health = LoadRule.health(forUtilization: after)
            let verdict = health == .healthy ? "the remaining replicas absorb the load" : "the remaining replicas run hot"
            return (health, "Lost 1 of \(n) instances; load per instance \(Format.percent(before)) -> \(Format.percent(after)), \(verdict)")
        case .trafficSpike(let multiplier):
            return trafficEffect(i, multiplier: multiplier)
        }
    }

    /// A traffic spike against capacity, with autoscaling headroom up to its maximum replicas.
    private func trafficEffect(_ i: Int, multiplier: Double) -> (Health, String) {
        let component = graph.model.components[i]
        let replicas = component.replicas
        let scaled = component.autoscaling.enabled ? max(replicas, component.autoscaling.maxReplicas) : replicas
        let projected = graph.load[i] * multiplier * Double(replicas) / Double(scaled)
        let health = LoadRule.health(forUtilization: projected)
        let scaling = scaled > replicas ? ", autoscaled to \(scaled) replicas" : ""
        return (health, "Traffic \(Format.number(multiplier))x: load \(Format.percent(graph.load[i])) -> \(Format.percent(projected))\(scaling)")
    }
}
