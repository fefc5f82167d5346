import Foundation
import Testing
@testable import FaultRayCore

@Suite struct MarketplaceTests {
    let catalog: MarketplaceCatalog

    init() throws { catalog = try MarketplaceCatalog.bundled.get() }

    @Test func packagesAreWellFormedAndReportNothingInvented() throws {
        #expect(catalog.packages.count >= 10)
        #expect(Set(catalog.packages.map(\.id)).count == catalog.packages.count)
        for package in catalog.packages {
            #expect(!package.scenarios.isEmpty, "\(package.id)")
            #expect(Set(package.scenarios.map(\.id)).count == package.scenarios.count, "\(package.id)")
            for scenario in package.scenarios {
                #expect(!scenario.faults.isEmpty || scenario.trafficMultiplier != nil, "\(package.id)/\(scenario.id)")
            }
        }
        let json = try JSONSerialization.jsonObject(with: try WireJSON.encode(catalog)) as? [String: [[String: Any]]]
        let keys = Set(try #require(json?["packages"]).flatMap(\.keys))
        #expect(keys == ["id", "name", "version", "description", "category", "provider", "tags", "severity", "scenarios"],
                "no download counts, ratings or reviews")
    }

    @Test func filtersByCategoryAndProviderIgnoringCase() {
        let database = catalog.packages(category: "database")
        #expect(database.map(\.id) == ["aws-rds-failures", "gcp-cloud-sql-failures", "azure-sql-failures"])
        #expect(catalog.packages(category: "DATABASE") == database)
        #expect(catalog.packages(provider: "AWS").map(\.id) == ["aws-rds-failures"])
        #expect(catalog.packages(category: "database", provider: "gcp").map(\.id) == ["gcp-cloud-sql-failures"])
        #expect(catalog.packages(category: "nonsense").isEmpty)
        #expect(catalog.packages().count == catalog.packages.count)
        #expect(catalog.categories.first == "database")
        #expect(catalog.providers.contains("generic"))
    }

    @Test func anUnknownPackageIsATypedErrorWithASuggestion() {
        #expect {
            try catalog.package(id: "aws-rds-failure")
        } throws: { error in
            (error as? UnknownNameError)?.description.contains("did you mean 'aws-rds-failures'") == true
        }
    }

    @Test func unknownFaultKindsAreRejectedWhenLoading() {
        let json = #"{"kind": "meteor_strike", "target": {"type": "database"}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PackagedFault.self, from: Data(json.utf8)) }
        let untargeted = #"{"kind": "component_down", "target": {}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PackagedFault.self, from: Data(untargeted.utf8)) }
    }

    @Test func awsRdsFailuresBindToTheDemoDatabase() throws {
        let demo = Assessment(try example("demo.yaml"))
        let binding = MarketplaceCatalog.bind(try catalog.package(id: "aws-rds-failures"), to: demo)
        #expect(binding.bound == 5 && binding.unbound == 0)
        #expect(binding.report.allSatisfy { $0.bound && $0.faults.allSatisfy { $0.componentIds == ["database"] } })
        #expect(binding.scenarios.allSatisfy { $0.category == .marketplace && $0.id.hasPrefix("marketplace-aws-rds-failures-") })
        let database = try #require(demo.graph.index(of: "database"))
        let first = try #require(binding.scenarios.first)
        #expect(first.faults == [Fault(.componentDown, target: database)])
        let slow = try #require(binding.scenarios.last)
        #expect(slow.faults == [Fault(.latencySpike(multiplier: 10), target: database), Fault(.trafficSpike(multiplier: 2))])
    }

    @Test func aScenarioWithNoTargetIsReportedNotDropped() throws {
        let demo = Assessment(try example("demo.yaml"))
        let kubernetes = MarketplaceCatalog.bind(try catalog.package(id: "kubernetes-pod-failures"), to: demo)
        #expect(kubernetes.bound == 0 && kubernetes.unbound == 3)
        #expect(kubernetes.scenarios.isEmpty)
        #expect(kubernetes.report.map(\.reason) == Array(repeating: "No component matches tag kubernetes", count: 3))

        let payments = MarketplaceCatalog.bind(try catalog.package(id: "payment-path-failures"), to: demo)
        #expect(payments.report.map(\.bound) == [true, true])
        #expect(payments.report[0].faults[0].componentIds == ["payment-service", "payment-provider"])
    }

    /// The demo's full run generates every single, instance, typed, traffic and zone scenario plus 66 pairs.
    /// The five bound RDS scenarios are added as their own category; those starting from the same faults as
    /// a generated scenario (the database going down, however it happens) are merged into it, so the
    /// counts move but every marketplace id is accounted for, as a run scenario or as a merged alias.
    @Test func boundScenariosRunInAFullRun() throws {
        let demo = Assessment(try example("demo.yaml"))
        let binding = MarketplaceCatalog.bind(try catalog.package(id: "aws-rds-failures"), to: demo)
        let base = FullRun(demo).run()
        let extended = FullRun(demo).run(extra: binding.scenarios)
        #expect(extended.totalScenarios == base.totalScenarios + 5)
        #expect(extended.generated == base.generated + 5)
        let marketplace = try #require(extended.categories.first { $0.category == .marketplace })
        #expect(marketplace.generated == 5)
        #expect(extended.run - base.run == marketplace.run)
        #expect(extended.merged - base.merged == 5 - marketplace.run)
        let seen = Set(extended.scenarios.flatMap { [$0.id] + $0.mergedScenarios })
        #expect(binding.scenarios.allSatisfy { seen.contains($0.id) })
        #expect(base.categories.first { $0.category == .marketplace }?.generated == 0)
    }
}
