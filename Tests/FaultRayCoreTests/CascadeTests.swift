import Foundation
import Testing
@testable import FaultRayCore

@Suite("Cascade engine on the demo")
struct CascadeTests {
    let demo: Assessment

    init() throws { demo = Assessment(try example("demo.yaml")) }

    func fail(_ id: String, _ kind: FaultKind = .componentDown) -> CascadeResult {
        demo.engine.simulate([Fault(kind, target: demo.graph.index(of: id)!)], availability: demo.availability)
    }

    func healths(_ result: CascadeResult) -> [String: Health] {
        Dictionary(uniqueKeysWithValues: result.waves.flatMap(\.components).map { ($0.id, $0.health) })
    }

    @Test("database down takes the whole service down, wave by wave")
    func databaseDown() {
        let result = fail("database")
        // A crash is noticed at once: every requires-dependent's connection is refused after 10 ms
        // (web-server, auth-service, order-service, payment-service at 0.01 s); their errors reach
        // load-balancer and api-gateway 10 + 10 ms later (0.03 s), and dns gets load-balancer's error
        // 20 + 10 ms later (0.06 s).
        #expect(result.waves.map(\.timeSeconds) == [0, 0.01, 0.03, 0.06])
        #expect(result.waves.map { $0.components.map(\.id) } == [
            ["database"], ["web-server", "auth-service", "order-service", "payment-service"], ["load-balancer", "api-gateway"], ["dns"],
        ])
        // 8 of 12 components down, the one entry point (dns) down:
        // risk = 10 × (0.7 × 1 + 0.3 × 8/12) = 9.0; blast radius 8/12 = 0.67.
        #expect(result.totalAffected == 8)
        #expect(result.riskScore == 9.0)
        #expect(result.severity == .critical)
        #expect(result.blastRadiusScore == 0.67)
        // database MTTR is 60 minutes.
        #expect(result.recoveryTimeMinutes == 60)
        #expect(result.recoveryTimeEstimate == "30-60 minutes")
    }

    @Test("a partitioned (or hung) database is noticed only after each caller's timeout")
    func databaseUnreachable() {
        let result = fail("database", .networkPartition)
        // Calls time out: auth-service after its 10 s, payment-service 20 s, order-service 30 s. api-gateway
        // calls auth-service through a circuit breaker without a fallback: auth-service's errors come after
        // 10 s, within the gateway's 15 s timeout, and the breaker caps the wait at 1 s -> 11 s, after which
        // the gateway answers errors within 1 s. web-server requires the gateway: its errors arrive after
        // 1000 + 10 ms -> 12.01 s (before web-server's own 30 s database timeout); load-balancer gets
        // web-server's after 1010 + 10 ms -> 13.03 s; dns load-balancer's after 1020 + 10 ms -> 14.06 s.
        #expect(result.waves.map(\.timeSeconds) == [0, 10, 11, 12.01, 13.03, 14.06, 20, 30])
        #expect(result.waves.map { $0.components.map(\.id) } == [
            ["database"], ["auth-service"], ["api-gateway"], ["web-server"], ["load-balancer"], ["dns"], ["payment-service"], ["order-service"],
        ])
        #expect(result.waves[2].components[0].causedBy == "auth-service")
        #expect(fail("database", .hang).waves.map(\.timeSeconds) == result.waves.map(\.timeSeconds))
    }

    @Test("failover of the failed component turns its loss into a short degradation")
    func failover() {
        let result = fail("payment-service")
        // Switchover = promotion 20 s + health check 5 s × threshold 3 = 35 s. api-gateway degrades at 35 s,
        // then web-server (+5 s), load-balancer (+5 s), dns (+5 s).
        let h = healths(result)
        #expect(h["payment-service"] == .down)
        #expect(h["api-gateway"] == .degraded && h["web-server"] == .degraded && h["dns"] == .degraded)
        #expect(result.waves.map(\.timeSeconds) == [0, 35, 40, 45, 50])
        // Recovery is the switchover (35 s), not the 20-minute MTTR.
        #expect(result.recoveryTimeMinutes == 0.6)
        #expect(result.recoveryTimeEstimate == "< 5 minutes")
        // risk = 10 × (0.7 × 0.3 + 0.3 × (1 + 4 × 0.3)/12) = 2.65 -> 2.7 (or 2.6 by binary rounding).
        #expect(result.riskScore >= 2.6 && result.riskScore <= 2.7)
    }

    @Test("a circuit breaker makes a required dependency fail fast; only a fallback keeps the dependent serving")
    func circuitBreaker() throws {
        let result = fail("auth-service", .hang)
        // api-gateway -> auth-service has a circuit breaker and no fallback: a hung auth-service makes it
        // down after 1 s, not after its 15 s timeout.
        let gateway = result.waves.flatMap(\.components).first { $0.id == "api-gateway" }
        #expect(gateway?.health == .down)
        #expect(gateway?.timeSeconds == 1)
        #expect(gateway?.reason.contains("Circuit breaker") == true)
        // The same edge with a fallback: degraded after 1 s.
        var model = demo.model
        let e = try #require(model.dependencies.firstIndex { $0.source == "api-gateway" && $0.target == "auth-service" })
        model.dependencies[e].fallback.enabled = true
        let withFallback = Assessment(model)
        let served = withFallback.engine.simulate([Fault(.hang, target: withFallback.graph.index(of: "auth-service")!)])
            .waves.flatMap(\.components).first { $0.id == "api-gateway" }
        #expect(served?.health == .degraded && served?.timeSeconds == 1)
        #expect(served?.reason.contains("fallback") == true)
    }

    @Test("replicas absorb a lost instance when the others have headroom")
    func instanceAbsorbed() {
        let result = fail("web-server", .instanceFailure)
        // 42.5 % × 3/2 = 63.75 %: under the 80 % degradation threshold.
        #expect(result.totalAffected == 0)
        #expect(result.riskScore == 0)
        #expect(result.waves[0].components.map(\.health) == [.healthy])
        #expect(result.waves[0].components[0].reason.contains("63.8%"))
    }

    @Test("losing an instance of a hot service overloads the rest")
    func instanceOverload() {
        let result = fail("order-service", .instanceFailure)
        // order-service runs at 85 % (425/500 connections) on 2 replicas: 85 × 2 = 170 % > 100 % -> down.
        let h = healths(result)
        #expect(h["order-service"] == .down)
        #expect(h["api-gateway"] == .down)
    }

    @Test("CPU saturation overloads the target; hot dependents overload, others degrade")
    func cpuSaturation() {
        let h = healths(fail("database", .cpuSaturation))
        #expect(h["database"] == .overloaded)
        // order-service runs at 85 % > 70 %: overloaded; web-server 42.5 %, auth-service 45 %, payment-service 50 %: degraded.
        #expect(h["order-service"] == .overloaded)
        #expect(h["web-server"] == .degraded && h["auth-service"] == .degraded && h["payment-service"] == .degraded)
    }

    @Test("memory exhaustion, partition and pool exhaustion are whole-component losses")
    func typedLosses() {
        // The database has no failover: each of these starts exactly like its failure (8 affected, risk 9.0).
        for kind in [FaultKind.memoryExhaustion, .networkPartition, .connectionPoolExhaustion, .diskFull] {
            let result = fail("database", kind)
            #expect(result.totalAffected == 8)
            #expect(result.riskScore == 9.0)
        }
    }

    @Test("failover covers a lost instance but not a full disk the standby shares")
    func failoverScope() {
        // payment-service fails over on OOM: api-gateway degraded after the 35 s switchover.
        let oom = fail("payment-service", .memoryExhaustion).waves.flatMap(\.components).first { $0.id == "api-gateway" }
        #expect(oom?.timeSeconds == 35)
        // A full disk is not covered: writes fail at once, the gateway gets errors after 10 ms, and without a
        // fallback (its circuit breaker only fails fast) it is down.
        let disk = fail("payment-service", .diskFull).waves.flatMap(\.components).first { $0.id == "api-gateway" }
        #expect(disk?.timeSeconds == 0.01)
        #expect(disk?.health == .down)
    }

    @Test("a latency spike degrades everything that requires the target, transitively")
    func latency() {
        let result = fail("database", .latencySpike(multiplier: 5))
        // database; web-server, auth-service, order-service, payment-service at 5 s; api-gateway and
        // load-balancer at 10 s; dns at 15 s: 8 degraded. risk = 10 × (0.7 × 0.3 + 0.3 × 8 × 0.3 / 12) = 2.7.
        #expect(Set(healths(result).values) == [.degraded])
        #expect(result.totalAffected == 8)
        #expect(result.waves.map(\.timeSeconds) == [0, 5, 10, 15])
        #expect(result.riskScore == 2.7)
    }

    @Test("optional and async dependencies degrade instead of failing")
    func softEdges() {
        let h = healths(fail("message-queue"))
        #expect(h["order-service"] == .degraded && h["payment-service"] == .degraded)
        let cache = healths(fail("cache"))
        #expect(cache["web-server"] == .degraded && cache["auth-service"] == .degraded)
    }

    @Test("autoscaling gives a traffic spike headroom up to the maximum replicas")
    func trafficAutoscaling() {
        let result = demo.engine.simulate([Fault(.trafficSpike(multiplier: 2))], availability: demo.availability)
        let direct = result.waves[0].components
        // web-server: 42.5 % × 2 × 3/6 replicas = 42.5 %: unaffected. database: 74 % × 2 = 148 % -> down.
        #expect(!direct.contains { $0.id == "web-server" })
        #expect(direct.first { $0.id == "database" }?.health == .down)
    }

    @Test("a component declared down starts down")
    func declaredDown() throws {
        var model = demo.model
        model.components[demo.graph.index(of: "cache")!].health = .down
        let assessment = Assessment(model)
        let result = assessment.engine.simulate([Fault(.componentDown, target: assessment.graph.index(of: "message-queue")!)])
        let cache = result.waves[0].components.first { $0.id == "cache" }
        #expect(cache?.health == .down)
        #expect(cache?.reason == "Declared down in the model")
    }

    @Test("cycles terminate and every member goes down")
    func cycle() throws {
        let model = try ModelLoader.load(text: """
        components: [{id: a}, {id: b}, {id: c}]
        dependencies:
          - {source: a, target: b}
          - {source: b, target: c}
          - {source: c, target: a}
        """)
        let assessment = Assessment(model)
        let result = assessment.engine.simulate([Fault(.componentDown, target: 0)])
        #expect(result.totalAffected == 3)
        #expect(assessment.graph.entryPoints.count == 3)
        #expect(assessment.groups.cycles == [[0, 1, 2]])
    }

    @Test("the result uses the contract's field names")
    func wireFormat() throws {
        let json = String(decoding: try WireJSON.encode(fail("database")), as: UTF8.self)
        for key in ["root_cause", "total_affected", "risk_score", "waves", "blast_radius_score", "recovery_time_estimate",
                    "recovery_time_minutes", "time_seconds", "caused_by", "likelihood"] {
            #expect(json.contains("\"\(key)\""))
        }
    }
}

@Suite("Blast radius counts what the fault changed")
struct DeclaredStateTests {
    /// a -> b, and c declared down (with d, which requires it, down too). Failing b takes a down: two
    /// components changed. c and d were down before the fault and are not counted in its blast radius.
    @Test("components declared unhealthy before a fault are not counted in its blast radius")
    func declaredUnhealthyNotCounted() throws {
        let model = try ModelLoader.load(text: """
            components:
              - {id: a, type: app_server}
              - {id: b, type: database}
              - {id: c, type: cache, health: down}
              - {id: d, type: app_server}
            dependencies:
              - {source: a, target: b}
              - {source: d, target: c}
            """, file: "t.yaml")
        let engine = CascadeEngine(graph: CompiledGraph(model))
        #expect(engine.baseline == [.healthy, .healthy, .down, .down])
        let result = engine.simulate([Fault(.componentDown, target: 1)])
        #expect(result.totalAffected == 2)
        #expect(result.blastRadiusScore == 0.5)
        let outcome = engine.outcome([Fault(.componentDown, target: 1)], workspace: CascadeWorkspace(count: 4))
        #expect(outcome.affected.map(\.node) == [0, 1])
        // Without the declared outage the same fault has the same blast radius.
        var healthy = model
        healthy.components[2].health = .healthy
        #expect(CascadeEngine(graph: CompiledGraph(healthy)).simulate([Fault(.componentDown, target: 1)]).totalAffected == 2)
    }
}
