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
        let dns = max(1, n / 500), lbs = 2 * dns, external = max(1, n / 40)
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
        // Every component below the DNS tier has a dependent, so the entry points are the DNS names (one
        // per 500 components), as in a real estate. Each DNS name routes to a pair of load balancers in two
        // regions and needs one of them (a redundancy group); each load balancer requires its two main
        // services and routes optionally to its share of the others.
        let dnsList = byType[.dns]!, lbList = byType[.loadBalancer]!
        for (k, d) in dnsList.enumerated() {
            let pair = [lbList[2 * k], lbList[2 * k + 1]]
            model.components[pair[1]].region.region = model.components[pair[0]].region.region == regions[0] ? regions[1] : regions[0]
            model.components[pair[1]].region.availabilityZone = model.components[pair[1]].region.region + "a"
            for lb in pair { link(d, lb, .requires) }
            var g = RedundancyGroup()
            g.name = "regions"
            g.members = pair.map { model.components[$0].id }
            model.components[d].redundancyGroups = [g]
        }
        for (k, lb) in lbList.enumerated() {
            let share = appList.indices.filter { $0 % lbList.count == k }.map { appList[$0] }
            for (j, a) in share.enumerated() { link(lb, a, j < 2 ? .requires : .optional) }
        }
        var used = Set<Int>()
        /// The next component of a type not yet used by any app, else a random one.
        func next(_ type: ComponentType) -> Int {
            if let fresh = byType[type]!.first(where: { !used.contains($0) }) { used.insert(fresh); return fresh }
            return pick(type)
        }
        for (position, a) in appList.enumerated() {
            link(a, next(.database), .requires)
            if Bool.random(using: &rng) { link(a, next(.cache), .optional) }
            if Int.random(in: 0..<3, using: &rng) == 0 { link(a, next(.queue), .async) }
            if Int.random(in: 0..<4, using: &rng) == 0 { link(a, next(.externalAPI), .requires, breaker: Bool.random(using: &rng)) }
            if Int.random(in: 0..<4, using: &rng) == 0 { link(a, next(.storage), .requires) }
            if position + 1 < appList.count, Bool.random(using: &rng) {
                link(a, appList[Int.random(in: (position + 1)..<appList.count, using: &rng)], .requires)
            }
        }
        // Whatever no app picked is used by the last app servers, so nothing but DNS is an entry point.
        for type in [ComponentType.cache, .queue, .database, .storage, .externalAPI] {
            for c in byType[type]! where !used.contains(c) {
                used.insert(c)
                link(appList[Int.random(in: 0..<appList.count, using: &rng)], c, type == .cache ? .optional : type == .queue ? .async : .requires)
            }
        }
        for q in byType[.queue]! { link(q, pick(.storage), .requires) }
        return model
    }
}
