/// A small deterministic random generator (SplitMix64), so generated models depend only on the seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates layered, realistic models of any size: DNS → load balancers → app servers →
/// caches, queues, databases, storage and external APIs, with replicas, failover, autoscaling,
/// hosts, availability zones and regions. Acyclic; average out-degree between 2 and 3.
public enum ModelGenerator {
    public static func generate(components count: Int, seed: UInt64) -> InfrastructureModel {
        var rng = SeededRandom(seed: seed)
        let n = max(count, 6)
        let dns = max(1, n / 500), lbs = max(1, n / 50), external = max(1, n / 40)
        let databases = max(1, n / 10), caches = max(1, n / 12), queues = max(1, n / 20), storage = max(1, n / 25)
        let apps = max(1, n - dns - lbs - external - databases - caches - queues - storage)
        let layout: [(ComponentType, String, Int)] = [
            (.dns, "dns", dns), (.loadBalancer, "lb", lbs), (.appServer, "app", apps), (.cache, "cache", caches),
            (.queue, "queue", queues), (.database, "db", databases), (.storage, "store", storage), (.externalAPI, "ext", external),
        ]
        var model = InfrastructureModel(name: "generated-\(n)-seed-\(seed)")
        var byType: [ComponentType: [Int]] = [:]
        let regions = ["us-east-1", "eu-west-1"]
        for (type, prefix, amount) in layout {
            for k in 0..<amount {
                var c = Component(id: "\(prefix)-\(k + 1)", type: type)
                c.replicas = type == .externalAPI ? 1 : Int.random(in: 1...3, using: &rng)
                c.failover.enabled = type == .database ? Bool.random(using: &rng) : Int.random(in: 0..<8, using: &rng) == 0
                if type == .appServer, Int.random(in: 0..<3, using: &rng) == 0 {
                    c.autoscaling.enabled = true
                    c.autoscaling.minReplicas = c.replicas
                    c.autoscaling.maxReplicas = c.replicas * 3
                }
                c.metrics.cpuPercent = Double(Int.random(in: 10...85, using: &rng))
                c.metrics.memoryPercent = Double(Int.random(in: 20...80, using: &rng))
                c.capacity.maxConnections = 1000
                c.metrics.networkConnections = Int.random(in: 50...900, using: &rng)
                let region = regions[Int.random(in: 0..<regions.count, using: &rng)]
                c.region.region = region
                c.region.availabilityZone = region + ["a", "b", "c"][Int.random(in: 0..<3, using: &rng)]
                c.host = type == .externalAPI ? "" : "host-\(model.components.count / 3 + 1)"
                c.owner = ["platform-team", "payments-team", "data-team", "web-team"][Int.random(in: 0..<4, using: &rng)]
                if type == .externalAPI { c.externalSLA = ExternalSLA() }
                byType[type, default: []].append(model.components.count)
                model.components.append(c)
            }
        }
        var pairs = Set<Int>()
        func link(_ a: Int, _ b: Int, _ type: DependencyType, breaker: Bool = false) {
            guard a != b, pairs.insert(a * n + b).inserted else { return }
            var d = Dependency(source: model.components[a].id, target: model.components[b].id, type: type)
            d.circuitBreaker.enabled = breaker
            d.weight = type == .requires ? 1 : 0.5
            model.dependencies.append(d)
        }
        func pick(_ type: ComponentType) -> Int { byType[type]![Int.random(in: 0..<byType[type]!.count, using: &rng)] }
        let appList = byType[.appServer]!
        for d in byType[.dns]! { for _ in 0..<max(1, lbs / dns) { link(d, pick(.loadBalancer), .requires) } }
        for lb in byType[.loadBalancer]! { for _ in 0..<2 { link(lb, pick(.appServer), .requires) } }
        for (position, a) in appList.enumerated() {
            link(a, pick(.database), .requires)
            if Bool.random(using: &rng) { link(a, pick(.cache), .optional) }
            if Int.random(in: 0..<3, using: &rng) == 0 { link(a, pick(.queue), .async) }
            if Int.random(in: 0..<4, using: &rng) == 0 { link(a, pick(.externalAPI), .requires, breaker: Bool.random(using: &rng)) }
            if Int.random(in: 0..<4, using: &rng) == 0 { link(a, pick(.storage), .requires) }
            if position + 1 < appList.count, Bool.random(using: &rng) {
                link(a, appList[Int.random(in: (position + 1)..<appList.count, using: &rng)], .requires)
            }
        }
        for q in byType[.queue]! { link(q, pick(.storage), .requires) }
        return model
    }
}
