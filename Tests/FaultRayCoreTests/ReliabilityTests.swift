import Foundation
@testable import FaultRayCore
import Testing

/// The reliability model against closed forms, brute force over every event state, and Monte Carlo.
@Suite("Reliability model: structure function, availability, cut sets")
struct ReliabilityTests {
    func load(_ yaml: String) throws -> InfrastructureModel { try ModelLoader.load(text: yaml) }

    func entry(_ model: InfrastructureModel, _ id: String) -> EntryReliability {
        let graph = CompiledGraph(model)
        return ReliabilityModel(graph: graph).entries.first { $0.entry == graph.index(of: id)! }!
    }

    /// One instance with MTBF `mtbf` h and MTTR `mttr` min is down `mttr/60 / (mtbf + mttr/60)` of the time.
    func q(_ mtbf: Double, _ mttrMinutes: Double) -> Double { (mttrMinutes / 60) / (mtbf + mttrMinutes / 60) }

    @Test("series: an entry point needs everything it requires")
    func series() throws {
        let model = try load("""
            components:
              - {id: a, operational_profile: {mtbf_hours: 1000, mttr_minutes: 60}}
              - {id: b, operational_profile: {mtbf_hours: 500, mttr_minutes: 30}}
            dependencies: [{source: a, target: b}]
            """)
        let expected = 1 - (1 - q(1000, 60)) * (1 - q(500, 30))
        #expect(abs(entry(model, "a").unavailability - expected) < 1e-15)
    }

    @Test("a circuit breaker without a fallback does not make a required dependency optional; a fallback does")
    func breakerIsNotRedundancy() throws {
        let base = """
            components:
              - {id: a, operational_profile: {mtbf_hours: 1000, mttr_minutes: 60}}
              - {id: b, operational_profile: {mtbf_hours: 500, mttr_minutes: 30}}
            dependencies:
            """
        let plain = try load(base + "\n  - {source: a, target: b}")
        let breaker = try load(base + "\n  - {source: a, target: b, circuit_breaker: {enabled: true}}")
        let fallback = try load(base + "\n  - {source: a, target: b, circuit_breaker: {enabled: true}, fallback: {enabled: true}}")
        #expect(entry(plain, "a").unavailability == entry(breaker, "a").unavailability)
        let served = entry(fallback, "a")
        #expect(abs(served.unavailability - q(1000, 60)) < 1e-15)
        // The fully-working figure still needs b.
        #expect(abs(served.fullyWorkingUnavailability - entry(plain, "a").unavailability) < 1e-15)
    }

    @Test("k of n with repair: 3 replicas at 60 % load need 2 (one left would carry 180 %)")
    func kOfN() throws {
        let model = try load("""
            components:
              - {id: web, replicas: 3, metrics: {cpu_percent: 60}, operational_profile: {mtbf_hours: 100, mttr_minutes: 60}}
            """)
        #expect(FaultTree(graph: CompiledGraph(model)).instancesNeeded == [2])
        let p = q(100, 60)
        let expected = 3 * p * p * (1 - p) + p * p * p
        #expect(abs(entry(model, "web").unavailability - expected) < 1e-15)
        // At 30 % load one instance carries the rest (90 %): 1 of 3, q³.
        let light = try load("""
            components:
              - {id: web, replicas: 3, metrics: {cpu_percent: 30, disk_percent: 95}, operational_profile: {mtbf_hours: 100, mttr_minutes: 60}}
            """)
        #expect(abs(entry(light, "web").unavailability - p * p * p) < 1e-18)
    }

    @Test("a redundancy group is k of n over dependencies")
    func redundancyGroup() throws {
        let model = try load("""
            components:
              - id: lb
                operational_profile: {mtbf_hours: 5000, mttr_minutes: 10}
                redundancy_groups: [{name: pools, min_healthy: 1, members: [a, b]}]
              - {id: a, operational_profile: {mtbf_hours: 100, mttr_minutes: 60}, metrics: {cpu_percent: 20}}
              - {id: b, operational_profile: {mtbf_hours: 200, mttr_minutes: 60}, metrics: {cpu_percent: 20}}
            dependencies: [{source: lb, target: a}, {source: lb, target: b}]
            """)
        let expected = 1 - (1 - q(5000, 10)) * (1 - q(100, 60) * q(200, 60))
        #expect(abs(entry(model, "lb").unavailability - expected) < 1e-15)
        // Each pool alone is not a SPOF; the load balancer is.
        #expect(Assessment(model).spofs.isSPOF == [true, false, false])
        // Hot pools (60 % each) cannot carry each other's load (120 %): both are needed.
        let hot = try load("""
            components:
              - id: lb
                operational_profile: {mtbf_hours: 5000, mttr_minutes: 10}
                redundancy_groups: [{name: pools, min_healthy: 1, members: [a, b]}]
              - {id: a, operational_profile: {mtbf_hours: 100, mttr_minutes: 60}, metrics: {cpu_percent: 60}}
              - {id: b, operational_profile: {mtbf_hours: 200, mttr_minutes: 60}, metrics: {cpu_percent: 60}}
            dependencies: [{source: lb, target: a}, {source: lb, target: b}]
            """)
        #expect(Assessment(hot).spofs.isSPOF == [true, true, true])
        // The cascade agrees: losing a leaves b at 120 % (down) and the load balancer down.
        let a = Assessment(hot)
        let result = a.engine.simulate([Fault(.componentDown, target: 1)])
        #expect(result.waves.flatMap(\.components).first { $0.id == "lb" }?.health == .down)
    }

    @Test("failover: both sides lost, plus the switchover of every primary outage")
    func failover() throws {
        let model = try load("""
            components:
              - id: db
                operational_profile: {mtbf_hours: 1000, mttr_minutes: 60}
                failover: {enabled: true, promotion_time_seconds: 30, health_check_interval_seconds: 10, failover_threshold: 3}
            """)
        let p = q(1000, 60)
        let switchover = 60.0 / 3600 / AvailabilityModel.hoursPerYear
        let primaryOutagesPerYear = (1 - p) * AvailabilityModel.hoursPerYear / 1000
        let expected = p * p + primaryOutagesPerYear * switchover
        #expect(abs(entry(model, "db").unavailability - expected) < 1e-15)
    }

    @Test("a common cause: two components in one zone share its outages")
    func commonCause() throws {
        let model = try load("""
            components:
              - {id: a, operational_profile: {mtbf_hours: 1000, mttr_minutes: 60}, region: {availability_zone: z1}}
              - {id: b, operational_profile: {mtbf_hours: 500, mttr_minutes: 30}, region: {availability_zone: z1}}
            dependencies: [{source: a, target: b}]
            failure_domains:
              zone: {outages_per_year: 2, mean_outage_hours: 3}
            """)
        let lr = 2.0 / AvailabilityModel.hoursPerYear * 3
        let zone = lr / (1 + lr)
        let result = entry(model, "a")
        #expect(abs(result.unavailability - (1 - (1 - q(1000, 60)) * (1 - q(500, 30)) * (1 - zone))) < 1e-15)
        #expect(abs(result.independentUnavailability - (1 - (1 - q(1000, 60)) * (1 - q(500, 30)))) < 1e-15)
    }

    @Test("a standby in the primary's zone is lost with it; one in another zone is not")
    func standbyPlace() throws {
        func model(_ standbyZone: String) throws -> InfrastructureModel {
            try load("""
                components:
                  - id: db
                    region: {region: r1, availability_zone: r1a}
                    failover: {enabled: true, standby_zone: "\(standbyZone)"}
                """)
        }
        let same = Assessment(try model(""))
        #expect(Set(same.spofs.domains.map(\.label)) == ["zone:r1a", "region:r1"])
        let apart = Assessment(try model("r1b"))
        #expect(apart.spofs.domains.map(\.label) == ["region:r1"])
        #expect(apart.availability.overall > same.availability.overall)
    }

    @Test("disk and memory fill levels are not load: losing one of two instances at 10 % CPU is absorbed")
    func fillLevelsAreNotLoad() throws {
        let model = try load("""
            components:
              - {id: web, type: web_server, replicas: 2, metrics: {cpu_percent: 10, disk_percent: 60, memory_percent: 70}}
            """)
        let a = Assessment(model)
        #expect(a.engine.simulate([Fault(.instanceFailure, target: 0)]).waves.flatMap(\.components).first?.health == .healthy)
        #expect(!a.spofs.isSPOF[0])
    }

    @Test("the demo: order-service's two hot replicas are one SPOF, and availability follows the load rule")
    func demoKOfN() throws {
        let demo = Assessment(try example("demo.yaml"))
        let order = demo.graph.index(of: "order-service")!
        #expect(demo.availability.reliability.tree.instancesNeeded[order] == 2)
        #expect(demo.spofs.isSPOF[order])
        // Losing one instance takes the entry point down in the cascade, as in the structure function.
        let lost = demo.engine.simulate([Fault(.instanceFailure, target: order)])
        #expect(lost.waves.flatMap(\.components).first { $0.id == "dns" }?.health == .down)
        #expect(AvailabilityModel.nines(demo.availability.overall) < 3.5)
    }

    @Test("multi-region: a breaker on the card network does not lift availability")
    func cardNetworkBreaker() throws {
        let model = try example("multi-region-payments.yaml")
        var off = model
        for e in off.dependencies.indices where off.dependencies[e].target == "card-network" { off.dependencies[e].circuitBreaker.enabled = false }
        #expect(Assessment(model).availability.overall == Assessment(off).availability.overall)
    }

    // MARK: - Properties against brute force

    /// A random acyclic model with replicas, loads, failover, zones, regions, groups and fallbacks, and
    /// unreliable components (so that every event matters and sampling converges).
    func richModel(seed: UInt64, size: Int = 7) -> InfrastructureModel {
        var model = randomModel(seed: seed, size: size, edges: size * 2, cycles: false)
        var rng = SeededRandom(seed: seed &* 7919)
        for i in model.components.indices {
            model.components[i].type = .appServer
            model.components[i].operationalProfile.mtbfHours = Double(Int.random(in: 5...40, using: &rng))
            model.components[i].operationalProfile.mttrMinutes = Double(Int.random(in: 30...240, using: &rng))
            model.components[i].region.region = ["r1", "r2"][Int.random(in: 0...1, using: &rng)]
            model.components[i].region.availabilityZone = model.components[i].region.region + ["a", "b"][Int.random(in: 0...1, using: &rng)]
            if model.components[i].failover.enabled, Bool.random(using: &rng) { model.components[i].failover.standbyZone = "r1b" }
        }
        for e in model.dependencies.indices where Int.random(in: 0..<5, using: &rng) == 0 {
            model.dependencies[e].type = .requires
            model.dependencies[e].fallback.enabled = true
            if Bool.random(using: &rng) { model.dependencies[e].fallback.target = model.components[Int.random(in: 0..<size, using: &rng)].id }
        }
        // One redundancy group over the required dependencies of the first component that has two.
        for (i, component) in model.components.enumerated() {
            let targets = model.dependencies.filter { $0.source == component.id && $0.type == .requires && !$0.fallback.enabled }.map(\.target)
            guard targets.count >= 2 else { continue }
            var group = RedundancyGroup()
            group.name = "g"
            group.members = Array(targets.prefix(3))
            group.minHealthy = Int.random(in: 1...group.members.count, using: &rng)
            model.components[i].redundancyGroups = [group]
            break
        }
        model.failureDomains.zone = DomainOutageRate(outagesPerYear: 40, meanOutageHours: 10)
        model.failureDomains.region = DomainOutageRate(outagesPerYear: 20, meanOutageHours: 8)
        return model
    }

    /// Whether each component is down when exactly `failed` events are in force, by the model's rules
    /// applied to the graph until nothing changes (independent of the fault tree's construction).
    func downComponents(_ graph: CompiledGraph, _ tree: FaultTree, failed: Set<Int32>) -> [Bool] {
        let model = graph.model, n = graph.count
        var domainDown = Set<FailureDomain>()
        for e in failed { if case .domain(let d) = tree.events[Int(e)].kind { domainDown.insert(d) } }
        var down = (0..<n).map { i -> Bool in
            let c = model.components[i]
            let primary = failed.contains(tree.componentEvent[i]) || tree.primaryDomains[i].contains { domainDown.contains($0) }
            guard c.failover.enabled else { return primary }
            return primary && (failed.contains(tree.standbyEvent[i]) || tree.standbyDomains[i].contains { domainDown.contains($0) })
        }
        var changed = true
        while changed {
            changed = false
            for i in 0..<n where !down[i] {
                var lost = false
                for (t, e) in graph.dependenciesOf(i) where graph.redundancySetOfEdge[e] < 0 && model.dependencies[e].type == .requires && down[t] {
                    let fb = model.dependencies[e].fallback
                    if !fb.enabled { lost = true }
                    else if !fb.target.isEmpty, let f = graph.index(of: fb.target), down[f] { lost = true }
                }
                for set in graph.redundancySets where set.dependent == i {
                    if set.members.filter({ !down[$0] }).count < set.needed { lost = true }
                }
                if lost { down[i] = true; changed = true }
            }
        }
        return down
    }

    @Test("exact availability equals brute force over every event state", arguments: 0..<12 as Range<UInt64>)
    func exactEqualsBruteForce(seed: UInt64) {
        let graph = CompiledGraph(richModel(seed: seed))
        let reliability = ReliabilityModel(graph: graph)
        let tree = reliability.tree
        let m = tree.eventCount
        guard m <= 18 else { return }
        var total = [Double](repeating: 0, count: graph.count)
        for mask in 0..<(1 << m) {
            var p = 1.0, failed = Set<Int32>()
            for e in 0..<m {
                let q = tree.events[e].probability
                if mask & (1 << e) != 0 { p *= q; failed.insert(Int32(e)) } else { p *= 1 - q }
            }
            let down = downComponents(graph, tree, failed: failed)
            for i in 0..<graph.count where down[i] { total[i] += p }
        }
        for result in reliability.entries {
            #expect(abs(result.unavailability - result.switchoverUnavailability - total[result.entry]) < 1e-12, "entry \(result.entry)")
        }
    }

    @Test("minimal cut sets equal brute force, and the SPOFs are the order-1 cut sets", arguments: 0..<12 as Range<UInt64>)
    func cutSetsEqualBruteForce(seed: UInt64) {
        let graph = CompiledGraph(richModel(seed: seed))
        let tree = FaultTree(graph: graph)
        let m = tree.eventCount
        var finder = CutSetFinder(tree: tree, maxOrder: 3)
        var spof = [Bool](repeating: false, count: graph.count)
        for entry in graph.entryPoints.map(Int.init) {
            let found = Set(finder.cutSets(of: tree.componentNode[entry]).map(\.events))
            // Brute force: every set of events of total order ≤ 3 that takes the entry down, none of whose proper subsets does.
            var cuts: [[Int32]] = []
            func consider(_ set: [Int32]) {
                guard set.reduce(0, { $0 + tree.events[Int($1)].order }) <= 3 else { return }
                guard downComponents(graph, tree, failed: Set(set))[entry] else { return }
                if cuts.contains(where: { Set($0).isSubset(of: set) }) { return }
                cuts.append(set)
            }
            for a in 0..<m { consider([Int32(a)]) }
            for a in 0..<m { for b in (a + 1)..<max(a + 1, m) { consider([Int32(a), Int32(b)]) } }
            for a in 0..<m { for b in (a + 1)..<max(a + 1, m) { for c in (b + 1)..<max(b + 1, m) { consider([Int32(a), Int32(b), Int32(c)]) } } }
            #expect(found == Set(cuts), "entry \(entry)")
            for set in cuts where set.count == 1 && tree.events[Int(set[0])].order == 1 {
                switch tree.events[Int(set[0])].kind {
                case .instances(let c, _, _), .external(let c): spof[c] = true
                default: break
                }
            }
        }
        #expect(SinglePointsOfFailure(tree: tree).isSPOF == spof)
    }

    @Test("Monte Carlo agrees with the exact figure within its interval", arguments: 0..<6 as Range<UInt64>)
    func monteCarloAgrees(seed: UInt64) {
        let graph = CompiledGraph(richModel(seed: seed, size: 9))
        let exact = ReliabilityModel(graph: graph)
        let sampled = ReliabilityModel(graph: graph, samples: 20_000, seed: seed, forceMonteCarlo: true)
        for (e, s) in zip(exact.entries, sampled.entries) {
            guard case .monteCarlo(let n, let low, let high) = s.method else { Issue.record("not sampled"); continue }
            #expect(n == 20_000)
            let structural = e.unavailability - e.switchoverUnavailability
            // The 95 % interval, widened by half for the several entries and seeds checked here.
            let half = (high - low) / 2, mid = (high + low) / 2
            #expect(abs(structural - mid) <= 1.5 * half, "entry \(e.entry): exact \(structural), sampled \(low)…\(high)")
        }
    }

    @Test("adding a replica or a group member never lowers availability; a breaker without fallback never raises it", arguments: 0..<10 as Range<UInt64>)
    func monotone(seed: UInt64) throws {
        let model = richModel(seed: seed)
        let before = Assessment(model).availability
        for component in model.components {
            let more = Assessment(try WhatIf.apply([(component.id, Modification(replicas: component.replicas + 1))], to: model)).availability
            for (a, b) in zip(more.entryPoint, before.entryPoint) { #expect(a.availability >= b.availability - 1e-12) }
            let breaker = Assessment(try WhatIf.apply([(component.id, Modification(circuitBreaker: true))], to: model)).availability
            for (a, b) in zip(breaker.entryPoint, before.entryPoint) { #expect(a.availability <= b.availability + 1e-12) }
        }
        for (i, component) in model.components.enumerated() {
            guard var group = component.redundancyGroups.first, group.minHealthy > 1 else { continue }
            group.minHealthy -= 1
            var looser = model
            looser.components[i].redundancyGroups = [group]
            for (a, b) in zip(Assessment(looser).availability.entryPoint, before.entryPoint) { #expect(a.availability >= b.availability - 1e-12) }
        }
    }

    @Test("two failures together happen at the rate their outages overlap: λ₁λ₂(r₁ + r₂)")
    func pairRate() throws {
        let model = try load("""
            components:
              - id: lb
                redundancy_groups: [{name: pools, members: [a, b]}]
                operational_profile: {mtbf_hours: 1000000, mttr_minutes: 1}
              - {id: a, operational_profile: {mtbf_hours: 1000, mttr_minutes: 60}}
              - {id: b, operational_profile: {mtbf_hours: 2000, mttr_minutes: 120}}
            dependencies: [{source: lb, target: a}, {source: lb, target: b}]
            """)
        let tree = FaultTree(graph: CompiledGraph(model))
        var finder = CutSetFinder(tree: tree, maxOrder: 2)
        let pair = try #require(finder.cutSets(of: tree.componentNode[0]).first { $0.order == 2 })
        let la = 8766.0 / 1000, lb = 8766.0 / 2000, ra = 1.0 / 8766, rb = 2.0 / 8766
        // Exact steady state: q = λr/(1+λr) per event; the rate formula holds to first order.
        #expect(abs(pair.frequencyPerYear - la * lb * (ra + rb)) / (la * lb * (ra + rb)) < 2e-3)
    }
}

@Suite("Full run pairs with redundancy groups and fallbacks")
struct CoupledPairTests {
    @Test("every pair the full run joins equals simulating both; the coupled ones are simulated", arguments: 0..<10 as Range<UInt64>)
    func pairsAreExact(seed: UInt64) {
        let assessment = Assessment(ReliabilityTests().richModel(seed: seed))
        let n = assessment.graph.count, engine = assessment.engine, ws = CascadeWorkspace(count: n)
        let singles = (0..<n).map { engine.outcome([Fault(.componentDown, target: $0)], workspace: ws) }
        let coupled = FullRun.coupledPairs(singles, in: assessment.graph)
        for a in 0..<n {
            for b in (a + 1)..<n where !coupled.contains(a * n + b) {
                let both = engine.outcome([Fault(.componentDown, target: a), Fault(.componentDown, target: b)], workspace: ws)
                #expect(both == singles[a].joined(with: singles[b], in: assessment.graph), "pair \(a), \(b)")
            }
        }
    }

    @Test("both regional payment APIs lost together take the multi-region entry point down: critical only together")
    func criticalTogether() throws {
        let report = FullRun(Assessment(try example("multi-region-payments.yaml"))).run()
        #expect(report.criticalOnlyTogether > 0)
        let ids = report.criticalTogetherPairs.map(\.id)
        // Each load balancer (with its standby) fails over on its own; each payment API alone leaves the other region serving.
        #expect(ids.contains("pair-payment-api-us-payment-api-eu"))
    }
}

@Suite("Likelihood of failures together")
struct OverlapLikelihoodTests {
    @Test("two components down together happen at the rate their outages overlap, not the product of two annual chances")
    func cacheAndQueue() throws {
        let demo = Assessment(try example("demo.yaml"))
        let cache = demo.graph.index(of: "cache")!, queue = demo.graph.index(of: "message-queue")!
        let both = demo.engine.simulate([Fault(.componentDown, target: cache), Fault(.componentDown, target: queue)], availability: demo.availability)
        let a = demo.availability
        let qc = 1 - a.component[cache], qq = 1 - a.component[queue]
        let rate = qc * qq * (a.outagesPerYear[cache] / qc + a.outagesPerYear[queue] / qq)
        #expect(abs(both.likelihood - Format.round(1 - exp(-rate), places: 6)) < 1e-9)
        // Far below either alone (the product of the two annual chances was about 98 %).
        #expect(both.likelihood < 0.01)
        let single = demo.engine.simulate([Fault(.componentDown, target: cache)], availability: a)
        #expect(abs(single.likelihood - Format.round(a.likelihood(of: cache), places: 6)) < 1e-9)
    }
}

@Suite("The review's reproductions on the examples and generated models")
struct ReliabilityReproductionTests {
    @Test("multi-region: zone and region outages lower the weakest entry point, and global DNS needs one of its regions")
    func multiRegion() throws {
        let reliability = Assessment(try example("multi-region-payments.yaml")).availability.reliability
        let graph = reliability.tree.graph
        let weakest = try #require(reliability.weakest)
        // Independent-only, the weakest entry point is at 3.30 nines; with common causes about 3.0.
        #expect(abs(AvailabilityModel.nines(1 - weakest.independentUnavailability) - 3.30) < 0.01)
        #expect(AvailabilityModel.nines(weakest.availability) < 3.05)
        // global-dns is no longer 12 nines: it needs one of the two regional load balancers (and what they need).
        let dns = try #require(reliability.entries.first { $0.entry == graph.index(of: "global-dns") })
        #expect(AvailabilityModel.nines(dns.availability) < 4)
    }

    @Test("a large generated model has a realistic number of entry points and no entry-point loss passes as harmless")
    func generatedSeverity() {
        let assessment = Assessment(ModelGenerator.generate(components: 2000, seed: 3))
        #expect(assessment.graph.entryPoints.count == 4)
        var run = FullRun(assessment)
        run.includePairs = false
        let report = run.run()
        let singles = report.scenarios.filter { $0.category == .singleFailure }
        // Every SPOF's single failure takes a DNS entry point down: a warning at least, never "passed".
        let spofIDs = Set(assessment.model.components.indices.filter { assessment.spofs.isSPOF[$0] }.map { assessment.model.components[$0].id })
        #expect(!spofIDs.isEmpty)
        let spofSingles = singles.filter { spofIDs.contains(String($0.id.dropFirst("single-failure-".count))) }
        #expect(spofSingles.count == spofIDs.count)
        for result in spofSingles { #expect(result.severity != .passed, "\(result.id)") }
    }

    @Test("an entry point marked critical makes its loss critical at any size")
    func criticalEntry() throws {
        var model = ModelGenerator.generate(components: 2000, seed: 3)
        let dns = try #require(model.index(of: "dns-1"))
        model.components[dns].entryPoint.critical = true
        let assessment = Assessment(model)
        let result = assessment.engine.simulate([Fault(.componentDown, target: dns)])
        #expect(result.severity == .critical)
    }
}

@Suite("What-if moves availability the way its name says")
struct WhatIfDirectionTests {
    @Test("turning health checks off never raises availability: the failure waits for the on-call team", arguments: 0..<6 as Range<UInt64>)
    func healthChecks(seed: UInt64) throws {
        let model = ReliabilityTests().richModel(seed: seed)
        for component in model.components {
            let on = try WhatIf.apply([(component.id, Modification(failover: true, healthCheck: true))], to: model)
            let off = try WhatIf.apply([(component.id, Modification(failover: true, healthCheck: false))], to: model)
            let i = model.index(of: component.id)!
            #expect(off.components[i].switchoverSeconds > on.components[i].switchoverSeconds)
            for (a, b) in zip(Assessment(off).availability.entryPoint, Assessment(on).availability.entryPoint) {
                #expect(a.availability <= b.availability + 1e-15)
            }
        }
    }

    @Test("without health checks, detection is the team's acknowledge and diagnosis time")
    func manualDetection() {
        var c = Component(id: "db")
        c.failover.enabled = true
        c.failover.healthCheckIntervalSeconds = 0
        // 30 s promotion + (5 + 15) minutes for someone to notice.
        #expect(c.switchoverSeconds == 30 + 20 * 60)
    }
}

extension WhatIfDirectionTests {
    @Test("one more replica never lowers any entry point's availability, and keeps the component's total load", arguments: 0..<6 as Range<UInt64>)
    func replicas(seed: UInt64) throws {
        let model = ReliabilityTests().richModel(seed: seed)
        let before = Assessment(model).availability.entryPoint
        for (i, component) in model.components.enumerated() {
            let more = try WhatIf.apply([(component.id, Modification(replicas: component.replicas + 1))], to: model)
            // Per-instance load is rescaled: n instances at load u carry what n + 1 carry at u·n/(n+1).
            let scaled = more.components[i].load * Double(more.components[i].replicas)
            #expect(abs(scaled - component.load * Double(component.replicas)) <= 100.0 / Double(max(1, component.capacity.maxConnections)) * 2 + 1e-9)
            for (a, b) in zip(Assessment(more).availability.entryPoint, before) { #expect(a.availability >= b.availability - 1e-15) }
        }
    }

    @Test("a circuit breaker alone changes no availability figure: it fails fast, the function is still lost", arguments: 0..<4 as Range<UInt64>)
    func breakers(seed: UInt64) throws {
        let model = ReliabilityTests().richModel(seed: seed)
        let before = Assessment(model).availability.entryPoint.map(\.availability)
        for component in model.components {
            let guarded = try WhatIf.apply([(component.id, Modification(circuitBreaker: true))], to: model)
            #expect(Assessment(guarded).availability.entryPoint.map(\.availability) == before)
        }
    }

    @Test("any what-if, exported as YAML and loaded again, gives the what-if's own figures", arguments: 0..<12 as Range<UInt64>)
    func exportedWhatIf(seed: UInt64) throws {
        let model = ReliabilityTests().richModel(seed: seed % 6)
        var rng = SeededRandom(seed: seed)
        let changes = model.components.shuffled(using: &rng).prefix(3).map { c in
            (c.id, Modification(replicas: Int.random(in: 1...4, using: &rng), circuitBreaker: Bool.random(using: &rng),
                                failover: Bool.random(using: &rng), autoscaling: Bool.random(using: &rng), healthCheck: Bool.random(using: &rng)))
        }
        let baseline = Assessment(model)
        let whatIf = try WhatIf.evaluate(changes, on: baseline)
        let exported = Assessment(try ModelLoader.load(text: try WhatIf.apply(changes, to: model).yaml(), file: "exported.yaml"))
        #expect(exported.score.score == whatIf.resilienceScore)
        #expect(exported.spofs.count == whatIf.spofCount)
        #expect(AvailabilityFigures(availability: exported.availability.overall) == whatIf.availability)
    }
}

@Suite("k of n instances: the binomial tail")
struct BinomialTailTests {
    /// The direct sum of `C(n, j) qʲ (1 − q)ⁿ⁻ʲ`, exact enough for small `n`.
    func direct(n: Int, r: Int, q: Double) -> Double {
        guard r > 0 else { return 1 }
        var total = 0.0, c = 1.0
        for j in 0...n {
            if j > 0 { c = c * Double(n - j + 1) / Double(j) }
            if j >= r { total += c * pow(q, Double(j)) * pow(1 - q, Double(n - j)) }
        }
        return total
    }

    @Test("equals the direct sum for small n, every r and several q")
    func smallN() {
        for n in 1...30 {
            for r in 0...n + 1 {
                for q in [0.0, 1e-6, 0.001, 0.2, 0.5, 0.9, 1.0] {
                    let expected = r > n ? 0 : direct(n: n, r: r, q: q)
                    let tail = FaultTree.binomialTail(n: n, r: r, q: q)
                    #expect(abs(tail - expected) <= 1e-12 * max(1, expected) + 1e-300, "n \(n) r \(r) q \(q)")
                }
            }
        }
    }

    /// A direct sum overflows here: C(2000, 1000) is about 10⁶⁰⁰. By symmetry, P(X ≥ 1000) for X ~ B(2000, ½)
    /// is ½ + P(X = 1000) / 2, and P(X = 1000) ≈ 1 / √(π · 1000) = 0.017839.
    @Test("large n stays finite and right: 2,000 instances, and a model of 100,000 replicas")
    func largeN() throws {
        let tail = FaultTree.binomialTail(n: 2_000, r: 1_000, q: 0.5)
        #expect(abs(tail - (0.5 + FaultTree.binomialTerm(2_000, 1_000, 0.5) / 2)) < 1e-12)
        #expect(abs(FaultTree.binomialTerm(2_000, 1_000, 0.5) - 0.017839) < 1e-5)
        var c = Component(id: "fleet", type: .appServer)
        c.replicas = 100_000
        c.metrics.cpuPercent = 50
        let availability = Assessment(InfrastructureModel(components: [c])).availability.overall
        #expect(availability.isFinite && (0...1).contains(availability))
    }
}
