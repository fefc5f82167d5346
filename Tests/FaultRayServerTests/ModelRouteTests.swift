import FaultRayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Model routes: /demo, /api/infrastructure, /api/topology")
struct ModelRouteTests {
    static let small = """
    name: small
    components:
      - {id: web, name: Web, type: web_server, replicas: 2}
      - {id: db, name: DB, type: database}
    dependencies:
      - {source: web, target: db, type: requires}
    """

    @Test func demoLoadsTheDemoAndSummarisesIt() async throws {
        try await withServer(start: .stored) { client in
            expectError(try await client.get("/api/topology"), .badRequest, containing: "GET /demo")
            let response = try await client.get("/demo")
            #expect(response.status == .ok)
            let body = try Body(response.body)
            #expect(body["components"] as? Int == 12)
            #expect(body["dependencies"] as? Int == 18)
            #expect(body["status"] as? String == "loaded")
            #expect((body["resilience_score"] as? Double).map { (0...100).contains($0) } == true)
        }
    }

    @Test func topologyHasTheContractShape() async throws {
        try await withServer { client in
            let body = try Body(try await client.get("/api/topology").body)
            #expect(body.keys == ["nodes", "edges", "metadata"])
            let nodes = try #require(body["nodes"] as? [[String: Any]])
            let edges = try #require(body["edges"] as? [[String: Any]])
            #expect(nodes.count == 12 && edges.count == 18)
            for key in ["id", "name", "type", "replicas", "utilization", "health", "is_spof", "risk_level"] {
                #expect(nodes.allSatisfy { $0[key] != nil }, "node field \(key)")
            }
            for key in ["source", "target", "dependency_type", "weight", "critical"] {
                #expect(edges.allSatisfy { $0[key] != nil }, "edge field \(key)")
            }
            // Output order is the model's order; the demo's web tier matches the contract's example node.
            #expect(nodes.first?["id"] as? String == "dns")
            let web = try #require(nodes.first { $0["id"] as? String == "web-server" })
            #expect(web["replicas"] as? Int == 3 && web["utilization"] as? Double == 42.5 && web["is_spof"] as? Bool == false)
            let database = try #require(nodes.first { $0["id"] as? String == "database" })
            #expect(database["is_spof"] as? Bool == true && database["risk_level"] as? String == "critical")
            let metadata = try #require(body["metadata"] as? [String: Any])
            #expect(metadata["total_components"] as? Int == 12 && metadata["total_edges"] as? Int == 18)
            // The decomposition explains the score: 100 minus the points lost per category.
            let decomposition = try #require(metadata["score_decomposition"] as? [String: Any])
            let categories = try #require(decomposition["categories"] as? [[String: Any]])
            let lost = categories.compactMap { $0["points_lost"] as? Double }.reduce(0, +)
            let score = try #require(metadata["resilience_score"] as? Double)
            #expect(abs(100 - lost - score) < 0.051)
        }
    }

    @Test func putReplacesTheModelFromYAMLOrJSON() async throws {
        try await withServer { client in
            let response = try await client.put("/api/infrastructure", Self.small, contentType: "application/yaml")
            #expect(response.status == .ok)
            #expect(try Body(response.body)["components"] as? Int == 2)
            let json = String(buffer: try await client.get("/api/infrastructure").body)
            let reloaded = try ModelLoader.load(text: json)
            #expect(reloaded.components.map(\.id) == ["web", "db"])
            // JSON in, YAML out.
            #expect(try await client.put("/api/v1/infrastructure", reloaded.json(), contentType: "application/json; charset=utf-8").status == .ok)
            let yaml = try await client.get("/api/infrastructure", headers: [.accept: "application/yaml"])
            #expect(yaml.headers[.contentType] == "application/yaml")
            #expect(try ModelLoader.load(text: String(buffer: yaml.body)) == reloaded)
            // The written model is kept per model: a new model is written anew.
            var grown = reloaded
            grown.components.append(Component(id: "cache"))
            #expect(try await client.put("/api/infrastructure", grown.json(), contentType: "application/json").status == .ok)
            for accept in ["application/json", "application/yaml"] {
                let written = try await client.get("/api/infrastructure", headers: [.accept: accept])
                #expect(try ModelLoader.load(text: String(buffer: written.body)).components.map(\.id) == ["web", "db", "cache"])
            }
        }
    }

    @Test func anInvalidModelIsRejectedWithEveryMessageAndNothingChanges() async throws {
        try await withServer { client in
            let bad = """
            components:
              - {id: web, type: web_servr, replicas: -1}
            dependencies:
              - {source: web, target: nowhere}
            """
            let response = try await client.put("/api/infrastructure", bad, contentType: "application/yaml")
            expectError(response, .badRequest, containing: "web_servr")
            let message = envelope(response)?.message ?? ""
            #expect(message.contains("replicas") && message.contains("nowhere") && message.contains("did you mean"))
            #expect(message.contains("2:21: components[0].type"))
            let topology = try Body(try await client.get("/api/topology").body)
            #expect((topology["metadata"] as? [String: Any])?["total_components"] as? Int == 12)
        }
    }

    @Test func wrongMediaTypeEmptyAndOversizedBodies() async throws {
        try await withServer(maxBodyBytes: 1024) { client in
            expectError(try await client.put("/api/infrastructure", Self.small, contentType: "application/x-www-form-urlencoded"),
                        .unsupportedMediaType, containing: "application/yaml")
            expectError(try await client.put("/api/infrastructure", "", contentType: "application/yaml"), .badRequest, containing: "required")
            let big = Self.small + "\n#" + String(repeating: "x", count: 2048)
            expectError(try await client.put("/api/infrastructure", big, contentType: "application/yaml"), .contentTooLarge, containing: "1024")
        }
    }

    @Test func modelsAboveTheComponentLimitAre413() async throws {
        try await withServer(configure: { $0.maxComponents = 1 }) { client async throws in
            expectError(try await client.put("/api/infrastructure", Self.small, contentType: "application/yaml"), .contentTooLarge, containing: "at most 1")
        }
    }

    @Test func everyModelRouteSaysHowToLoadAModelWhenNoneIs() async throws {
        try await withServer(start: .stored) { client in
            for uri in ["/api/topology", "/api/infrastructure", "/api/v2/dashboard/summary"] {
                expectError(try await client.get(uri), .badRequest, containing: "PUT /api/infrastructure")
            }
            for uri in ["/api/simulate-failure/database", "/api/simulate"] {
                expectError(try await client.post(uri), .badRequest, containing: "No infrastructure loaded")
            }
            expectError(try await client.post("/api/whatif/calculate", #"{"modifications":{}}"#), .badRequest, containing: "/demo")
        }
    }
}
