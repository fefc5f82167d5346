import Foundation
@testable import FaultRayCore
import Testing

@Suite("Architecture advice")
struct ArchitectureAdvisorTests {
    /// Replays a plan's modifications with what-if and returns the nines reached.
    func replayedNines(_ advice: ArchitectureAdvice, on model: InfrastructureModel) throws -> Double {
        let modified = try WhatIf.apply(advice.modifications.map { ($0.component, $0.modification) }, to: model)
        return AvailabilityModel.nines(Assessment(modified).availability.overall)
    }

    @Test func theDemoPlanReplaysWithWhatIfAndNamesWhatCapsIt() throws {
        let model = try example("demo.yaml")
        let advice = ArchitectureAdvisor(Assessment(model)).advise(targetNines: 4)
        // The demo's plan fixes what it can (the database, order-service), and every step measurably gains.
        #expect(!advice.plan.isEmpty && advice.plan.allSatisfy { $0.ninesAfter > $0.ninesBefore })
        #expect(advice.plan.contains { $0.componentId == "database" })
        let nines = try replayedNines(advice, on: model)
        #expect(abs(nines - advice.projected.availability.nines) < 0.01)
        // What remains is what no replica or standby fixes: payment-provider's 99.95 % SLA (payments need
        // it, breaker or not) and the single region us-east-1 (0.5 outages a year of 6 h by default).
        #expect(!advice.targetReached)
        #expect(advice.limitingComponents.map(\.component) == ["payment-provider", "region:us-east-1"]
                || advice.limitingComponents.map(\.component).starts(with: ["payment-provider", "region:us-east-1"]))
        #expect(advice.limitingComponents[0].reason.contains("external SLA"))
    }

    @Test func aTargetAlreadyMetNeedsNoChange() throws {
        let advice = ArchitectureAdvisor(Assessment(try example("demo.yaml"))).advise(targetNines: 1)
        #expect(advice.plan.isEmpty && advice.targetReached && advice.gap == 0)
        #expect(advice.summary.contains("already meets"))
    }

    @Test func anExternalSLAThatIsTheEntryPointCapsTheTarget() throws {
        let model = try ModelLoader.load(text: """
            components:
              - {id: gateway, type: external_api, external_sla: {provider_sla: 99.9}}
            """)
        let advice = ArchitectureAdvisor(Assessment(model)).advise(targetNines: 4)
        #expect(!advice.targetReached && advice.plan.isEmpty)
        #expect(advice.limitingComponents.map(\.component) == ["gateway"])
        #expect(advice.summary.contains("cannot be reached") && advice.limitingComponents[0].reason.contains("external SLA"))
    }

    @Test func aCircuitBreakerIsNeverCountedAsRedundancy() throws {
        let model = try ModelLoader.load(text: """
            components:
              - {id: app, type: app_server, replicas: 3}
              - {id: psp, type: external_api, external_sla: {provider_sla: 99.5}}
            dependencies:
              - {source: app, target: psp}
            """)
        let advice = ArchitectureAdvisor(Assessment(model)).advise(targetNines: 4)
        // Payments need the provider, breaker or not: 99.5 % caps the entry point, and no breaker is proposed.
        #expect(!advice.plan.contains { $0.componentId == "psp" })
        #expect(!advice.targetReached)
        #expect(advice.limitingComponents.first?.component == "psp")
        #expect(advice.limitingComponents.first?.reason.contains("external SLA") == true)
    }

    @Test(arguments: 0..<25)
    func plansOnRandomModelsReplayAndNeverLowerAvailability(seed: Int) throws {
        let model = randomModel(seed: UInt64(seed), size: 10, edges: 14)
        let baseline = Assessment(model)
        let advice = ArchitectureAdvisor(baseline).advise(targetNines: 5)
        #expect(advice.projected.availability.nines >= advice.current.availability.nines)
        #expect(advice.plan.allSatisfy { $0.ninesAfter > $0.ninesBefore })
        #expect(abs(try replayedNines(advice, on: model) - advice.projected.availability.nines) < 0.01)
        #expect(advice.targetReached == (advice.projected.availability.nines >= 5 || advice.limitingComponents.isEmpty))
        #expect(try WireJSON.encode(advice) == WireJSON.encode(ArchitectureAdvisor(baseline).advise(targetNines: 5)))
    }

    /// Applies a plan with what-if, writes the result as YAML, loads it back: the model a user would export.
    func exported(_ advice: ArchitectureAdvice, from model: InfrastructureModel) throws -> InfrastructureModel {
        let modified = try WhatIf.apply(advice.modifications.map { ($0.component, $0.modification) }, to: model)
        return try ModelLoader.load(text: modified.yaml(), file: "exported.yaml")
    }

    @Test("the multi-region example: every step's gain is measured and the plan holds through what-if and the exported YAML")
    func multiRegionPlanHolds() throws {
        let model = try example("multi-region-payments.yaml")
        let advice = ArchitectureAdvisor(Assessment(model)).advise(targetNines: 5)
        var nines = advice.current.availability.nines
        for step in advice.plan {
            #expect(step.gain > 0 && abs(step.gain - (step.ninesAfter - step.ninesBefore)) < 0.0015)
            #expect(abs(step.ninesBefore - nines) < 0.006, "steps chain: each starts where the last ended")
            nines = step.ninesAfter
            #expect(["medium", "high"].contains(step.effortClass))
        }
        let reloaded = Assessment(try exported(advice, from: model))
        #expect(AvailabilityFigures(availability: reloaded.availability.overall) == advice.projected.availability)
        #expect(advice.targetReached == (AvailabilityModel.nines(reloaded.availability.overallInterval.low) >= 5))
        if !advice.targetReached { #expect(!advice.limitingComponents.isEmpty && advice.summary.contains("best plan reaches")) }
    }

    @Test("the demo's database with a second replica, exported and simulated: losing one instance is its own, harmless scenario")
    func exportedReplicaSimulatesAsSuch() throws {
        let model = try example("demo.yaml")
        let modified = try WhatIf.apply([("database", Modification(replicas: 2))], to: model)
        let report = FullRun(Assessment(try ModelLoader.load(text: modified.yaml(), file: "exported.yaml"))).run()
        let instance = try #require(report.scenarios.first { $0.id == "instance-failure-database" })
        #expect(instance.severity == .passed && instance.componentsDown == 0)
    }

    @Test("a target is met only when the lower end of the availability interval meets it")
    func targetsAreJudgedByTheLowerBound() throws {
        // Sampled with few draws, the interval is wide: a target between its low end and the point is not met.
        let graph = CompiledGraph(try example("demo.yaml"))
        let sampled = AvailabilityModel(reliability: ReliabilityModel(graph: graph, samples: 2_000, forceMonteCarlo: true))
        let point = AvailabilityModel.nines(sampled.overall), low = AvailabilityModel.nines(sampled.overallInterval.low)
        #expect(low < point)
        #expect(!ArchitectureAdvisor.meets(sampled, (low + point) / 2))
        #expect(ArchitectureAdvisor.meets(sampled, low - 0.001))
        // Exact figures have a point interval: the rule is the point itself.
        let exact = AvailabilityModel(graph: graph)
        #expect(exact.overallInterval.low == exact.overall)
    }

    @Test(arguments: 0..<10)
    func plansHoldThroughTheExportedYAML(seed: Int) throws {
        let model = randomModel(seed: UInt64(500 + seed), size: 10, edges: 14, cycles: false)
        let advice = ArchitectureAdvisor(Assessment(model)).advise(targetNines: 4)
        let reloaded = Assessment(try exported(advice, from: model))
        #expect(AvailabilityFigures(availability: reloaded.availability.overall) == advice.projected.availability)
        #expect(reloaded.availability.overall >= Assessment(model).availability.overall)
    }

    @Test func mermaidLabelsAreEscaped() {
        var model = InfrastructureModel(components: [Component(id: "a", name: #"Say "hi" <b>#1 & co"#, type: .webServer), Component(id: "b", type: .database)],
                                        dependencies: [Dependency(source: "a", target: "b")])
        model.dependencies[0].circuitBreaker.enabled = true
        let diagram = Mermaid.diagram(model, highlighting: ["b"])
        #expect(diagram.contains(#"n0["Say #quot;hi#quot; #lt;b#gt;#35;1 #amp; co (web_server)"]"#))
        #expect(diagram.contains("n1[\"b (database)\"]:::changed"))
        #expect(diagram.contains("n0 -->|CB| n1"))
    }
}
