import Foundation
import Testing
@testable import FaultRayCore

@Suite("Industry benchmark")
struct BenchmarkTests {
    let demo: Assessment
    let catalog: IndustryCatalog
    let benchmark: IndustryBenchmark

    init() throws {
        demo = Assessment(try example("demo.yaml"))
        catalog = try IndustryCatalog.load()
        benchmark = IndustryBenchmark(demo, catalog: catalog)
    }

    @Test("the bundled catalogue has the ten industries, says it is illustrative and invents no samples")
    func catalogue() throws {
        #expect(catalog.industries.map(\.id) == ["fintech", "ecommerce", "healthcare", "saas", "gaming", "media_streaming",
                                                 "government", "telecommunications", "insurance", "logistics"])
        #expect(catalog.illustrative)
        #expect(catalog.sourceNote.contains("Illustrative"))
        let url = examplesURL.deletingLastPathComponent().appendingPathComponent("Sources/FaultRayCore/Data/industry-benchmarks.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains("sample"))
        #expect(catalog.list().industries.map(\.medianScore) == catalog.industries.map(\.resilience.median))
    }

    @Test("every result carries illustrative: true and the source note, on the wire too")
    func everyResultIsIllustrative() throws {
        var bodies = [try WireJSON.encode(catalog.list()), try WireJSON.encode(benchmark.all())]
        for industry in catalog.industries { bodies.append(try WireJSON.encode(try benchmark.compare(industry: industry.id))) }
        let note = try String(decoding: WireJSON.encode(catalog.sourceNote), as: UTF8.self)
        for body in bodies.map({ String(decoding: $0, as: UTF8.self) }) {
            #expect(body.contains(#""illustrative":true"#))
            #expect(body.contains(#""source_note":\#(note)"#))
        }
    }

    @Test("industry ids ignore case; an unknown one lists the known ids and the closest")
    func lookup() throws {
        #expect(try benchmark.compare(industry: "FinTech") == benchmark.compare(industry: "fintech"))
        let error = #expect(throws: UnknownNameError.self) { try benchmark.compare(industry: "fintek") }
        #expect(error?.known == catalog.industries.map(\.id))
        #expect(error?.suggestion == "fintech")
        #expect(error?.description.contains("telecommunications") == true)
        #expect(throws: UnknownNameError.self) { try benchmark.compare(industry: "bananas") }
    }

    @Test("percentile is piecewise-linear through the quartiles")
    func percentile() {
        let q = ScoreQuartiles(p25: 40, median: 60, p75: 80, p90: 90)
        let p = { IndustryBenchmark.percentile(of: $0, in: q) }
        #expect(p(-5) == 0 && p(0) == 0 && p(20) == 12.5 && p(40) == 25 && p(50) == 37.5 && p(60) == 50)
        #expect(p(80) == 75 && p(85) == 82.5 && p(90) == 90 && p(95) == 95 && p(100) == 100 && p(120) == 100)
        let scores = stride(from: 0.0, through: 100, by: 0.5).map(p)
        #expect(scores == scores.sorted())
        #expect([95, 90, 89.9, 75, 50, 49.9, 25, 24.9].map { BenchmarkRank(percentile: $0) }
                == [.top10, .top10, .topQuartile, .topQuartile, .upperHalf, .lowerHalf, .lowerHalf, .bottomQuartile])
    }

    @Test("the comparison reuses the score, its findings and the quartiles")
    func comparison() throws {
        let result = try benchmark.compare(industry: "saas")
        let saas = try catalog.industry("saas")
        #expect(result.yourScore == demo.score.score)
        #expect(result.comparison.resilience == DimensionPair(yours: demo.score.score, industry: saas.resilience.median))
        #expect(result.percentile == IndustryBenchmark.percentile(of: demo.score.score, in: saas.resilience))
        #expect(result.rank == BenchmarkRank(percentile: result.percentile))
        #expect(result.improvementPriorities == Array(demo.score.largestFindings(limit: 5)))
        #expect(result.improvementPriorities.map(\.points) == result.improvementPriorities.map(\.points).sorted(by: >))
        #expect(result.radarChart.labels == ["Resilience", "Redundancy", "Isolation", "Recovery", "Diversity"])
        #expect(result.radarChart.yourValues == BenchmarkDimension.allCases.map { benchmark.dimensions[$0] })
        for gap in result.strengths { #expect(gap.difference > IndustryBenchmark.gapThreshold) }
        for gap in result.weaknesses { #expect(gap.difference < -IndustryBenchmark.gapThreshold) }
        let clear = BenchmarkDimension.allCases.filter { abs(benchmark.dimensions[$0] - saas.reference[$0]) > 5 }
        #expect(Set(result.strengths.map(\.dimension) + result.weaknesses.map(\.dimension)) == Set(clear))
        let all = benchmark.all()
        #expect(all.benchmarks.map(\.industry) == catalog.industries.map(\.id))
        #expect(all.benchmarks.first { $0.industry == "saas" }?.percentile == result.percentile)
    }

    @Test("dimensions follow their documented formulas")
    func dimensions() {
        var model = InfrastructureModel()
        for (id, zone, region) in [("a", "z1", "r1"), ("b", "z2", "r1"), ("c", "z3", "r2"), ("d", "", "")] {
            var c = Component(id: id)
            c.region.availabilityZone = zone
            c.region.region = region
            c.operationalProfile.mttrMinutes = 60
            model.components.append(c)
        }
        model.components[0].replicas = 2
        model.components[1].failover.enabled = true
        model.components[1].failover.promotionTimeSeconds = 60
        model.components[1].failover.healthCheckIntervalSeconds = 60
        model.components[1].failover.failoverThreshold = 3
        var breaker = Dependency(source: "b", target: "d")
        breaker.circuitBreaker.enabled = true
        model.dependencies = [Dependency(source: "a", target: "b"), Dependency(source: "a", target: "c", type: .optional), breaker, Dependency(source: "c", target: "d")]
        let assessment = Assessment(model)
        let d = ModelDimensions.of(assessment, singleFailures: SingleFailures.simulate(assessment))
        #expect(d.resilience == assessment.score.score)
        #expect(d.redundancy == 50)
        #expect(d.isolation == 50)
        // Three components recover in 60 minutes, b fails over in 4 minutes (100 points).
        let sixty = 100 * log(240.0 / 60) / log(240.0 / 5)
        #expect(d.recovery == Format.round((3 * sixty + 100) / 4, places: 1))
        // Zones: four domains of one (largest share 1/4): (3/4) / (2/3) capped at 1.
        // Regions r1, r2 and undeclared: largest share 1/2, (1/2) / (1/2) = 1.
        #expect(d.diversity == 100)
        #expect(abs(ModelDimensions.spread(["x", "x", "y", ""], fullAt: 3) - 0.75) < 1e-12)
        #expect(ModelDimensions.spread(["", ""], fullAt: 2) == 0)
        #expect(ModelDimensions.recoveryPoints(minutes: 2) == 100 && ModelDimensions.recoveryPoints(minutes: 500) == 0)
        #expect(ModelDimensions.of(Assessment(InfrastructureModel()), singleFailures: []) == PerDimension { _ in 0 })
    }

    @Test("the catalogue rejects quartiles out of order and a missing source note")
    func validation() throws {
        let good = try JSONSerialization.jsonObject(with: WireJSON.encode(catalog)) as! [String: Any]
        func variant(_ change: (inout [String: Any]) -> Void) throws -> Data {
            var copy = good
            change(&copy)
            return try JSONSerialization.data(withJSONObject: copy)
        }
        #expect(try IndustryCatalog.decode(variant { _ in }) == catalog)
        #expect(throws: InvalidIndustryCatalogError.self) {
            try IndustryCatalog.decode(variant {
                var industries = $0["industries"] as! [[String: Any]]
                industries[0]["resilience"] = ["p25": 70, "median": 60, "p75": 80, "p90": 90]
                $0["industries"] = industries
            })
        }
        #expect(throws: InvalidIndustryCatalogError.self) { try IndustryCatalog.decode(variant { $0["source_note"] = " " }) }
    }

    @Test("the same model gives the same bytes", arguments: [0, 1, 2, 3] as [UInt64])
    func determinism(seed: UInt64) throws {
        let model = randomModel(seed: seed)
        let first = IndustryBenchmark(Assessment(model), catalog: catalog)
        let second = IndustryBenchmark(Assessment(model), catalog: catalog)
        #expect(try WireJSON.encode(first.all()) == WireJSON.encode(second.all()))
        #expect(try WireJSON.encode(first.compare(industry: "gaming")) == WireJSON.encode(second.compare(industry: "gaming")))
        for dimension in BenchmarkDimension.allCases { #expect((0...100).contains(first.dimensions[dimension])) }
    }
}
