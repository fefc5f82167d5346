import FaultRayCore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Topology diff route")
struct DiffRouteTests {
    static let boundary = "XyZfaultray"

    /// A multipart/form-data body with `parts` (name, content).
    static func form(_ parts: [(String, String)]) -> String {
        parts.map { name, content in
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).yaml\"\r\nContent-Type: application/x-yaml\r\n\r\n\(content)\r\n"
        }.joined() + "--\(boundary)--\r\n"
    }

    func post(_ client: any TestClientProtocol, _ parts: [(String, String)]) async throws -> TestResponse {
        try await client.post("/api/topology-diff", Self.form(parts), headers: [.contentType: "multipart/form-data; boundary=\(Self.boundary)"])
    }

    @Test func twoFilesAreCompared() async throws {
        let before = try String(contentsOf: repositoryURL.appendingPathComponent("examples/demo.yaml"), encoding: .utf8)
        let after = before.replacingOccurrences(of: "id: database\n    name: Primary Database", with: "id: database\n    name: Primary DB")
        try await withServer { client async throws in
            let response = try await post(client, [("before_file", before), ("after_file", after)])
            #expect(response.status == .ok)
            let body = try Body(response.body)
            #expect((body["mermaid"] as? String)?.hasPrefix("graph TD") == true)
            let same = try Body(try await post(client, [("before_file", before), ("after_file", before)]).body)
            #expect((same["components_modified"] as? [Any])?.isEmpty == true && (same["components_added"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badUploadsAre400NamingThePart() async throws {
        let good = "components:\n  - {id: a}\n"
        try await withServer { client async throws in
            expectError(try await post(client, [("before_file", good)]), .badRequest, containing: "after_file")
            expectError(try await post(client, [("before_file", good), ("after_file", "")]), .badRequest, containing: "'after_file' is empty")
            expectError(try await post(client, [("before_file", "components: [1, 2"), ("after_file", good)]), .badRequest, containing: "before_file:2:1: invalid YAML")
            expectError(try await post(client, [("before_file", good), ("after_file", "components:\n  - {id: a, replica: 2}\n")]),
                        .badRequest, containing: "did you mean 'replicas'")
            expectError(try await client.post("/api/topology-diff", #"{"before_file": "x"}"#), .unsupportedMediaType, containing: "multipart/form-data")
        }
    }

    /// Issue 18, item 13: the two uploads were parsed on the request threads. With every analysis thread
    /// held, a diff (even of an invalid file, refused as soon as it is read) is not answered until they
    /// are released, while health is answered meanwhile.
    @Test func uploadsAreReadOffTheRequestThreads() async throws {
        let gate = ThreadGate(), log = EventLog()
        try await withServer { client async throws in
            let guardDog = watchdog(gate, log)
            for _ in 0..<Offload.analysisSlots {
                await withCheckedContinuation { started in Offload.analyses.submit { started.resume(); gate.wait() } }
            }
            let diff = Task {
                let response = try await post(client, [("before_file", "components: [1, 2"), ("after_file", "components: []\n")])
                log.add("diff")
                return response
            }
            #expect(try await client.get("/api/health").status == .ok)
            log.add("health")
            // Time enough for a diff read on the request threads to be answered already.
            try await Task.sleep(for: .milliseconds(300))
            log.add("release")
            guardDog.cancel()
            gate.open()
            expectError(try await diff.value, .badRequest, containing: "before_file")
        }
        #expect(log.all == ["health", "release", "diff"])
    }
}
