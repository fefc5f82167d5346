import Foundation
import Testing
@testable import FaultRayCore

@Suite("Scores, SPOFs, availability, what-if and the full run")
struct ScoringTests {
    let demo: Assessment

    init() throws { demo = Assessment(try example("demo.yaml")) }

    @Test("the demo's SPOFs are its order-1 cut sets: the database, order-service (too hot to lose an instance) and payment-provider")
    func spof() {
        let spofs = demo.model.components.indices.filter { demo.spofs.isSPOF[$0] }.map { demo.model.components[$0].id }
        // cache and message-queue have one replica but only optional/async dependents. order-service runs
        // 2 replicas at 85 % load (425 of 500 connections): one left would carry 170 %, so it needs both.
        // payment-provider sits behind a circuit breaker without a fallback: the breaker fails fast, but
        // payments still need it. Every entry point (dns) is in us-east-1: the region is a domain SPOF.
        #expect(spofs == ["order-service", "database", "payment-provider"])
        #expect(demo.spofs.domains.map(\.label).contains("region:us-east-1"))
        // database: SPOF at 74 % utilization -> critical; web-server 42.5 % -> low.
        #expect(demo.riskLevel(demo.graph.index(of: "database")!) == .critical)
        #expect(demo.riskLevel(demo.graph.index(of: "web-server")!) == .low)
    }

    @Test("the score is 100 minus what its findings cost")
    func decomposition() {
        let lost = demo.score.categories.reduce(0) { $0 + $1.pointsLost }
        #expect(abs(demo.score.score - (100 - lost)) < 0.051)
        let findingsTotal = demo.score.findings.reduce(0) { $0 + $1.points }
        #expect(abs(findingsTotal - lost) < 0.1)
        // database SPOF with 4 hard dependents: min(15, 5 × 4) = 15 points.
        #expect(demo.score.findings.first { $0.category == .singlePointsOfFailure && $0.component == "database" }?.points == 15)
    }

    @Test("a single-replica component with default MTBF and MTTR")
    func availabilityOfOne() {
        var c = Component(id: "db", type: .database)
        c.operationalProfile.mttrMinutes = 30
        // MTBF 4320 h, MTTR 0.5 h: 4320 / 4320.5.
        #expect(abs(FaultTree.ownEvent(c, needed: 1).probability - 0.5 / 4320.5) < 1e-15)
        c.replicas = 2
        #expect(abs(FaultTree.ownEvent(c, needed: 1).probability - pow(0.5 / 4320.5, 2)) < 1e-15)
    }

    @Test("what-if: a replicated database removes the SPOF and its 15 points")
    func whatIfDatabase() throws {
        let result = try WhatIf.evaluate([("database", Modification(replicas: 3))], on: demo)
        #expect(result.baselineSpofCount == 3 && result.spofCount == 2)
        #expect(result.delta == 15)
        #expect(result.availability.percent > result.baselineAvailability.percent)
    }

    @Test("what-if never changes the model it is given")
    func whatIfPure() throws {
        let before = demo.model
        _ = try WhatIf.apply([("database", Modification(replicas: 3, circuitBreaker: true, failover: true, autoscaling: true, healthCheck: false))], to: before)
        #expect(before == demo.model)
    }

    @Test("what-if requests are strictly typed")
    func whatIfStrict() {
        let decode = { (json: String) throws -> WhatIfRequest in try JSONDecoder().decode(WhatIfRequest.self, from: Data(json.utf8)) }
        #expect(throws: DecodingError.self) { try decode(#"{"modifications":{"database":{"failover":"false"}}}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"modifications":{"database":{"replica":3}}}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"modifications":{"database":{"replicas":0}}}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{}"#) }
        #expect(throws: UnknownNameError.self) { try WhatIf.apply([("databse", Modification(replicas: 2))], to: demo.model) }
    }

    @Test("what-if export reads back to the modified model")
    func exportRoundTrip() throws {
        let modified = try WhatIf.apply([("database", Modification(replicas: 3, failover: true)), ("cache", Modification(circuitBreaker: true))], to: demo.model)
        #expect(try ModelLoader.load(text: modified.yaml()) == modified)
    }

    @Test("the demo's full run accounts for every scenario")
    func fullRun() {
        let report = FullRun(demo).run()
        #expect(report.generated == report.run + report.merged)
        #expect(report.critical + report.warning + report.passed == report.run)
        #expect(report.categories.first { $0.category == .pair }?.generated == 66)
        // A network partition of the database starts exactly like its hang (unreachable: callers wait for
        // their timeout), not like its crash: merged under the hang.
        let hang = report.scenarios.first { $0.id == "hang-database" }
        #expect(hang?.mergedScenarios.contains("network-partition-database") == true)
        #expect(report.scenarios.first { $0.id == "single-failure-database" }?.mergedScenarios.contains("network-partition-database") == false)
        #expect(report.scenarios.map(\.riskScore) == report.scenarios.map(\.riskScore).sorted(by: >))
    }
}
