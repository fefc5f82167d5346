import Foundation
import Testing
@testable import FaultRayCore

@Suite("Score explanation")
struct ScoreExplanationTests {
    /// The findings' points in hundredths, summed without floating-point drift.
    func cents(_ points: [Double]) -> Int { points.reduce(0) { $0 + Int(($1 * 100).rounded()) } }

    @Test("the findings' points add up exactly to the deficit: the demo, a 2,000-component model and random models")
    func pointsSumToDeficit() throws {
        var models = [try example("demo.yaml"), ModelGenerator.generate(components: 2_000, seed: 7)]
        models += (0..<40).map { randomModel(seed: $0, size: 14, edges: 26) }
        for model in models {
            let score = ResilienceScore(model)
            let explanation = ScoreExplanation(Assessment(model))
            #expect(cents(score.findings.map(\.points)) == Int(((100 - score.score) * 100).rounded()))
            #expect(cents(explanation.findings.map(\.points)) == Int((explanation.deficit * 100).rounded()))
            #expect(explanation.score == score.score)
        }
    }

    @Test("each fix's gain is what the what-if with that fix measures, on the demo and random models")
    func gainIsTheWhatIfDelta() throws {
        var models = [try example("demo.yaml"), try example("multi-region-payments.yaml")]
        models += (0..<15).map { randomModel(seed: 100 + $0) }
        var measured = 0
        for model in models {
            let assessment = Assessment(model)
            for item in ScoreExplanation(assessment).findings {
                guard let fix = item.fix, let gain = item.gain else { continue }
                let whatIf = try WhatIf.evaluate(fix.map { ($0.component, $0.modification) }, on: assessment)
                #expect(gain == whatIf.delta, "\(item.message)")
                #expect(gain >= 0, "a fix never costs points: \(item.message)")
                measured += 1
            }
        }
        #expect(measured > 20)
    }

    @Test("a finding alone in its category, whose fix touches nothing else, gains exactly its points")
    func isolatedFindingGainsItsPoints() throws {
        // dns -> app (1 replica) -> db (2 replicas): `app` is a SPOF with one hard dependent (dns), 5 points,
        // well under the category's ceiling of 40; its CPU is low, so a replica changes no other finding.
        let model = try ModelLoader.load(text: """
        components:
          - {id: dns, type: dns, replicas: 2}
          - {id: app, type: app_server, replicas: 1}
          - {id: db, type: database, replicas: 2}
        dependencies:
          - {source: dns, target: app, type: requires}
          - {source: app, target: db, type: requires}
        """, file: "t.yaml")
        let explanation = ScoreExplanation(Assessment(model))
        let app = try #require(explanation.findings.first { $0.component == "app" && $0.category == .singlePointsOfFailure })
        #expect(app.points == 5)
        #expect(app.gain == 5)
        #expect(app.fix?.first?.replicas == 2)
    }

    @Test("in a category over its ceiling, a fix gains less than its share, and the explanation says why")
    func cappedCategoryGainsLess() throws {
        // Nine single-replica app servers each required by the entry point: 9 SPOF findings of 5 points
        // (45 > the ceiling of 40), so each share is 40/9 = 4.44, and fixing one leaves 8 × 5 = 40: gain 0.
        var lines = ["components:", "  - {id: edge, type: load_balancer, replicas: 2}"]
        var edges = ["dependencies:"]
        for i in 0..<9 {
            lines.append("  - {id: s\(i), type: app_server}")
            edges.append("  - {source: edge, target: s\(i), type: requires}")
        }
        let model = try ModelLoader.load(text: (lines + edges).joined(separator: "\n"), file: "t.yaml")
        let explanation = ScoreExplanation(Assessment(model))
        let spofs = explanation.findings.filter { $0.category == .singlePointsOfFailure }
        #expect(spofs.count == 9)
        #expect(cents(spofs.map(\.points)) == 4_000)
        #expect(spofs.allSatisfy { $0.gain == 0 })
        #expect(explanation.sharing.contains("ceiling"))
    }

    @Test("an external SPOF and structural findings have no what-if fix, and their advice does not promise a breaker")
    func noFixWithoutWhatIf() throws {
        let explanation = ScoreExplanation(Assessment(try example("demo.yaml")))
        let provider = try #require(explanation.findings.first { $0.component == "payment-provider" && $0.category == .singlePointsOfFailure })
        #expect(provider.fix == nil && provider.gain == nil)
        #expect(!provider.advice.contains("circuit breaker"))
        for item in explanation.findings where [.dependencyDepth, .dependencyCycles, .failureDomains].contains(item.category) {
            #expect(item.fix == nil)
        }
    }
}
