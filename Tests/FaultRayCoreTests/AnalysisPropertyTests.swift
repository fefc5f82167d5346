import Foundation
import Testing
@testable import FaultRayCore

/// A random model with random owners, cost profiles, security flags and data tags.
func randomAnalysisModel(seed: UInt64) -> InfrastructureModel {
    var model = randomModel(seed: seed)
    var rng = SeededRandom(seed: seed &+ 1000)
    let flag = { (rng: inout SeededRandom) in Bool.random(using: &rng) }
    for i in model.components.indices {
        model.components[i].owner = ["", "team-a", "team-b"][Int.random(in: 0..<3, using: &rng)]
        model.components[i].costProfile.revenuePerMinute = Double(Int.random(in: 0...3, using: &rng) * 100)
        model.components[i].costProfile.slaCreditPercent = Double(Int.random(in: 0...20, using: &rng))
        model.components[i].costProfile.monthlyContractValue = Double(Int.random(in: 0...5, using: &rng) * 1000)
        model.components[i].costProfile.recoveryTeamSize = Int.random(in: 0...3, using: &rng)
        model.components[i].operationalProfile.mttrMinutes = Double(Int.random(in: 5...240, using: &rng))
        model.components[i].security.encryptionAtRest = flag(&rng)
        model.components[i].security.encryptionInTransit = flag(&rng)
        model.components[i].security.authRequired = flag(&rng)
        model.components[i].security.logEnabled = flag(&rng)
        model.components[i].complianceTags.containsPHI = flag(&rng)
        model.components[i].complianceTags.pciScope = flag(&rng)
        if Int.random(in: 0..<4, using: &rng) == 0 { model.components[i].externalSLA = ExternalSLA() }
    }
    return model
}

@Suite("Analysis properties on random graphs")
struct AnalysisPropertyTests {
    static let seeds: [UInt64] = Array(1...40)

    @Test("every heat-map score is in [0, 1]", arguments: seeds)
    func heatMapBounded(seed: UInt64) {
        let map = RiskHeatMap(Assessment(randomAnalysisModel(seed: seed)))
        for profile in map.components {
            for key in RiskDimensions.all { #expect((0...1).contains(profile.riskScores[keyPath: key])) }
            #expect((0...1).contains(profile.overallRisk))
        }
        #expect((0...1).contains(map.overallRiskScore))
    }

    @Test("a replica or failover never raises a component's downtime nor the total cost at risk", arguments: seeds)
    func costMonotone(seed: UInt64) throws {
        let model = randomAnalysisModel(seed: seed)
        let revenue = Double(seed * 1000)
        let before = try CostAttribution(Assessment(model), revenuePerHour: revenue)
        for (i, component) in model.components.enumerated() {
            for change in [Modification(replicas: component.replicas + 1), Modification(failover: true)] {
                let after = try CostAttribution(Assessment(try WhatIf.apply([(component.id, change)], to: model)), revenuePerHour: revenue)
                #expect(after.components[i].expectedAnnualDowntimeMinutes <= before.components[i].expectedAnnualDowntimeMinutes)
                #expect(after.totalAnnualCostAtRisk <= before.totalAnnualCostAtRisk)
            }
        }
    }

    @Test("a PHI component without encryption never passes a HIPAA encryption control", arguments: seeds)
    func phiNeverPassesUnencrypted(seed: UInt64) throws {
        let model = randomAnalysisModel(seed: seed)
        let report = try Compliance(Assessment(model), framework: "hipaa")
        let catalog = try ComplianceCatalog.bundled.get().framework("hipaa")
        for (control, result) in zip(catalog.controls, report.controls) {
            for test in control.tests where test.scope.contains(.phi) || test.scope.contains(.phiFlows) {
                let check: (Component) -> Bool
                switch test.check {
                case .encryptionAtRest: check = { $0.security.encryptionAtRest }
                case .encryptionInTransit: check = { $0.security.encryptionInTransit }
                default: continue
                }
                let exposed = model.components.filter { $0.complianceTags.containsPHI && !check($0) }.map(\.id)
                if !exposed.isEmpty {
                    #expect(result.status == .fail)
                    #expect(exposed.allSatisfy(result.violations.contains))
                }
            }
        }
    }

    @Test("an empty model gives empty analyses")
    func emptyModel() throws {
        let empty = Assessment(InfrastructureModel())
        let map = RiskHeatMap(empty)
        #expect(map.components.isEmpty && map.zones.isEmpty && map.overallRiskScore == 0)
        let cost = try CostAttribution(empty, revenuePerHour: 10_000)
        #expect(cost.totalAnnualCostAtRisk == 0 && cost.teams.isEmpty && cost.costReductionOpportunities.isEmpty)
        let report = try Compliance(empty, framework: "soc2")
        #expect(report.summary.applicable == 0 && report.compliancePercent == nil)
    }

    @Test("the three analyses give the same bytes for the same input", arguments: seeds.prefix(10))
    func determinism(seed: UInt64) throws {
        let model = randomAnalysisModel(seed: seed)
        let a = Assessment(model), b = Assessment(model)
        #expect(try WireJSON.encode(RiskHeatMap(a)) == WireJSON.encode(RiskHeatMap(b)))
        #expect(try WireJSON.encode(CostAttribution(a, revenuePerHour: 5000)) == WireJSON.encode(CostAttribution(b, revenuePerHour: 5000)))
        for framework in ["soc2", "pci-dss", "hipaa", "iso27001"] {
            #expect(try WireJSON.encode(Compliance(a, framework: framework)) == WireJSON.encode(Compliance(b, framework: framework)))
        }
    }
}
