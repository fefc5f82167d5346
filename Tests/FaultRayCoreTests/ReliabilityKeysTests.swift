import Foundation
@testable import FaultRayCore
import Testing

/// The model keys of the reliability model: read, checked, written back.
@Suite("Reliability keys in the model format")
struct ReliabilityKeysTests {
    static let valid = """
        failure_domains:
          zone: {outages_per_year: 1, mean_outage_hours: 1.5}
          region: {outages_per_year: 0.2, mean_outage_hours: 8}
        components:
          - id: dns
            entry_point: {weight: 3, critical: true}
            redundancy_groups: [{name: regions, min_healthy: 1, members: [a, b]}]
          - {id: a, region: {region: r1, availability_zone: r1a}}
          - {id: b, failover: {enabled: true, standby_zone: r2b, standby_region: r2}}
          - {id: c}
        dependencies:
          - {source: dns, target: a}
          - {source: dns, target: b}
          - {source: a, target: c, fallback: {enabled: true, target: b}}
        """

    @Test("the keys are read and written back to an equal model")
    func roundTrip() throws {
        let model = try ModelLoader.load(text: Self.valid)
        #expect(model.failureDomains.zone == DomainOutageRate(outagesPerYear: 1, meanOutageHours: 1.5))
        #expect(model.components[0].entryPoint.critical && model.components[0].entryPoint.weight == 3)
        #expect(model.components[0].redundancyGroups.first?.members == ["a", "b"])
        #expect(model.components[2].standbyDomains == [FailureDomain(.zone, "r2b"), FailureDomain(.region, "r2")])
        #expect(model.dependencies[2].fallback == { var f = FallbackConfig(); f.enabled = true; f.target = "b"; return f }())
        #expect(try ModelLoader.load(text: model.yaml()) == model)
        #expect(try ModelLoader.load(text: model.json()) == model)
    }

    @Test("groups name dependencies, once, no more than they can spare; fallback targets exist", arguments: [
        ("redundancy_groups: [{members: [a, x]}]", "'x' is not a dependency of 'dns'"),
        ("redundancy_groups: [{members: [a, b]}, {members: [a]}]", "'a' belongs to more than one redundancy group"),
        ("redundancy_groups: [{min_healthy: 3, members: [a, b]}]", "min_healthy (3) is more than the 2 members"),
        ("redundancy_groups: [{min_healthy: 0, members: [a, b]}]", "min_healthy"),
        ("redundancy_groups: [{name: g}]", "missing required key 'members'"),
        ("entry_point: {weight: -1}", "entry_point.weight"),
    ])
    func invalidGroups(_ snippet: String, _ message: String) {
        let found = issues("""
            components:
              - id: dns
                \(snippet)
              - {id: a}
              - {id: b}
            dependencies: [{source: dns, target: a}, {source: dns, target: b}]
            """)
        #expect(found.contains { $0.description.contains(message) }, "\(found.map(\.description))")
    }

    @Test("a fallback target must be a component")
    func fallbackTarget() {
        let found = issues("""
            components: [{id: a}, {id: b}]
            dependencies: [{source: a, target: b, fallback: {enabled: true, target: databse}}]
            """)
        #expect(found.contains { $0.description.contains("unknown component 'databse'") })
    }
}
