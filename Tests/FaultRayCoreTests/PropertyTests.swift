import Foundation
import Testing
@testable import FaultRayCore

@Suite("Engine properties on random graphs")
struct PropertyTests {
    static let seeds: [UInt64] = Array(1...40)

    @Test("same input gives identical bytes", arguments: seeds)
    func determinism(seed: UInt64) throws {
        let model = randomModel(seed: seed)
        let a = Assessment(model), b = Assessment(model)
        for target in 0..<model.components.count {
            let x = try WireJSON.encode(a.engine.simulate([Fault(.componentDown, target: target)]))
            let y = try WireJSON.encode(b.engine.simulate([Fault(.componentDown, target: target)]))
            #expect(x == y)
        }
    }

    @Test("each component appears once; affected ⊆ reverse reachable; blast radius in [0, 1]", arguments: seeds)
    func containment(seed: UInt64) {
        let assessment = Assessment(randomModel(seed: seed))
        let ws = CascadeWorkspace(count: assessment.graph.count)
        for target in 0..<assessment.graph.count {
            for kind in [FaultKind.componentDown, .cpuSaturation, .latencySpike(multiplier: 5), .instanceFailure] {
                let result = assessment.engine.simulate([Fault(kind, target: target)], workspace: ws)
                let ids = result.waves.flatMap(\.components).map(\.id)
                #expect(Set(ids).count == ids.count)
                let reachable = reverseReachable(assessment.graph, from: [target])
                #expect(ids.allSatisfy { reachable.contains(assessment.graph.index(of: $0)!) })
                #expect((0...1).contains(result.blastRadiusScore))
                #expect((0...10).contains(result.riskScore))
            }
        }
    }

    @Test("failing a superset never lowers any health or the risk", arguments: seeds)
    func monotone(seed: UInt64) {
        let assessment = Assessment(randomModel(seed: seed))
        var rng = SeededRandom(seed: seed)
        let ws = CascadeWorkspace(count: assessment.graph.count)
        for _ in 0..<20 {
            let small = (0..<assessment.graph.count).filter { _ in Int.random(in: 0..<5, using: &rng) == 0 }
            let large = small + (0..<assessment.graph.count).filter { !small.contains($0) && Bool.random(using: &rng) }
            let a = assessment.engine.outcome(small.map { Fault(.componentDown, target: $0) }, workspace: ws)
            let b = assessment.engine.outcome(large.map { Fault(.componentDown, target: $0) }, workspace: ws)
            #expect(b.riskScore >= a.riskScore)
            let worse = Dictionary(uniqueKeysWithValues: b.affected.map { ($0.node, $0.health) })
            #expect(a.affected.allSatisfy { (worse[$0.node] ?? .healthy) >= $0.health })
        }
    }

    @Test("a pair's outcome is the worst-of join of the two singles", arguments: seeds)
    func pairIsJoin(seed: UInt64) {
        let assessment = Assessment(randomModel(seed: seed))
        let n = assessment.graph.count
        let ws = CascadeWorkspace(count: n)
        let singles = (0..<n).map { assessment.engine.outcome([Fault(.componentDown, target: $0)], workspace: ws) }
        for a in 0..<n {
            for b in (a + 1)..<n {
                let both = assessment.engine.outcome([Fault(.componentDown, target: a), Fault(.componentDown, target: b)], workspace: ws)
                #expect(both == singles[a].joined(with: singles[b], in: assessment.graph))
            }
        }
    }

    @Test("adding a replica or failover never lowers availability", arguments: seeds)
    func availabilityMonotone(seed: UInt64) throws {
        let model = randomModel(seed: seed)
        let before = Assessment(model)
        for (i, component) in model.components.enumerated() {
            for change in [Modification(replicas: component.replicas + 1), Modification(failover: true)] {
                let after = Assessment(try WhatIf.apply([(component.id, change)], to: model))
                #expect(after.availability.overall >= before.availability.overall - 1e-12)
                #expect(after.availability.component[i] >= before.availability.component[i] - 1e-12)
            }
        }
    }

    @Test("the full run is deterministic whatever the number of workers")
    func fullRunDeterminism() throws {
        let assessment = Assessment(randomModel(seed: 7, size: 30, edges: 60))
        var one = FullRun(assessment), many = FullRun(assessment)
        one.workers = 1
        many.workers = 4
        #expect(try WireJSON.encode(one.run()) == WireJSON.encode(many.run()))
    }

    @Test("a 10,000-component generated model loads, simulates a failure and completes a full run")
    func largeModel() throws {
        let model = ModelGenerator.generate(components: 10_000, seed: 3)
        let loaded = try ModelLoader.load(text: model.yaml())
        #expect(loaded == model)
        let assessment = Assessment(loaded)
        let result = assessment.engine.simulate([Fault(.componentDown, target: assessment.graph.index(of: "db-1")!)])
        #expect(result.totalAffected >= 1)
        var run = FullRun(assessment)
        run.includePairs = false
        let report = run.run()
        #expect(report.generated == report.run + report.merged + report.skipped)
        #expect(report.skipped == 10_000 * 9_999 / 2)
        #expect(report.categories.first { $0.category == .singleFailure }?.run == 10_000)
    }
}
