import Foundation
import Testing
@testable import FaultRayCore

@Suite("Cost attribution")
struct CostAttributionTests {
    let assessment: Assessment
    let demo: CostAttribution

    init() throws {
        assessment = Assessment(try example("demo.yaml"))
        demo = try CostAttribution(assessment, revenuePerHour: 10_000)
    }

    func cost(_ id: String, in attribution: CostAttribution? = nil) -> ComponentCost {
        (attribution ?? demo).components.first { $0.id == id }!
    }

    @Test("the demo's database: downtime from the availability model, revenue from what its loss takes down")
    func demoDatabase() {
        let db = cost("database")
        // MTBF 4380 h, MTTR 1 h, one replica: unavailability 1/4381 of 525 960 minutes.
        #expect(db.expectedAnnualDowntimeMinutes == 120.05)
        // Its loss takes dns (the only entry point) down: impact 1, so 10 000/h from the request; but it
        // also takes down web-, order- and payment-service, which declare 250/min each: 45 000/h, the larger.
        #expect(db.entryPointImpact == 1)
        #expect(db.revenueAtRiskPerHour == 45_000)
        // 120.0548 / 60 h × 45 000.
        #expect(db.revenueLoss == 90_041.09)
        #expect(db.annualCostAtRisk == 90_041.09)
        #expect(db.team == "data-team")
    }

    @Test("a degraded entry point counts 0.3 of the revenue")
    func demoQueue() {
        let queue = cost("message-queue")
        // Default queue MTBF 2160 h, MTTR 30 min: 0.5 / 2160.5 of the year.
        #expect(queue.expectedAnnualDowntimeMinutes == 121.72)
        // Order- and payment-service (async) degrade, and through them api-gateway, web-server and dns.
        #expect(queue.entryPointImpact == 0.3)
        // Declared: 0.3 × 15 000 for each of web-, order- and payment-service = 13 500 > 0.3 × 10 000.
        #expect(queue.revenueAtRiskPerHour == 13_500)
    }

    @Test("teams from the owner; totals and shares add up")
    func teams() {
        #expect(demo.teams.map(\.name) == ["platform-team", "web-team", "payments-team", "data-team"])
        let data = demo.teams.first { $0.name == "data-team" }!
        #expect(data.components == ["database", "cache"])
        #expect(data.highestRiskComponent == "database")
        let sum = demo.teams.reduce(0) { $0 + $1.annualCostAtRisk }
        #expect(abs(sum - demo.totalAnnualCostAtRisk) < 0.05)
        let share = demo.components.reduce(0) { $0 + $1.percentageOfTotal }
        #expect(abs(share - 100) < 0.1)
    }

    @Test("an owner-less component is unassigned")
    func unassigned() throws {
        var model = try example("demo.yaml")
        model.components[0].owner = ""
        let attribution = try CostAttribution(Assessment(model), revenuePerHour: 10_000)
        #expect(attribution.teams.first?.name == "unassigned")
        #expect(attribution.teams.first?.components == ["dns"])
    }

    @Test("every opportunity's savings is the recomputed difference of totals")
    func opportunitiesRecomputed() throws {
        #expect(!demo.costReductionOpportunities.isEmpty)
        for opportunity in demo.costReductionOpportunities {
            let change: Modification = switch opportunity.action {
            case .addReplica: Modification(replicas: assessment.model.components[assessment.graph.index(of: opportunity.component)!].replicas + 1)
            case .enableFailover: Modification(failover: true)
            case .addCircuitBreakers: Modification(circuitBreaker: true)
            }
            let changed = Assessment(try WhatIf.apply([(opportunity.component, change)], to: assessment.model))
            let after = try CostAttribution(changed, revenuePerHour: 10_000).totalAnnualCostAtRisk
            #expect(abs(demo.totalAnnualCostAtRisk - after - opportunity.annualSavings) <= 0.011)
        }
        #expect(demo.costReductionOpportunities.map(\.netAnnualSavings) == demo.costReductionOpportunities.map(\.netAnnualSavings).sorted(by: >))
    }

    @Test("a second database replica: savings and its price from hourly_infra_cost")
    func databaseReplica() throws {
        let replica = try #require(demo.costReductionOpportunities.first { $0.component == "database" && $0.action == .addReplica })
        // Two replicas leave (1/4381)² of the year: 0.0274 min × 45 000/h = 20.56 left of 90 041.09.
        #expect(replica.annualSavings == 90_020.53)
        // 3.5 per hour for its one instance, for 8766 hours.
        #expect(replica.addedAnnualCost == 30_681)
        #expect(replica.netAnnualSavings == 59_339.53)
    }

    @Test("SLA credits and recovery labour come from cost_profile, per outage")
    func costProfile() throws {
        var c = Component(id: "api", type: .appServer)
        c.operationalProfile.mtbfHours = 1000
        c.operationalProfile.mttrMinutes = 60
        c.costProfile.slaCreditPercent = 10
        c.costProfile.monthlyContractValue = 20_000
        c.costProfile.recoveryTeamSize = 2
        c.costProfile.recoveryEngineerCost = 150
        let attribution = try CostAttribution(Assessment(InfrastructureModel(components: [c])), revenuePerHour: 1_000)
        // One instance: outages per year = (1/1001) / 1 h × 8766 h.
        let outages = 1.0 / 1001 * 8766
        let api = attribution.components[0]
        #expect(api.slaCredits == Format.round(outages * 0.1 * 20_000, places: 2))
        #expect(api.recoveryCost == Format.round(outages * 1 * 2 * 150, places: 2))
        // It is the entry point: all of the 1 000/h for each of its 8766/1001 h of downtime.
        #expect(api.revenueLoss == Format.round(8766.0 / 1001 * 1_000, places: 2))
        #expect(abs(attribution.totalAnnualCostAtRisk - (api.revenueLoss + api.slaCredits + api.recoveryCost)) <= 0.011)
    }

    @Test("revenue must be finite and not negative")
    func validation() throws {
        for bad in [-1, Double.nan, .infinity, -.infinity] {
            #expect(throws: InvalidRevenueError.self) { try CostAttribution(assessment, revenuePerHour: bad) }
        }
        // Zero revenue leaves only the revenue the components declare.
        let zero = try CostAttribution(assessment, revenuePerHour: 0)
        #expect(cost("database", in: zero).revenueLoss == 90_041.09)
        #expect(cost("dns", in: zero).revenueAtRiskPerHour == 0)
    }
}
