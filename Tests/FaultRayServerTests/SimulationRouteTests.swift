import FaultRayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Simulation routes: simulate-failure, simulate, what-if")
struct SimulationRouteTests {
    static let contractWhatIf = #"{"modifications": {"database": {"replicas": 3, "failover": true}, "cache": {"circuit_breaker": true}}}"#

    @Test func simulateFailureReturnsTheCascadeWaveByWave() async throws {
        try await withServer { client in
            let response = try await client.post("/api/simulate-failure/database")
            #expect(response.status == .ok)
            let body = try Body(response.body)
            for key in ["root_cause", "total_affected", "risk_score", "waves", "blast_radius_score", "recovery_time_estimate"] {
                #expect(body[key] != nil, "field \(key)")
            }
            #expect(body["root_cause"] as? String == "database")
            let waves = try #require(body["waves"] as? [[String: Any]])
            #expect(waves.enumerated().allSatisfy { $0.element["wave"] as? Int == $0.offset })
            let first = try #require((waves.first?["components"] as? [[String: Any]])?.first)
            #expect(first["id"] as? String == "database" && first["health"] as? String == "down" && first["reason"] is String)
            // Each component once; total_affected counts them and the blast radius is that share of 12.
            let ids = waves.flatMap { ($0["components"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
            #expect(Set(ids).count == ids.count)
            let affected = try #require(body["total_affected"] as? Int)
            #expect(affected == ids.count && affected > 1)
            #expect(abs((body["blast_radius_score"] as? Double ?? -1) - Double(affected) / 12) < 0.006)
            // Same model, same bytes.
            let again = try await client.post("/api/v1/simulate-failure/database")
            #expect(again.body == response.body)
        }
    }

    @Test func theBodyChoosesTheFaultAndALatencySize() async throws {
        try await withServer { client in
            func entries(_ response: TestResponse) throws -> [String: (health: String, time: Double)] {
                let waves = try #require(try Body(response.body)["waves"] as? [[String: Any]])
                var out: [String: (String, Double)] = [:]
                for component in waves.flatMap({ $0["components"] as? [[String: Any]] ?? [] }) {
                    out[component["id"] as! String] = (component["health"] as! String, component["time_seconds"] as! Double)
                }
                return out
            }
            // The demo's database hung: auth-service waits its 10 s timeout (a crash is refused at once: 0.01 s).
            let hang = try entries(try await client.post("/api/simulate-failure/database", #"{"fault": "hang"}"#))
            #expect(hang["auth-service"]?.health == "down" && hang["auth-service"]?.time == 10)
            let crash = try entries(try await client.post("/api/simulate-failure/database", "{}"))
            #expect(crash["auth-service"]?.time == 0.01)
            // +20 ms is within every caller's timeout and below the 100 ms threshold: only the target is listed, healthy.
            let small = try entries(try await client.post("/api/simulate-failure/database", #"{"fault": "latency_spike", "latency_ms": 20}"#))
            #expect(small.count == 1 && small["database"]?.health == "healthy")
            // +12 s is beyond auth-service's 10 s timeout: down; within web-server's 30 s: degraded.
            let big = try entries(try await client.post("/api/simulate-failure/database", #"{"latency_ms": 12000}"#))
            #expect(big["auth-service"]?.health == "down")
            expectError(try await client.post("/api/simulate-failure/database", #"{"fault": "hang", "latency_ms": 5}"#), .badRequest,
                        containing: "only a latency_spike takes latency_ms")
            expectError(try await client.post("/api/simulate-failure/database", #"{"fault": "hnag"}"#), .badRequest, containing: "did you mean 'hang'")
            expectError(try await client.post("/api/simulate-failure/database", #"{"latency": 5}"#), .badRequest, containing: "unknown field")
        }
    }

    @Test func anUnknownComponentIs404WithASuggestion() async throws {
        try await withServer { client in
            expectError(try await client.post("/api/simulate-failure/databse"), .notFound, containing: "did you mean 'database'")
            let long = String(repeating: "x", count: 5000)
            let response = try await client.post("/api/simulate-failure/\(long)")
            expectError(response, .notFound)
            #expect(response.body.readableBytes < 400)
            expectError(try await client.get("/api/simulate-failure/database"), .methodNotAllowed)
        }
    }

    @Test func aFullRunIsRecordedInTheHistoryAndTheDashboard() async throws {
        try await withServer { client in
            let response = try await client.post("/api/simulate")
            #expect(response.status == .ok)
            let body = try Body(response.body)
            let run = try #require(body["run_id"] as? Int)
            let total = try #require(body["run"] as? Int)
            let counts = ["critical", "warning", "passed"].compactMap { body[$0] as? Int }
            #expect(counts.count == 3 && counts.reduce(0, +) == total)
            let history = try Body(try await client.get("/api/score-history?limit=1").body)
            let newest = try #require((history["history"] as? [[String: Any]])?.first)
            #expect(newest["id"] as? Int == run && newest["trigger"] as? String == "simulation")
            #expect(newest["critical"] as? Int == counts[0])
            let dashboard = try Body(try await client.get("/api/v2/dashboard/summary").body)
            #expect((dashboard["last_run"] as? [String: Any])?["id"] as? Int == run)
        }
    }

    @Test func whatIfCalculateAnswersTheContractExample() async throws {
        try await withServer { client in
            let response = try await client.post("/api/whatif/calculate", Self.contractWhatIf)
            #expect(response.status == .ok)
            let body = try Body(response.body)
            for key in ["resilience_score", "delta", "baseline_score", "spof_count", "availability", "recommendations"] {
                #expect(body[key] != nil, "field \(key)")
            }
            let score = try #require(body["resilience_score"] as? Double)
            let baseline = try #require(body["baseline_score"] as? Double)
            #expect(abs((body["delta"] as? Double ?? 0) - (score - baseline)) < 0.051)
            #expect(score > baseline)
            // The database is replicated; order-service (too hot to lose an instance) and payment-provider
            // (a breaker is not a fallback) remain.
            #expect(body["spof_count"] as? Int == 2)
        }
    }

    @Test(arguments: [
        (#"{"modifications": {"database": {"replicas": "3"}}}"#, "modifications.database.replicas"),
        (#"{"modifications": {"database": {"failover": "false"}}}"#, "modifications.database.failover"),
        (#"{"modifications": {"database": {"replicas": 0}}}"#, "from 1 to 100000"),
        (#"{"modifications": {"database": {"replica": 3}}}"#, "did you mean 'replicas'"),
        (#"{"modifications": ["database"]}"#, "modifications"),
        (#"{}"#, "missing required field 'modifications'"),
        (#"[1, 2]"#, "expected an object"),
        (#"{"modif"#, "not valid JSON"),
    ])
    func whatIfRejectsBadBodiesNamingTheField(body: String, message: String) async throws {
        try await withServer { client in
            for uri in ["/api/whatif/calculate", "/api/whatif/export"] {
                expectError(try await client.post(uri, body), .badRequest, containing: message)
            }
        }
    }

    @Test func whatIfErrorsForUnknownIdsMediaTypesAndEmptyBodies() async throws {
        try await withServer(maxBodyBytes: 256) { client in
            for uri in ["/api/whatif/calculate", "/api/whatif/export"] {
                expectError(try await client.post(uri, #"{"modifications": {"databse": {"replicas": 2}}}"#),
                            .notFound, containing: "did you mean 'database'")
            }
            expectError(try await client.post("/api/whatif/calculate", "modifications=1", headers: [.contentType: "application/x-www-form-urlencoded"]),
                        .unsupportedMediaType, containing: "application/json")
            expectError(try await client.post("/api/whatif/calculate", ""), .badRequest, containing: "required")
            let big = #"{"modifications": {}, "pad": ""# + String(repeating: " ", count: 300) + #""}"#
            expectError(try await client.post("/api/whatif/calculate", big), .contentTooLarge)
        }
    }

    @Test func whatIfExportIsAYAMLAttachmentTheLoaderReadsBack() async throws {
        try await withServer { client in
            let response = try await client.post("/api/whatif/export", #"{"modifications": {"database": {"replicas": 3}}}"#)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/x-yaml")
            #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let model = try ModelLoader.load(text: String(buffer: response.body))
            #expect(model.components.count == 12)
            #expect(model.components.first { $0.id == "database" }?.replicas == 3)
            // The loaded model is untouched.
            let topology = try Body(try await client.get("/api/topology").body)
            let database = (topology["nodes"] as? [[String: Any]])?.first { $0["id"] as? String == "database" }
            #expect(database?["replicas"] as? Int == 1)
        }
    }

    @Test func percentEncodedIdsAndExtremeNumbersAreHandled() async throws {
        try await withServer { client async throws in
            let spaced = """
            components:
              - {id: "a b", type: database}
              - {id: web, type: web_server}
            dependencies:
              - {source: web, target: "a b"}
            """
            #expect(try await client.put("/api/infrastructure", spaced, contentType: "application/yaml").status == .ok)
            let response = try await client.post("/api/simulate-failure/a%20b")
            #expect(response.status == .ok)
            #expect(try Body(response.body)["root_cause"] as? String == "a b")
            let huge = "components:\n  - {id: a, metrics: {cpu_percent: 1e300}}\n  - {id: b, capacity: {timeout_seconds: 1e300}}\n"
            expectError(try await client.put("/api/infrastructure", huge, contentType: "application/yaml"), .badRequest, containing: "at most 1e12")
            expectError(try await client.post("/api/whatif/calculate", #"{"modifications": {"web": {"replicas": 5000000000000000000, "autoscaling": true}}}"#),
                        .badRequest, containing: "replicas")
        }
    }
}
