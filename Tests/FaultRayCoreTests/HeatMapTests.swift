import Foundation
import Testing
@testable import FaultRayCore

@Suite("Risk heat map")
struct HeatMapTests {
    let model: InfrastructureModel
    let demo: RiskHeatMap

    init() throws {
        model = try example("demo.yaml")
        demo = RiskHeatMap(Assessment(model))
    }

    func profile(_ id: String, in map: RiskHeatMap? = nil) -> RiskProfile {
        (map ?? demo).components.first { $0.componentId == id }!
    }

    @Test("the demo's database: every dimension from its rule")
    func demoDatabase() {
        let db = profile("database")
        // Its loss takes down web-server, auth-, order- and payment-service (requires, no breaker), then
        // api-gateway (requires order-service), load-balancer and dns: 8 of 12 components.
        #expect(db.riskScores.blastRadius == 0.667)
        #expect(db.riskScores.spof == 1)
        // 150 of 200 connections = 75 %, above CPU 55, memory 74 and disk 68.
        #expect(db.riskScores.utilization == 0.75)
        // dns -> load-balancer -> web-server -> api-gateway -> order-service -> database: 5 layers, the deepest.
        #expect(db.riskScores.dependencyDepth == 1)
        // No failover, one replica, MTTR 60: 1 − 0.3 × (120 − 60) / 110.
        #expect(db.riskScores.recovery == 0.836)
        // Present: transit 0.2 + auth 0.2 + at rest 0.15 + segmentation 0.15 + logging 0.1 = 0.8.
        #expect(db.riskScores.security == 0.2)
        #expect(db.riskScores.externalDependency == 0)
        // 0.2·8/12 + 0.2·1 + 0.15·0.75 + 0.1·1 + 0.15·0.8364 + 0.1·0.2 + 0.1·0 = 0.6913: high (0.5 ≤ r < 0.75).
        #expect(db.overallRisk == 0.691)
        #expect(db.heatLevel == .high)
        #expect(db.riskFactors.count == 5)
        #expect(demo.hotspots.first?.componentId == "database")
    }

    @Test("edge components, the third party and replicated services")
    func demoOthers() {
        let dns = profile("dns")
        // The entry point: only itself is affected (1/12), nothing above it.
        #expect(dns.riskScores.blastRadius == 0.083)
        #expect(dns.riskScores.dependencyDepth == 0)
        // Present: transit 0.2 + rate limiting 0.1 + logging 0.1.
        #expect(dns.riskScores.security == 0.6)
        let lb = profile("load-balancer")
        // Failover 0.4 + two replicas 0.3 + MTTR 15: 0.3 × 105/110.
        #expect(lb.riskScores.recovery == 0.014)
        let provider = profile("payment-provider")
        // 99.95 % is 3.301 nines: 0.5 + 0.5 × (1 − 3.301/4).
        #expect(provider.riskScores.externalDependency == 0.587)
        #expect(provider.layer == .external)
        #expect(provider.riskFactors.contains("Third-party service with a 99.95% SLA"))
    }

    @Test("zones, hotspots, distribution and weights")
    func demoSummary() {
        #expect(demo.zones.map(\.layer) == [.edge, .application, .data, .external])
        #expect(demo.zones[0].components == ["dns", "load-balancer"])
        #expect(demo.zones[2].components == ["database", "cache", "message-queue", "object-storage"])
        #expect(demo.zones[2].maxRisk == 0.691)
        #expect(demo.components.map(\.componentId) == model.components.map(\.id))
        #expect(demo.hotspots.count == 5)
        #expect(demo.hotspots.map(\.overallRisk) == demo.hotspots.map(\.overallRisk).sorted(by: >))
        let d = demo.riskDistribution
        #expect(d.critical + d.high + d.medium + d.low == 12)
        let w = demo.dimensionWeights
        #expect(abs(w.blastRadius + w.spof + w.utilization + w.dependencyDepth + w.recovery + w.security
                    + w.externalDependency - 1) < 1e-12)
    }

    @Test("multi-region payments: the card network is the hotspot")
    func multiRegion() throws {
        let map = RiskHeatMap(Assessment(try example("multi-region-payments.yaml")))
        let card = profile("card-network", in: map)
        // settlement-worker (an entry point) requires it without a circuit breaker, and it has one instance.
        #expect(card.riskScores.spof == 1)
        #expect(card.riskScores.externalDependency == 0.587)
        #expect(card.heatLevel == .high)
        #expect(map.hotspots.first?.componentId == "card-network")
        // The ledger has a standby and two replicas: not a SPOF.
        #expect(profile("ledger-db-primary", in: map).riskScores.spof == 0)
    }

    @Test("upstream depth counts a dependency cycle once")
    func depthWithCycle() {
        // e -> x -> y -> x (cycle), y -> z: e is 0 layers down, x and y 1, z 2.
        var model = InfrastructureModel(components: ["e", "x", "y", "z"].map { Component(id: $0) })
        model.dependencies = [("e", "x"), ("x", "y"), ("y", "x"), ("y", "z")].map { Dependency(source: $0.0, target: $0.1) }
        let map = RiskHeatMap(Assessment(model))
        #expect(map.components.map(\.riskScores.dependencyDepth) == [0, 0.5, 0.5, 1])
    }

    @Test("level thresholds")
    func levels() {
        #expect(RiskHeatMap.level(0.249) == .low)
        #expect(RiskHeatMap.level(0.25) == .medium)
        #expect(RiskHeatMap.level(0.5) == .high)
        #expect(RiskHeatMap.level(0.75) == .critical)
    }
}
