import Foundation
import Testing
@testable import FaultRayCore

/// The rules that make predictions match a real system (issue 19): sized latency against timeouts,
/// crash against hang, retries, and what losing an optional dependency with a fallback costs.
@Suite("Latency, timeouts, retries and fallback costs")
struct FidelityRulesTests {
    /// The lab's system in small: lb (5 s timeout) -> app (2 replicas, 2 s timeout) -> db, payment, and
    /// cache (optional, falls back to db at +4 ms moving 10 points of load onto it).
    static func lab(cacheRetries: Int = 0, paymentRetries: Int = 0, fallbackLoad: Double = 10, paymentCPU: Double = 0) throws -> Assessment {
        func retry(_ n: Int) -> String { n == 0 ? "" : ", retry_strategy: {enabled: true, max_retries: \(n), initial_delay_ms: 100, multiplier: 2}" }
        let yaml = """
        components:
          - {id: lb, type: load_balancer, capacity: {timeout_seconds: 5}}
          - {id: app, type: app_server, replicas: 2, capacity: {timeout_seconds: 2}, metrics: {cpu_percent: 10}}
          - {id: db, type: database, metrics: {cpu_percent: 5}}
          - {id: payment, type: external_api, metrics: {cpu_percent: \(paymentCPU)}}
          - {id: cache, type: cache}
        dependencies:
          - {source: lb, target: app}
          - {source: app, target: db}
          - {source: app, target: payment\(retry(paymentRetries))}
          - {source: app, target: cache, type: optional, fallback: {enabled: true, target: db, latency_ms: 4, load_percent: \(fallbackLoad)}\(retry(cacheRetries))}
        """
        return Assessment(try ModelLoader.load(text: yaml, file: "lab.yaml"))
    }

    static func run(_ a: Assessment, _ faults: [(String, FaultKind)]) -> (health: [String: Health], time: [String: Double], result: CascadeResult) {
        let result = a.engine.simulate(faults.map { Fault($0.1, target: a.graph.index(of: $0.0)!) })
        let entries = result.waves.flatMap(\.components)
        return (Dictionary(entries.map { ($0.id, $0.health) }, uniquingKeysWith: max),
                Dictionary(entries.map { ($0.id, $0.timeSeconds) }, uniquingKeysWith: max), result)
    }

    @Test("latency below the caller's timeout slows the chain: degraded above 100 ms, healthy below")
    func latencyBelowTimeout() throws {
        let a = try Self.lab()
        // +500 ms < app's 2 s: app answers 500 ms slower (degraded, 500 > 100) once the first slow answer
        // arrives (0.5 s); lb the same 0.5 s later (500 ms < its 5 s timeout).
        let slow = Self.run(a, [("payment", .addedLatency(ms: 500))])
        #expect(slow.health["payment"] == .degraded && slow.health["app"] == .degraded && slow.health["lb"] == .degraded)
        #expect(slow.time["app"] == 0.5 && slow.time["lb"] == 1.0)
        // +20 ms is within the 100 ms threshold: nothing is unhealthy.
        let small = Self.run(a, [("payment", .addedLatency(ms: 20))])
        #expect(small.result.totalAffected == 0)
        #expect(small.health["lb"] == nil)
    }

    @Test("latency beyond the caller's timeout fails the call after timeout × attempts")
    func latencyBeyondTimeout() throws {
        // +3 s ≥ app's 2 s timeout: app's calls fail after 2 s, so app is down at 2 s and answers errors
        // after 2000 ms; lb (5 s timeout) gets those errors after 2000 + 10 ms: down at 4.01 s.
        let plain = Self.run(try Self.lab(), [("payment", .addedLatency(ms: 3000))])
        #expect(plain.health["app"] == .down && plain.health["lb"] == .down)
        #expect(plain.time["app"] == 2 && abs(plain.time["lb"]! - 4.01) < 1e-9)
        // Two retries (3 attempts, back-off 100 + 200 ms): app fails after 3 × 2000 + 300 = 6300 ms, which
        // is beyond lb's 5 s timeout: lb times out after 5 s, at 6.3 + 5 = 11.3 s.
        let retried = Self.run(try Self.lab(paymentRetries: 2), [("payment", .addedLatency(ms: 3000))])
        #expect(retried.time["app"] == 6.3 && abs(retried.time["lb"]! - 11.3) < 1e-9)
        #expect(retried.health["lb"] == .down)
    }

    @Test("retries multiply the load on a callee that times out")
    func retryLoad() throws {
        // payment at 40 % load, +3 s: app's calls time out and are retried 3 times -> 120 % > 100 %: down.
        let storm = Self.run(try Self.lab(paymentRetries: 2, paymentCPU: 40), [("payment", .addedLatency(ms: 3000))])
        #expect(storm.health["payment"] == .down)
        #expect(storm.result.waves.flatMap(\.components).first { $0.id == "payment" }?.reason.contains("retried") == true)
        // Without retries the load stays at 40 %: payment is only slow (degraded).
        let single = Self.run(try Self.lab(paymentCPU: 40), [("payment", .addedLatency(ms: 3000))])
        #expect(single.health["payment"] == .degraded)
    }

    @Test("a crash is noticed at once, a hang after the caller's timeout")
    func crashAndHang() throws {
        let a = try Self.lab()
        // Crash: app's connection is refused after 10 ms; lb gets app's error after 10 + 10 ms: 0.03 s.
        let crash = Self.run(a, [("db", .componentDown)])
        #expect(crash.health["lb"] == .down)
        #expect(abs(crash.time["app"]! - 0.01) < 1e-9 && abs(crash.time["lb"]! - 0.03) < 1e-9)
        // Hang: app waits its 2 s timeout; lb gets the error 2000 + 10 ms later: 4.01 s.
        let hang = Self.run(a, [("db", .hang)])
        #expect(hang.health["lb"] == .down)
        #expect(hang.time["app"] == 2 && abs(hang.time["lb"]! - 4.01) < 1e-9)
        // A hung lb is itself down; so is a crashed one.
        #expect(Self.run(a, [("lb", .hang)]).health["lb"] == .down)
    }

    @Test("a cheap fallback keeps the dependent healthy, a slow one degrades it")
    func cheapFallback() throws {
        let a = try Self.lab()
        // Cache crashed: refused after 10 ms, the db answers +4 ms: app 14 ms slower (< 100 ms): healthy;
        // db carries 5 + 10 = 15 %: healthy. Only the cache itself is affected.
        let crash = Self.run(a, [("cache", .componentDown)])
        #expect(crash.result.totalAffected == 1)
        #expect(crash.health["app"] == nil && crash.health["lb"] == nil)
        // Cache hung: app waits its 2 s timeout, then the fallback: 2004 ms slower (degraded), and so is lb
        // (2004 ms < 5 s).
        let hang = Self.run(a, [("cache", .hang)])
        #expect(hang.health["app"] == .degraded && hang.health["lb"] == .degraded)
        // With two retries on the cache: 3 × 2000 + 300 + 4 = 6304 ms ≥ lb's 5 s: lb's calls time out: down.
        let retried = Self.run(try Self.lab(cacheRetries: 2), [("cache", .hang)])
        #expect(retried.health["app"] == .degraded && retried.health["lb"] == .down)
    }

    @Test("an expensive fallback degrades, overloads or brings down its target (LoadRule)")
    func expensiveFallback() throws {
        // db at 5 %: +80 -> 85 % (degraded); +90 -> 95 % (overloaded); +100 -> 105 % (down).
        for (moved, expected) in [(80.0, Health.degraded), (90, .overloaded), (100, .down)] {
            let run = Self.run(try Self.lab(fallbackLoad: moved), [("cache", .componentDown)])
            #expect(run.health["db"] == expected, "load moved \(moved)")
            // app requires db: slowed by a degraded or overloaded db (app at 10 % < 70 %: degraded), down with it.
            #expect(run.health["app"] == (expected == .down ? .down : .degraded))
        }
    }

    @Test("a fallback of unknown cost still degrades (models without the cost keys keep their meaning)")
    func unknownCost() throws {
        var model = try Self.lab().model
        let e = try #require(model.dependencies.firstIndex { $0.target == "cache" })
        model.dependencies[e].fallback.latencyMs = nil
        model.dependencies[e].fallback.loadPercent = 0
        let run = Self.run(Assessment(model), [("cache", .componentDown)])
        #expect(run.health["app"] == .degraded && run.health["lb"] == .degraded && run.health["db"] == nil)
    }

    @Test("an instance loss combines with another fault")
    func instancePairs() throws {
        let a = try Self.lab()
        // app 10 % × 2/1 = 20 %: healthy; with the cache crashed too, still healthy.
        #expect(Self.run(a, [("app", .instanceFailure), ("cache", .componentDown)]).health["lb"] == nil)
        // With payment +500 ms: degraded.
        #expect(Self.run(a, [("app", .instanceFailure), ("payment", .addedLatency(ms: 500))]).health["lb"] == .degraded)
    }

    @Test("retry back-off: min(initial × multiplier^k, max) summed over the retries")
    func backoff() {
        var retry = RetryStrategy()
        #expect(retry.attempts == 1 && retry.backoffMs == 0)
        retry.enabled = true
        retry.maxRetries = 3
        retry.initialDelayMs = 100
        retry.maxDelayMs = 250
        // 100 + 200 + min(400, 250) = 550.
        #expect(retry.attempts == 4 && retry.backoffMs == 550)
        retry.maxRetries = 1_000_000_000
        // 100 + 200 + 250 × (10⁹ − 2), without looping a billion times.
        #expect(retry.backoffMs == 300 + 250 * (1_000_000_000 - 2))
    }

    @Test("fault names: a size only for latency spikes, clear errors")
    func faultNames() throws {
        #expect(try FaultKind.targeted(named: "hang") == .hang)
        #expect(try FaultKind.targeted(named: "latency_spike", latencyMs: 3000) == .addedLatency(ms: 3000))
        #expect(try FaultKind.targeted(named: "latency_spike") == .latencySpike(multiplier: ScenarioCatalog.latencyMultiplier))
        #expect(throws: FaultKindError.self) { try FaultKind.targeted(named: "hnag") }
        #expect(throws: FaultKindError(message: "only a latency_spike takes latency_ms")) { try FaultKind.targeted(named: "hang", latencyMs: 5) }
        #expect(throws: FaultKindError.self) { try FaultKind.targeted(named: "latency_spike", latencyMs: -1) }
    }

    @Test("fallback cost keys are read, bounded and written back")
    func fallbackKeys() throws {
        let model = try Self.lab().model
        let edge = try #require(model.dependencies.first { $0.target == "cache" })
        #expect(edge.fallback.latencyMs == 4 && edge.fallback.loadPercent == 10)
        #expect(try ModelLoader.load(text: model.yaml(), file: "again.yaml") == model)
        let bad = issues("""
        components: [{id: a}, {id: b}]
        dependencies: [{source: a, target: b, fallback: {enabled: true, latency_ms: -1}}]
        """)
        #expect(bad.count == 1 && bad[0].path.hasSuffix("fallback.latency_ms"))
    }

    @Test("a full run lists each scenario's affected components and entry points' health")
    func fullRunLists() throws {
        let a = try Self.lab()
        let report = FullRun(a).run()
        let db = try #require(report.scenarios.first { $0.id == "single-failure-db" })
        #expect(db.entryPoints == [ComponentHealth(id: "lb", health: .down)])
        #expect(db.affected.map(\.id) == ["lb", "app", "db"])
        let cache = try #require(report.scenarios.first { $0.id == "single-failure-cache" })
        #expect(cache.entryPoints == [ComponentHealth(id: "lb", health: .healthy)])
        // The hang of the cache is its own scenario (not merged with the crash): lb degraded.
        let hang = try #require(report.scenarios.first { $0.id == "hang-cache" })
        #expect(hang.entryPoints == [ComponentHealth(id: "lb", health: .degraded)])
    }

    @Test("fallbacks moving load onto one component are simulated together in pairs")
    func coupledFallbackLoad() throws {
        let yaml = """
        components:
          - {id: web}
          - {id: a, type: cache}
          - {id: b, type: cache}
          - {id: db, type: database, metrics: {cpu_percent: 5}}
        dependencies:
          - {source: web, target: db}
          - {source: web, target: a, type: optional, fallback: {enabled: true, target: db, latency_ms: 1, load_percent: 50}}
          - {source: web, target: b, type: optional, fallback: {enabled: true, target: db, latency_ms: 1, load_percent: 50}}
        """
        let m = Assessment(try ModelLoader.load(text: yaml, file: "two.yaml"))
        // Alone, each moves 50 points: db at 55 % (healthy). Together 105 %: db down, web down.
        #expect(Self.run(m, [("a", .componentDown)]).health["db"] == nil)
        #expect(Self.run(m, [("a", .componentDown), ("b", .componentDown)]).health["web"] == .down)
        let ws = CascadeWorkspace(count: m.graph.count)
        let singles = (0..<m.graph.count).map { m.engine.outcome([Fault(.componentDown, target: $0)], workspace: ws) }
        #expect(FullRun.coupledPairs(singles, in: m.graph).contains(1 * 4 + 2))
        // So the full run counts that pair as critical together although neither is critical alone.
        #expect(FullRun(m).run().criticalTogetherPairs.contains { $0.id == "pair-a-b" })
    }
}
