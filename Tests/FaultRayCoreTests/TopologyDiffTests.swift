import Foundation
@testable import FaultRayCore
import Testing

@Suite("Topology diff")
struct TopologyDiffTests {
    @Test(arguments: ["demo.yaml", "web-shop.yaml", "multi-region-payments.yaml", "ai-support-agent.yaml"])
    func aModelAgainstItselfIsEmpty(name: String) throws {
        let model = try example(name)
        let diff = TopologyDiff(before: model, after: model)
        #expect(diff.isEmpty && diff.scoreDelta == 0)
        #expect(diff.componentsUnchanged.count == model.components.count)
    }

    @Test func changesAreFoundFieldByFieldWithTheirImpact() throws {
        let before = try example("demo.yaml")
        var after = before
        let database = try #require(after.index(of: "database"))
        after.components[database].replicas = 3
        after.components[database].failover.enabled = false
        after.components[database].operationalProfile.mttrMinutes = 240
        after.components.removeAll { $0.id == "cache" }
        after.dependencies.removeAll { $0.target == "cache" || $0.source == "cache" }
        after.components.append(Component(id: "search", name: "Search \"beta\"", type: .appServer))
        after.dependencies.append(Dependency(source: "api-gateway", target: "search", type: .optional))
        let diff = TopologyDiff(before: before, after: after)
        #expect(diff.componentsAdded.map(\.componentId) == ["search"])
        #expect(diff.componentsRemoved.map(\.componentId) == ["cache"])
        let changes = try #require(diff.componentsModified.first { $0.componentId == "database" }?.changes)
        #expect(changes.contains { $0.field == "replicas" && $0.oldValue == "1" && $0.newValue == "3" && $0.impact == .improves })
        #expect(changes.contains { $0.field == "operational_profile.mttr_minutes" && $0.impact == .worsens })
        #expect(diff.edgesAdded.count == 1 && diff.edgesRemoved.count == before.dependencies.count - after.dependencies.count + 1)
        #expect(diff.scoreDelta == Format.round(diff.after.resilienceScore - diff.before.resilienceScore, places: 1))
        #expect(diff.mermaid.contains(":::removed") && diff.mermaid.contains(":::added") && diff.mermaid.contains("linkStyle"))
        #expect(diff.mermaid.contains("#quot;beta#quot;"))
    }

    @Test func dependencyTypeChangesAreRated() throws {
        let before = try example("demo.yaml")
        var after = before
        after.dependencies[0].type = .async
        after.dependencies[1].circuitBreaker.enabled = true
        let diff = TopologyDiff(before: before, after: after)
        #expect(diff.edgesModified.count == 2)
        #expect(diff.edgesModified[0].changes.contains { $0.field == "type" && $0.impact == .improves })
        #expect(diff.edgesModified[1].changes.contains { $0.field == "circuit_breaker.enabled" && $0.impact == .improves })
    }
}
