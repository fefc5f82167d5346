import FaultRayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Analysis routes: advice, heat map, cost, compliance")
struct AnalysisRouteTests {
    @Test func availabilityAndCutSetsComeFromTheOneReliabilityModel() async throws {
        try await withServer { client async throws in
            let report = try Body(try await client.get("/api/availability").body)
            let entries = try #require(report["entry_points"] as? [[String: Any]])
            #expect(entries.map { $0["entry"] as? String } == ["dns"])
            #expect(entries[0]["method"] as? String == "exact")
            let nines = try #require((entries[0]["availability"] as? [String: Any])?["nines"] as? Double)
            let independent = try #require((entries[0]["independent"] as? [String: Any])?["nines"] as? Double)
            #expect(nines < independent, "zone and region outages lower the figure")
            let spofs = Self.spofs(try Body(try await client.get("/api/topology").body))
            let order1 = Self.singleComponents(try Body(try await client.get("/api/v1/cut-sets?entry=dns&max_order=1").body))
            #expect(order1 == spofs && spofs == ["order-service", "database", "payment-provider"])
            expectError(try await client.get("/api/cut-sets?entry=database"), .notFound, containing: "not an entry point")
            for bad in ["0", "5", "1.5", "x"] {
                expectError(try await client.get("/api/cut-sets?max_order=\(bad)"), .badRequest, containing: "max_order")
            }
        }
    }

    static func spofs(_ topology: Body) -> Set<String> {
        Set(((topology["nodes"] as? [[String: Any]]) ?? []).filter { $0["is_spof"] as? Bool == true }.compactMap { $0["id"] as? String })
    }

    /// Components that are an order-1 cut set on their own.
    static func singleComponents(_ report: Body) -> Set<String> {
        var result = Set<String>()
        for set in (report["cut_sets"] as? [[String: Any]]) ?? [] {
            let events = set["events"] as? [[String: Any]] ?? []
            guard events.count == 1, ["instances", "external"].contains(events[0]["kind"] as? String ?? ""),
                  let id = events[0]["component"] as? String else { continue }
            result.insert(id)
        }
        return result
    }

    @Test func adviceReachesItsTargetWhenReplayedThroughWhatIf() async throws {
        try await withServer { client async throws in
            // The demo is capped near 3 nines by payment-provider's SLA and its single region; 2.5 is reachable.
            let advice = try Body(try await client.get("/api/architecture-advice?target_nines=2.5").body)
            #expect(advice["target_reached"] as? Bool == true)
            let modifications = try #require(advice["modifications"] as? [[String: Any]])
            var body: [String: [String: Any]] = [:]
            for entry in modifications {
                var change = entry
                let id = try #require(change.removeValue(forKey: "component") as? String)
                body[id] = change
            }
            let json = String(decoding: try JSONSerialization.data(withJSONObject: ["modifications": body]), as: UTF8.self)
            let whatIf = try Body(try await client.post("/api/whatif/calculate", json).body)
            let nines = try #require((whatIf["availability"] as? [String: Any])?["nines"] as? Double)
            #expect(nines >= 2.5)
            let projected = try #require(((advice["projected"] as? [String: Any])?["availability"] as? [String: Any])?["nines"] as? Double)
            #expect(abs(nines - projected) < 0.011)
            #expect((advice["mermaid_diagram"] as? String)?.hasPrefix("graph TD") == true)
        }
    }

    @Test func heatMapCostAndComplianceAnswerOnTheDemo() async throws {
        try await withServer { client async throws in
            let heat = try Body(try await client.get("/api/risk-heatmap").body)
            #expect((heat["components"] as? [Any])?.count == 12 && (heat["hotspots"] as? [Any])?.count == 5)
            let cost = try Body(try await client.get("/api/cost-attribution?revenue_per_hour=25000").body)
            #expect((cost["components"] as? [Any])?.count == 12 && cost["revenue_per_hour"] as? Double == 25000)
            for framework in ["soc2", "pci-dss", "hipaa", "iso27001", "SOC2"] {
                let report = try await client.get("/api/v1/compliance/\(framework)")
                #expect(report.status == .ok, "\(framework)")
                #expect((try Body(report.body)["controls"] as? [Any])?.isEmpty == false)
            }
        }
    }

    @Test func badParametersAre400AndUnknownFrameworks404() async throws {
        try await withServer { client async throws in
            for value in ["0", "0.5", "7", "nan", "inf", "-2", "four", "1e308"] {
                expectError(try await client.get("/api/architecture-advice?target_nines=\(value)"), .badRequest, containing: "target_nines")
            }
            for value in ["-1", "nan", "inf", "abc", "1e308"] {
                expectError(try await client.get("/api/cost-attribution?revenue_per_hour=\(value)"), .badRequest, containing: "revenue_per_hour")
            }
            expectError(try await client.get("/api/compliance/gdpr"), .notFound, containing: "soc2")
        }
    }

    @Test func analysesNeedAModel() async throws {
        try await withServer(start: .stored) { client async throws in
            for uri in ["/api/architecture-advice", "/api/risk-heatmap", "/api/cost-attribution", "/api/compliance/soc2"] {
                expectError(try await client.get(uri), .badRequest, containing: "/demo")
            }
        }
    }

    @Test func benchmarkListAllAndOneIndustryAreIllustrative() async throws {
        try await withServer(start: .stored) { client async throws in
            // The list needs no model.
            let list = try Body(try await client.get("/api/benchmark/list").body)
            #expect((list["industries"] as? [Any])?.count == 10 && list["illustrative"] as? Bool == true)
        }
        try await withServer { client async throws in
            let one = try Body(try await client.get("/api/benchmark/FinTech").body)
            #expect(one["industry"] as? String == "fintech" && one["illustrative"] as? Bool == true)
            #expect((one["percentile"] as? Double).map { (0...100).contains($0) } == true)
            let all = try Body(try await client.get("/api/benchmark/all").body)
            #expect((all["benchmarks"] as? [Any])?.count == 10 && all["illustrative"] as? Bool == true)
            expectError(try await client.get("/api/benchmark/fintek"), .notFound, containing: "did you mean 'fintech'")
        }
    }

    @Test func chatAnswersAndRejectsBadQuestions() async throws {
        try await withServer { client async throws in
            let answer = try Body(try await client.post("/api/chat", #"{"question": "What are the single points of failure?"}"#).body)
            #expect(answer["intent"] as? String == "list_spofs")
            #expect((answer["answer"] as? String)?.contains("database") == true)
            let plan = try Body(try await client.post("/api/chat", #"{"question": "Can we reach 99.99%?"}"#).body)
            #expect(plan["intent"] as? String == "target_plan")
            #expect((plan["data"] as? [String: Any])?["target_percent"] as? Double == 99.99)
            for (body, message) in [(#"{}"#, "question"), (#"{"question": ""}"#, "question"), (#"{"question": 123}"#, "question"),
                                    (#"{"question": "x", "q": 1}"#, "unknown field 'q'"), ("{\"question\": \"\(String(repeating: "a", count: 2001))\"}", "2000"),
                                    ("not json", "not valid JSON")] {
                expectError(try await client.post("/api/chat", body), .badRequest, containing: message)
            }
        }
    }
}
