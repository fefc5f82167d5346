/// A starting point of a cascade: a component put into a health by a fault or by the model.
struct Seed {
    var node: Int
    var health: Health
    var cause: CascadeRules.Cause
    /// The component's standby takes over (failover enabled and the fault is one it covers).
    var failsOver: Bool
    /// Milliseconds its answers take beyond normal (for a failed one, until its error comes back).
    var latencyMs = 0.0
    /// Its health has a size (`latencyMs`), as for a latency fault of a given size.
    var sized = false
    var reason: String
}

/// What a fault does to its target.
struct Effect {
    var health: Health
    var latencyMs = 0.0
    var sized = false
    var reason: String

    init(_ health: Health, latencyMs: Double = 0, sized: Bool = false, _ reason: String) {
        self.health = health
        self.latencyMs = latencyMs
        self.sized = sized
        self.reason = reason
    }
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
    /// Each component's latency (ms), the latency its dependents last reacted to, and how often that rose.
    var latency: [Double]
    var sentLatency: [Double]
    var latencyUpdates: [UInt8]
    /// Its degradation or overload has no size: dependents use the slowdown rules.
    var unsized: [Bool]
    /// Load (percentage points) that fallbacks moved onto each component, and the edges serving from a fallback.
    var extraLoad: [Double]
    var shiftedEdges: [Int32] = []
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
        latency = time
        sentLatency = time
        latencyUpdates = Array(repeating: 0, count: count)
        unsized = failedOver
        extraLoad = time
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
            latency[i] = 0
            sentLatency[i] = 0
            latencyUpdates[i] = 0
            unsized[i] = false
            extraLoad[i] = 0
        }
        touched.removeAll(keepingCapacity: true)
        shiftedEdges.removeAll(keepingCapacity: true)
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
    var latencyMs: Double
    var sized: Bool
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

    /// How many times a component's latency may rise and be passed on (fallbacks in a cycle add up).
    static let maxLatencyUpdates: UInt8 = 4

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
            var changed = false
            if level > ws.sent[i] {
                ws.sent[i] = level
                ws.failedOver[i] = failsOver
                changed = true
            }
            if update(i, latencyMs: seed.latencyMs, health: level, sized: seed.sized, in: ws) { changed = true }
            if changed { schedule(from: i, at: 0, in: ws) }
        }
        while let event = ws.heap.pop() {
            let i = Int(event.node)
            ws.touch(i)
            if event.health > ws.health[i] {
                ws.health[i] = event.health
                ws.time[i] = event.time
                ws.cause[i] = event.cause
                ws.causeNode[i] = event.from
                ws.causeEdge[i] = event.edge
            }
            var changed = false
            if event.health > ws.sent[i] {
                ws.sent[i] = event.health
                ws.failedOver[i] = false
                changed = true
            }
            if update(i, latencyMs: event.latencyMs, health: event.health, sized: event.sized, in: ws) { changed = true }
            if changed { schedule(from: i, at: event.time, in: ws) }
        }
    }

    /// Records a latency and whether an unhealthy level has a size; true when dependents must react again.
    private func update(_ i: Int, latencyMs: Double, health: Health, sized: Bool, in ws: CascadeWorkspace) -> Bool {
        var changed = false
        ws.latency[i] = max(ws.latency[i], latencyMs)
        if health > .healthy, !sized, !ws.unsized[i] {
            ws.unsized[i] = true
            changed = true
        }
        if latencyMs > ws.sentLatency[i], ws.latencyUpdates[i] < Self.maxLatencyUpdates {
            ws.sentLatency[i] = latencyMs
            ws.latencyUpdates[i] += 1
            changed = true
        }
        return changed
    }

    /// What dependents of `i` see of it.
    private func callee(_ i: Int, _ ws: CascadeWorkspace) -> CascadeRules.Callee {
        CascadeRules.Callee(level: ws.sent[i], latencyMs: ws.sentLatency[i], failedOver: ws.failedOver[i], unsized: ws.unsized[i])
    }

    private func schedule(from i: Int, at time: Double, in ws: CascadeWorkspace) {
        let state = callee(i, ws)
        let switchover = graph.model.components[i].switchoverSeconds
        let start = Int(graph.dependentOffsets[i]), end = Int(graph.dependentOffsets[i + 1])
        for slot in start..<end {
            let d = Int(graph.dependents[slot]), e = Int(graph.dependentEdges[slot])
            let dependent = graph.model.components[d], edge = graph.model.dependencies[e]
            let set = graph.redundancySetOfEdge[e]
            if set >= 0, state.level == .down {
                reactToLostMember(i, of: Int(set), through: e, at: time, in: ws)
                continue
            }
            guard var reaction = CascadeRules.react(
                to: state, through: edge, dependentTimeout: dependent.capacity.timeoutSeconds,
                dependentUtilization: graph.load[d], switchoverSeconds: switchover)
            else { continue }
            if reaction.retryLoadFactor > 1, state.level < .down {
                let health = LoadRule.health(forUtilization: graph.load[i] * reaction.retryLoadFactor)
                if health > .healthy {
                    push(CascadeRules.Reaction(health: health, delay: reaction.delay, cause: .retryLoad), to: i, from: d, edge: e, at: time, in: ws)
                }
            }
            let target = Int(graph.fallbackTarget[e])
            if reaction.onFallback, target >= 0 {
                if ws.sent[target] == .down {
                    reaction = CascadeRules.failedCall(edge, waitMs: reaction.delay * 1000, fallbackServes: false)
                } else {
                    shiftLoad(through: e, onto: target, from: i, after: reaction.delay, at: time, in: ws)
                }
            }
            push(reaction, to: d, from: i, edge: e, at: time, in: ws)
        }
        // Components whose fallback this one was, and whose primary already fails, lose both.
        guard state.level == .down, let users = graph.fallbackEdgesByTarget[i] else { return }
        for e in users {
            let primary = Int(graph.edgeTarget[e]), d = Int(graph.edgeSource[e]), edge = graph.model.dependencies[e]
            let timeout = graph.model.components[d].capacity.timeoutSeconds
            guard let failure = CascadeRules.call(callee(primary, ws), through: edge, callerTimeout: timeout) else { continue }
            push(CascadeRules.failedCall(edge, waitMs: failure.ms, fallbackServes: false), to: d, from: i, edge: e, at: time, in: ws)
        }
    }

    /// A fallback through edge `e` serves from `target`: the load it moves there (once per edge), judged by `LoadRule`.
    private func shiftLoad(through e: Int, onto target: Int, from i: Int, after delay: Double, at time: Double, in ws: CascadeWorkspace) {
        let moved = graph.model.dependencies[e].fallback.loadPercent
        guard moved > 0, !ws.shiftedEdges.contains(Int32(e)) else { return }
        ws.shiftedEdges.append(Int32(e))
        ws.touch(target)
        ws.extraLoad[target] += moved
        let health = LoadRule.health(forUtilization: graph.load[target] + ws.extraLoad[target])
        guard health > .healthy else { return }
        push(CascadeRules.Reaction(health: health, delay: delay, cause: .fallbackLoad), to: target, from: i, edge: e, at: time, in: ws)
    }

    /// A member of a redundancy set is down: the survivors take its load, and the dependent is degraded
    /// or, with too few members left, down.
    private func reactToLostMember(_ i: Int, of s: Int, through e: Int, at time: Double, in ws: CascadeWorkspace) {
        let set = graph.redundancySets[s], edge = graph.model.dependencies[e]
        let up = set.members.filter { ws.sent[$0] < .down }
        let dependentTimeout = graph.model.components[set.dependent].capacity.timeoutSeconds
        let waitMs = CascadeRules.call(callee(i, ws), through: edge, callerTimeout: dependentTimeout)?.ms ?? CascadeRules.errorMs
        if up.count < set.needed {
            push(CascadeRules.lost(edge, waitMs: waitMs, cause: .groupLost), to: set.dependent, from: i, edge: e, at: time, in: ws)
            return
        }
        push(CascadeRules.Reaction(health: .degraded, delay: CascadeRules.delaySeconds(waitMs), cause: .groupDegraded),
             to: set.dependent, from: i, edge: e, at: time, in: ws)
        let health = LoadRule.health(forUtilization: set.totalLoad / Double(up.count))
        guard health > .healthy else { return }
        for survivor in up {
            push(CascadeRules.Reaction(health: health, delay: CascadeRules.slowdownSeconds, cause: .loadShift), to: survivor, from: i, edge: e, at: time, in: ws)
        }
    }

    private func push(_ reaction: CascadeRules.Reaction, to d: Int, from i: Int, edge e: Int, at time: Double, in ws: CascadeWorkspace) {
        let newsUnsized = reaction.health > .healthy && !reaction.sized && !ws.unsized[d]
        guard reaction.health > ws.sent[d] || reaction.health > ws.health[d] || reaction.latencyMs > ws.sentLatency[d] || newsUnsized else { return }
        ws.heap.push(Event(time: time + reaction.delay, sequence: 0, node: Int32(d), health: reaction.health,
                           cause: reaction.cause, from: Int32(i), edge: Int32(e), latencyMs: reaction.latencyMs, sized: reaction.sized))
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
                    let effect = trafficEffect(i, multiplier: multiplier)
                    if effect.health > .healthy { seeds.append(Seed(node: i, health: effect.health, cause: .injected, failsOver: false, reason: effect.reason)) }
                }
                continue
            }
            guard components.indices.contains(fault.target) else { continue }
            let component = components[fault.target]
            let effect = directEffect(fault.kind, on: fault.target)
            seeds.append(Seed(node: fault.target, health: effect.health, cause: .injected,
                              failsOver: fault.kind.failoverApplies && component.failover.enabled,
                              latencyMs: effect.latencyMs, sized: effect.sized, reason: effect.reason))
        }
    }

    /// What a fault does to its target.
    private func directEffect(_ kind: FaultKind, on i: Int) -> Effect {
        let component = graph.model.components[i]
        switch kind {
        case .componentDown: return Effect(.down, "Component failure (injected): connections refused at once")
        case .hang: return Effect(.down, latencyMs: .infinity, "Hung (injected): no answers, callers wait for their timeout")
        case .networkPartition: return Effect(.down, latencyMs: .infinity, "Network partition: unreachable from its dependents, calls time out")
        case .memoryExhaustion: return Effect(.down, "Out of memory: process killed (memory at \(Format.percent(component.metrics.memoryPercent)))")
        case .diskFull: return Effect(.down, "Disk full: writes fail (disk at \(Format.percent(component.metrics.diskPercent)))")
        case .connectionPoolExhaustion:
            return Effect(.down, latencyMs: .infinity,
                          "Connection pool exhausted: all \(component.capacity.connectionPoolSize) connections in use, requests wait")
        case .cpuSaturation: return Effect(.overloaded, "CPU saturated: requests queue (CPU at \(Format.percent(component.metrics.cpuPercent)) before the fault)")
        case .latencySpike(let multiplier):
            return Effect(.degraded, "Latency spike: responses \(Format.number(multiplier))x slower")
        case .addedLatency(let ms):
            return Effect(LatencyRule.health(addedMs: ms), latencyMs: ms, sized: true, "Latency: responses \(Format.number(ms)) ms slower")
        case .instanceFailure:
            let n = component.replicas
            guard n > 1 else { return Effect(.down, "Lost its only instance") }
            let before = graph.load[i]
            let after = before * Double(n) / Double(n - 1)
            let health = LoadRule.health(forUtilization: after)
            let verdict = health == .healthy ? "the remaining replicas absorb the load" : "the remaining replicas run hot"
            return Effect(health, "Lost 1 of \(n) instances; load per instance \(Format.percent(before)) -> \(Format.percent(after)), \(verdict)")
        case .trafficSpike(let multiplier):
            return trafficEffect(i, multiplier: multiplier)
        }
    }

    /// A traffic spike against capacity, with autoscaling headroom up to its maximum replicas.
    private func trafficEffect(_ i: Int, multiplier: Double) -> Effect {
        let component = graph.model.components[i]
        let replicas = component.replicas
        let scaled = component.autoscaling.enabled ? max(replicas, component.autoscaling.maxReplicas) : replicas
        let projected = graph.load[i] * multiplier * Double(replicas) / Double(scaled)
        let health = LoadRule.health(forUtilization: projected)
        let scaling = scaled > replicas ? ", autoscaled to \(scaled) replicas" : ""
        return Effect(health, "Traffic \(Format.number(multiplier))x: load \(Format.percent(graph.load[i])) -> \(Format.percent(projected))\(scaling)")
    }
}
