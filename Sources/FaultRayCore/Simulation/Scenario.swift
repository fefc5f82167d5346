/// A named set of faults to simulate together.
public struct Scenario: Sendable, Equatable {
    public enum Category: String, Codable, Sendable, CaseIterable {
        case singleFailure = "single_failure"
        case instanceFailure = "instance_failure"
        case typedFault = "typed_fault"
        case trafficSpike = "traffic_spike"
        case hostOutage = "host_outage"
        case zoneOutage = "zone_outage"
        case regionOutage = "region_outage"
        case pair
        /// Scenarios from a marketplace package, bound to the model's components.
        case marketplace
    }

    public var id: String
    public var name: String
    public var category: Category
    public var faults: [Fault]

    public init(id: String, name: String, category: Category, faults: [Fault]) {
        self.id = id
        self.name = name
        self.category = category
        self.faults = faults
    }
}

/// Generates the scenarios of a full run, in a fixed order that follows the model's input order.
public enum ScenarioCatalog {
    /// Traffic multipliers tried on the whole system.
    public static let trafficMultipliers: [Double] = [1.5, 2, 3, 5, 10]
    /// How much slower a latency spike makes a component.
    public static let latencyMultiplier = 5.0

    /// Every scenario except pairs (pairs are generated on the fly, see `FullRun`).
    public static func scenarios(for graph: CompiledGraph) -> [Scenario] {
        let components = graph.model.components
        var result: [Scenario] = []
        for (i, c) in components.enumerated() {
            result.append(Scenario(id: "single-failure-\(c.id)", name: "Single failure: \(c.id)", category: .singleFailure, faults: [Fault(.componentDown, target: i)]))
        }
        for (i, c) in components.enumerated() {
            result.append(Scenario(id: "instance-failure-\(c.id)", name: "One instance lost: \(c.id)", category: .instanceFailure, faults: [Fault(.instanceFailure, target: i)]))
        }
        let typed: [(String, String, FaultKind)] = [
            ("latency-spike", "Latency spike (\(Format.number(latencyMultiplier))x)", .latencySpike(multiplier: latencyMultiplier)),
            ("hang", "Hang", .hang),
            ("cpu-saturation", "CPU saturation", .cpuSaturation),
            ("memory-exhaustion", "Memory exhaustion", .memoryExhaustion),
            ("disk-full", "Disk full", .diskFull),
            ("pool-exhaustion", "Connection pool exhaustion", .connectionPoolExhaustion),
            ("network-partition", "Network partition", .networkPartition),
        ]
        for (i, c) in components.enumerated() {
            for (prefix, title, kind) in typed {
                result.append(Scenario(id: "\(prefix)-\(c.id)", name: "\(title): \(c.id)", category: .typedFault, faults: [Fault(kind, target: i)]))
            }
        }
        for m in trafficMultipliers {
            result.append(Scenario(id: "traffic-\(Format.number(m))x", name: "Traffic spike (\(Format.number(m))x)", category: .trafficSpike,
                                   faults: [Fault(.trafficSpike(multiplier: m))]))
        }
        let domains: [(Scenario.Category, String, KeyPath<Component, String>)] = [
            (.hostOutage, "host", \.host), (.zoneOutage, "zone", \.region.availabilityZone), (.regionOutage, "region", \.region.region),
        ]
        for (category, label, key) in domains {
            var members: [String: [Int]] = [:], order: [String] = []
            for (i, c) in components.enumerated() where !c[keyPath: key].isEmpty {
                if members[c[keyPath: key]] == nil { order.append(c[keyPath: key]) }
                members[c[keyPath: key], default: []].append(i)
            }
            for domain in order where members[domain]!.count >= 2 {
                result.append(Scenario(id: "\(label)-outage-\(domain)", name: "Outage of \(label) \(domain) (\(members[domain]!.count) components)",
                                       category: category, faults: members[domain]!.map { Fault(.componentDown, target: $0) }))
            }
        }
        return result
    }

    /// The pair scenario of components `a` and `b`.
    public static func pair(_ a: Int, _ b: Int, in graph: CompiledGraph) -> Scenario {
        let (x, y) = (graph.model.components[a].id, graph.model.components[b].id)
        return Scenario(id: "pair-\(x)-\(y)", name: "Pair failure: \(x) + \(y)", category: .pair,
                        faults: [Fault(.componentDown, target: a), Fault(.componentDown, target: b)])
    }
}
