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
        #expect(!advice.plan.contains { $0.changeType == .addCircuitBreaker })
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
