import Foundation

/// The structure function of every entry point, as a fault tree over basic events.
///
/// Basic events are independent and repairable: each component's own failure (`k` of its `n` instances
/// needed, `k` from capacity under the cascade's load rule; an external service's SLA), each failover
/// standby, and each failure domain (zone, region) as a common cause. A component is down when its own
/// event occurs (with failover: when the primary side and the standby side are both lost, each side
/// also lost with its domains), when a domain that holds it is out, when something it `requires` is
/// down (a circuit breaker does not change this: it changes how a failure spreads, not whether the
/// function works), when a `requires` dependency with a fallback is down together with the fallback's
/// target, or when more than `members - min_healthy` of a redundancy group are down.
///
/// Gates are built children first, so a gate's index is above its children's; a node id below
/// `events.count` is an event, any other is gate `id - events.count`. Cycles of required dependencies are
/// one gate (the members need each other); a cycle through a redundancy group or a fallback is cut
/// where it closes (documented in `docs/reliability-model.md`).
public struct FaultTree: Sendable {
    /// What a basic event stands for.
    public enum EventKind: Sendable, Equatable {
        /// `failures` of the component's `of` instances lost at once: more than it can lose and carry the load.
        case instances(component: Int, failures: Int, of: Int)
        /// An external service down (its provider's SLA).
        case external(component: Int)
        /// The failover standby of a component lost.
        case standby(component: Int)
        /// A zone or region out.
        case domain(FailureDomain)
    }

    /// An independent, repairable basic event.
    public struct Event: Sendable {
        public var kind: EventKind
        /// Steady-state probability that the event is in force (its unavailability).
        public var probability: Double
        /// How often the event starts, per year.
        public var frequencyPerYear: Double
        /// Instance-level order: how many single instance or domain losses it stands for.
        public var order: Int

        /// Rate at which the event ends, per year (`frequency / probability`).
        public var repairPerYear: Double { probability > 0 ? frequencyPerYear / probability : 0 }
    }

    public enum GateKind: Sendable, Equatable {
        case or, and
        /// Down when at least this many children are down.
        case atLeast(Int)
    }

    public struct Gate: Sendable {
        public var kind: GateKind
        public var children: [Int32]
        /// The component whose failover pair this `and` gate is, or -1.
        public var failoverOf: Int32 = -1
    }

    public let graph: CompiledGraph
    /// The failure domains of each component's primary instances and of its standby.
    public let primaryDomains: [[FailureDomain]]
    public let standbyDomains: [[FailureDomain]]
    public let events: [Event]
    public let gates: [Gate]
    /// Each component's own event (`instances` or `external`).
    public let componentEvent: [Int32]
    /// Each component's standby event, or -1.
    public let standbyEvent: [Int32]
    /// The node that is down exactly when the component is down (in this tree's sense of "working").
    public let componentNode: [Int32]
    /// Instances of each component that must work for it to carry its load (`k` of `n`).
    public let instancesNeeded: [Int]
    /// Whether fallbacks count as serving (`true`) or every `requires` dependency must work (`false`).
    public let fallbacksServe: Bool

    public var eventCount: Int { events.count }
    public func isEvent(_ node: Int32) -> Bool { Int(node) < events.count }
    public func gate(_ node: Int32) -> Gate { gates[Int(node) - events.count] }

    /// Instances of `n` at load `load` % that must survive for the others to stay within the load rule:
    /// the survivors carry `n × load / k` each, which must not exceed `LoadRule.downAbove`.
    public static func instancesNeeded(replicas n: Int, load: Double) -> Int {
        guard n > 1, load > 0 else { return 1 }
        return min(n, max(1, LoadRule.survivorsNeeded(forLoad: Double(n) * load)))
    }

    /// Probability that at least `r` of `n` independent instances, each down with probability `q`, are down.
    /// Summed in log space from the `r`-th term up, so it neither overflows nor costs more than O(n) for
    /// large `n`; past the most likely count the terms only shrink, and the sum stops once they fall
    /// below 1e-26 of the largest.
    public static func binomialTail(n: Int, r: Int, q: Double) -> Double {
        guard r > 0 else { return 1 }
        guard r <= n, q > 0 else { return 0 }
        guard q < 1 else { return 1 }
        let step = log(q) - log1p(-q)
        var logTerm = logBinomialTerm(n, r, q)
        var largest = logTerm, scaled = 1.0
        let mode = Double(n + 1) * q
        for j in stride(from: r + 1, through: n, by: 1) {
            logTerm += log(Double(n - j + 1)) - log(Double(j)) + step
            if logTerm > largest {
                scaled = scaled * exp(largest - logTerm) + 1
                largest = logTerm
            } else {
                scaled += exp(logTerm - largest)
                if Double(j) > mode, logTerm < largest - 60 { break }
            }
        }
        return min(1, exp(largest) * scaled)
    }

    /// `C(n, j) qʲ (1 − q)ⁿ⁻ʲ`: the probability that exactly `j` of `n` instances are down.
    static func binomialTerm(_ n: Int, _ j: Int, _ q: Double) -> Double {
        guard j >= 0, j <= n else { return 0 }
        if q <= 0 { return j == 0 ? 1 : 0 }
        if q >= 1 { return j == n ? 1 : 0 }
        return exp(logBinomialTerm(n, j, q))
    }

    private static func logBinomialTerm(_ n: Int, _ j: Int, _ q: Double) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1)) + Double(j) * log(q) + Double(n - j) * log1p(-q)
    }

    /// Probability and yearly frequency of a component's own event, without domains.
    static func ownEvent(_ component: Component, needed k: Int) -> (probability: Double, frequency: Double, order: Int) {
        let mttrHours = max(component.operationalProfile.mttrMinutes, 1) / 60
        if let sla = component.externalSLA {
            let q = min(1, max(0, 1 - sla.providerSLA / 100))
            return (q, q * AvailabilityModel.hoursPerYear / mttrHours, 1)
        }
        let n = component.replicas, r = n - k + 1
        let q = instanceUnavailability(component)
        let lambdaPerYear = AvailabilityModel.hoursPerYear / mtbfHours(component)
        // Entering the failed state: from exactly r-1 instances down, one of the n-r+1 others fails.
        let frequency = binomialTerm(n, r - 1, q) * Double(n - r + 1) * lambdaPerYear
        return (binomialTail(n: n, r: r, q: q), frequency, r)
    }

    static func mtbfHours(_ component: Component) -> Double {
        component.operationalProfile.mtbfHours > 0 ? component.operationalProfile.mtbfHours : AvailabilityModel.defaultMTBFHours(for: component.type)
    }

    /// Unavailability of one instance: `MTTR / (MTBF + MTTR)`.
    static func instanceUnavailability(_ component: Component) -> Double {
        let mttrHours = max(component.operationalProfile.mttrMinutes, 1) / 60
        return mttrHours / (mtbfHours(component) + mttrHours)
    }

    /// Builds the tree of a compiled model. With `fallbacksServe`, a `requires` dependency with a fallback
    /// is needed only together with the fallback's target (or not at all without one).
    public init(graph: CompiledGraph, fallbacksServe: Bool = true) {
        self.fallbacksServe = fallbacksServe
        self.graph = graph
        let model = graph.model, components = model.components, n = graph.count
        var events: [Event] = []
        var componentEvent = [Int32](repeating: -1, count: n), standbyEvent = componentEvent
        var needed = [Int](repeating: 1, count: n)

        // A host is a domain when two components or more run on it (as in the full run's host outages);
        // the standby runs elsewhere.
        var onHost: [String: Int] = [:]
        for component in components where !component.host.isEmpty { onHost[component.host, default: 0] += 1 }
        let primary = components.map { c in c.primaryDomains + ((onHost[c.host] ?? 0) >= 2 ? [FailureDomain(.host, c.host)] : []) }
        let standby = components.map { $0.failover.enabled ? $0.standbyDomains : [] }
        primaryDomains = primary
        standbyDomains = standby
        var domainSet = Set<FailureDomain>()
        for i in components.indices { domainSet.formUnion(primary[i]); domainSet.formUnion(standby[i]) }
        let settings = model.failureDomains
        var domainEvent: [FailureDomain: Int32] = [:]
        for domain in domainSet.sorted() {
            let rate = settings.rate(domain.kind)
            let q = rate.unavailability
            domainEvent[domain] = Int32(events.count)
            events.append(Event(kind: .domain(domain), probability: q, frequencyPerYear: rate.outagesPerYear * (1 - q), order: 1))
        }
        for (i, component) in components.enumerated() {
            let k = component.externalSLA == nil ? Self.instancesNeeded(replicas: component.replicas, load: graph.load[i]) : 1
            needed[i] = k
            let own = Self.ownEvent(component, needed: k)
            componentEvent[i] = Int32(events.count)
            let kind: EventKind = component.externalSLA != nil ? .external(component: i) : .instances(component: i, failures: own.order, of: component.replicas)
            events.append(Event(kind: kind, probability: own.probability, frequencyPerYear: own.frequency, order: own.order))
            if component.failover.enabled {
                let q = Self.instanceUnavailability(component)
                standbyEvent[i] = Int32(events.count)
                events.append(Event(kind: .standby(component: i), probability: q,
                                    frequencyPerYear: (1 - q) * AvailabilityModel.hoursPerYear / Self.mtbfHours(component), order: 1))
            }
        }

        var builder = GateBuilder(eventCount: events.count)
        // Which edges make a dependent need its target alone (series edges) and which are grouped.
        let grouped = graph.redundancySetOfEdge.map { $0 >= 0 }
        var setsOf: [Int: [Int]] = [:]
        for (s, set) in graph.redundancySets.enumerated() { setsOf[set.dependent, default: []].append(s) }
        let isSeries: (Int) -> Bool = { edge in
            let dependency = model.dependencies[edge]
            return dependency.type == .requires && !grouped[edge] && !(fallbacksServe && dependency.fallback.enabled)
        }
        let scc = StronglyConnected(graph: graph, following: isSeries)
        var sccNode = [Int32](repeating: -1, count: scc.members.count)
        var state = [UInt8](repeating: 0, count: scc.members.count)  // 0 new, 1 on the stack, 2 built

        /// Everything the components of a strongly connected group need, as nodes.
        func structuralTargets(of group: Int) -> [Int] {
            var result: [Int] = []
            for v in scc.members[group] {
                for (target, edge) in graph.dependenciesOf(v) {
                    let dependency = model.dependencies[edge]
                    guard dependency.type == .requires || grouped[edge] else { continue }
                    result.append(scc.group[target])
                    if fallbacksServe, graph.fallbackTarget[edge] >= 0 { result.append(scc.group[Int(graph.fallbackTarget[edge])]) }
                }
            }
            return result
        }

        func build(_ group: Int) -> Int32 {
            var children: [Int32] = []
            for v in scc.members[group] {
                let component = components[v]
                let own = componentEvent[v]
                if component.failover.enabled {
                    let primarySide = builder.or([own] + primary[v].map { domainEvent[$0]! })
                    let standbySide = builder.or([standbyEvent[v]] + standby[v].map { domainEvent[$0]! })
                    children.append(builder.add(Gate(kind: .and, children: [primarySide, standbySide], failoverOf: Int32(v))))
                } else {
                    children.append(own)
                    children += primary[v].map { domainEvent[$0]! }
                }
                for (target, edge) in graph.dependenciesOf(v) where !grouped[edge] {
                    let dependency = model.dependencies[edge]
                    guard dependency.type == .requires else { continue }
                    let targetNode = sccNode[scc.group[target]]
                    if isSeries(edge) {
                        if scc.group[target] != group, targetNode >= 0 { children.append(targetNode) }
                    } else if graph.fallbackTarget[edge] >= 0, targetNode >= 0, sccNode[scc.group[Int(graph.fallbackTarget[edge])]] >= 0 {
                        children.append(builder.and([targetNode, sccNode[scc.group[Int(graph.fallbackTarget[edge])]]]))
                    }
                }
                for s in setsOf[v] ?? [] {
                    let set = graph.redundancySets[s]
                    let members = set.members.map { sccNode[scc.group[$0]] }.filter { $0 >= 0 }
                    // Lost once more members are down than the group can spare.
                    let failures = set.members.count - set.needed + 1
                    guard failures >= 1, failures <= members.count else { continue }
                    children.append(failures == 1 ? builder.or(members) : builder.add(Gate(kind: .atLeast(failures), children: members)))
                }
            }
            return builder.or(children)
        }

        // Depth-first, dependencies first (iterative: chains may be long); an edge back onto the stack is cut.
        for root in 0..<scc.members.count where state[root] == 0 {
            var stack: [(group: Int, targets: [Int], next: Int)] = [(root, structuralTargets(of: root), 0)]
            state[root] = 1
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next < stack[top].targets.count {
                    let t = stack[top].targets[stack[top].next]
                    stack[top].next += 1
                    if state[t] == 0 {
                        state[t] = 1
                        stack.append((t, structuralTargets(of: t), 0))
                    }
                    continue
                }
                let group = stack.removeLast().group
                sccNode[group] = build(group)
                state[group] = 2
            }
        }
        self.events = events
        self.gates = builder.gates
        self.componentEvent = componentEvent
        self.standbyEvent = standbyEvent
        self.componentNode = (0..<n).map { sccNode[scc.group[$0]] }
        self.instancesNeeded = needed
    }

    /// The events and non-`or` gates an `or` node stands for (its children through nested `or` gates),
    /// each once, in first-visit order.
    func orLeaves(of node: Int32, seen: inout Set<Int32>) -> [Int32] {
        var result: [Int32] = []
        var stack = [node]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            if !isEvent(next), gate(next).kind == .or {
                stack.append(contentsOf: gate(next).children.reversed())
            } else {
                result.append(next)
            }
        }
        return result
    }
}

/// Appends gates, merging single-child and duplicate children.
struct GateBuilder {
    let eventCount: Int
    var gates: [FaultTree.Gate] = []

    mutating func add(_ gate: FaultTree.Gate) -> Int32 {
        gates.append(gate)
        return Int32(eventCount + gates.count - 1)
    }

    mutating func or(_ children: [Int32]) -> Int32 {
        var seen = Set<Int32>(), unique: [Int32] = []
        for child in children where seen.insert(child).inserted { unique.append(child) }
        return unique.count == 1 ? unique[0] : add(FaultTree.Gate(kind: .or, children: unique))
    }

    mutating func and(_ children: [Int32]) -> Int32 {
        var seen = Set<Int32>(), unique: [Int32] = []
        for child in children where seen.insert(child).inserted { unique.append(child) }
        return unique.count == 1 ? unique[0] : add(FaultTree.Gate(kind: .and, children: unique))
    }
}
