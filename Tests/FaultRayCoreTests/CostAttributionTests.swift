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

    @Test("the demo: revenue lives at the one entry point, and the lost revenue is shared out exactly once")
    func revenueCountedOnce() throws {
        // dns is the only entry point; 10 000/h over its downtime from the reliability model.
        let dns = try #require(demo.entryPoints.first)
        #expect(demo.entryPoints.count == 1 && dns.component == "dns" && dns.revenuePerHour == 10_000)
        let reliability = try #require(assessment.availability.reliability.entries.first)
        #expect(dns.annualRevenueLoss == Format.round(10_000 * reliability.unavailability * AvailabilityModel.hoursPerYear, places: 2))
        // Components and domains share it, and nothing else (the degraded part, set to 0 here, comes on top).
        let structural = try CostAttribution(assessment, revenuePerHour: 10_000, degradedRevenueShare: 0)
        let shared = structural.components.reduce(0) { $0 + $1.revenueLoss } + structural.domains.reduce(0) { $0 + $1.annualRevenueLoss }
        #expect(abs(shared - dns.annualRevenueLoss) < 0.1)
        #expect(structural.domains.contains { $0.domain.hasPrefix("region:") })
        // The three tiers that declare 250/min carry one revenue stream: named in a note, not added.
        #expect(demo.notes.contains { $0.contains("'web-server'") && $0.contains("not added") })
        #expect(demo.revenueSource == .request)
    }

    @Test("revenue_per_hour is what the figures use: zero loses no revenue, ten times more loses ten times more")
    func requestedRevenueIsUsed() throws {
        let zero = try CostAttribution(assessment, revenuePerHour: 0)
        #expect(zero.components.allSatisfy { $0.revenueLoss == 0 } && zero.domains.allSatisfy { $0.annualRevenueLoss == 0 })
        let thousand = try CostAttribution(assessment, revenuePerHour: 1_000)
        for (a, b) in zip(thousand.components, demo.components) { #expect(abs(a.revenueLoss * 10 - b.revenueLoss) <= 0.1) }
        // Without a request: the demo's entry point declares nothing, so the documented default.
        let unstated = try CostAttribution(assessment)
        #expect(unstated.revenueSource == .default && unstated.revenuePerHour == CostAttribution.defaultRevenuePerHour)
    }

    @Test("revenue declared on the entry points is used when the request has none; weights spread a requested figure")
    func declaredAndWeighted() throws {
        let model = try ModelLoader.load(text: """
            components:
              - {id: shop, type: web_server, replicas: 1, entry_point: {weight: 3}, cost_profile: {revenue_per_minute: 100}}
              - {id: admin, type: web_server, replicas: 1, entry_point: {weight: 1}}
              - {id: db, type: database}
            dependencies:
              - {source: shop, target: db}
              - {source: admin, target: db}
            """, file: "t.yaml")
        let declared = try CostAttribution(Assessment(model))
        #expect(declared.revenueSource == .declared && declared.entryPoints.map(\.revenuePerHour) == [6_000, 0])
        let requested = try CostAttribution(Assessment(model), revenuePerHour: 4_000)
        #expect(requested.revenueSource == .request && requested.entryPoints.map(\.revenuePerHour) == [3_000, 1_000])
    }

    @Test("two equally likely causes in series share an entry point's lost revenue equally")
    func structureFunctionShares() throws {
        // web (2 replicas that practically never fail) needs db (q = 1/1000) and psp (99.9 %: q = 1/1000).
        // U = 1 − (1 − q)² ≈ 0.001999; each cause's normalised Fussell–Vesely share is one half.
        let model = try ModelLoader.load(text: """
            components:
              - {id: web, type: web_server, replicas: 2, operational_profile: {mtbf_hours: 1000000000, mttr_minutes: 1}}
              - {id: db, type: database, operational_profile: {mtbf_hours: 999, mttr_minutes: 60}}
              - {id: psp, type: external_api, external_sla: {provider_sla: 99.9}}
            dependencies:
              - {source: web, target: db}
              - {source: web, target: psp}
            """, file: "t.yaml")
        let cost = try CostAttribution(Assessment(model), revenuePerHour: 1_000)
        let q = 0.001, u = 1 - (1 - q) * (1 - q)
        let lost = 1_000 * u * AvailabilityModel.hoursPerYear
        #expect(abs(cost.entryPoints[0].annualRevenueLoss - lost) < 0.01)
        let db = cost.components[1], psp = cost.components[2]
        #expect(abs(db.revenueLoss - lost / 2) < 0.05 && abs(psp.revenueLoss - lost / 2) < 0.05)
        #expect(cost.components[0].revenueLoss < 0.01)
    }

    @Test("the degraded share is a parameter: the queue's loss degrades the entry point and costs that share")
    func degradedShare() throws {
        let none = try CostAttribution(assessment, revenuePerHour: 10_000, degradedRevenueShare: 0)
        let double = try CostAttribution(assessment, revenuePerHour: 10_000, degradedRevenueShare: 0.6)
        let queue = cost("message-queue")
        // Order- and payment-service consume asynchronously: losing the queue degrades dns, never takes it down.
        #expect(queue.revenueAtRiskPerHour == 3_000)
        #expect(cost("message-queue", in: none).revenueLoss == 0)
        #expect(abs(cost("message-queue", in: double).revenueLoss - 2 * queue.revenueLoss) <= 0.02)
        #expect(throws: InvalidDegradedShareError.self) { try CostAttribution(assessment, degradedRevenueShare: 1.5) }
        #expect(demo.notes.contains { $0.contains("30%") && $0.contains("degraded_revenue_share") })
    }

    @Test("recommendations follow the advisor's rules: no circuit breakers, nothing on a third party")
    func recommendationsAgreeWithTheAdvisor() {
        #expect(!demo.costReductionOpportunities.isEmpty)
        #expect(!demo.costReductionOpportunities.contains { $0.component == "payment-provider" })
    }

    @Test("teams from the owner; totals and shares add up")
    func teams() {
        #expect(demo.teams.map(\.name) == ["platform-team", "web-team", "payments-team", "data-team"])
        let data = demo.teams.first { $0.name == "data-team" }!
        #expect(data.components == ["database", "cache"])
        #expect(data.highestRiskComponent == "database")
        // Teams own the components; failure domains (the region, shared hosts) are nobody's: together, the total.
        let sum = demo.teams.reduce(0) { $0 + $1.annualCostAtRisk } + demo.domains.reduce(0) { $0 + $1.annualRevenueLoss }
        #expect(abs(sum + demo.unattributedAnnualRevenueLoss - demo.totalAnnualCostAtRisk) < 0.05)
        let share = demo.components.reduce(0) { $0 + $1.percentageOfTotal } + demo.domains.reduce(0) { $0 + $1.percentageOfTotal }
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
            }
            let changed = Assessment(try WhatIf.apply([(opportunity.component, change)], to: assessment.model))
            let after = try CostAttribution(changed, revenuePerHour: 10_000).totalAnnualCostAtRisk
            #expect(abs(demo.totalAnnualCostAtRisk - after - opportunity.annualSavings) <= 0.011)
        }
        #expect(demo.costReductionOpportunities.map(\.netAnnualSavings) == demo.costReductionOpportunities.map(\.netAnnualSavings).sorted(by: >))
    }

    @Test("a second database replica: its savings recomputed, its price from hourly_infra_cost")
    func databaseReplica() throws {
        let replica = try #require(demo.costReductionOpportunities.first { $0.component == "database" && $0.action == .addReplica })
        let changed = Assessment(try WhatIf.apply([("database", Modification(replicas: 2))], to: assessment.model))
        #expect(abs(replica.annualSavings - (demo.totalAnnualCostAtRisk - (try CostAttribution(changed, revenuePerHour: 10_000)).totalAnnualCostAtRisk)) <= 0.011)
        // 3.5 per hour for its one instance, for 8766 hours.
        #expect(replica.addedAnnualCost == 30_681)
        #expect(replica.netAnnualSavings == Format.round(replica.annualSavings - 30_681, places: 2))
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
    }
}
