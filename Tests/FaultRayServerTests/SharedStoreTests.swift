import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import HummingbirdTesting
import Testing

/// Several servers on one PostgreSQL database: what one acknowledges, the others answer from their
/// next request on.
@Suite("Servers sharing a store", .tags(.live), .needs(.postgres))
struct SharedStoreTests {
    static func nodes(_ client: some TestClientProtocol, project: String = Project.defaultID) async throws -> Int? {
        let response = try await client.get("/api/topology?project=\(project)")
        return (try Body(response.body)["nodes"] as? [Any])?.count
    }

    @Test func aModelUploadedThroughOneServerIsWhatTheOtherAnswers() async throws {
        let place = try await Backend.postgres.place()
        let first = try await place.open(), second = try await place.open()
        let small = try ModelLoader.load(text: ModelRouteTests.small, file: "small.yaml").components.count
        try await closing(second) { try await closing(first) {
            try await withServer(store: first, configure: { $0.rateLimits = nil }) { one async throws in
                try await withServer(store: second, configure: { $0.rateLimits = nil }) { two async throws in
                    // Both hold the demo (each loaded it at start); the second is asked first, so it holds it in memory.
                    #expect(try await Self.nodes(two) == 12)
                    #expect(try await one.put("/api/infrastructure", ModelRouteTests.small, contentType: "application/yaml").status == .ok)
                    #expect(try await Self.nodes(two) == small)
                    #expect(try await Self.nodes(one) == small)
                    // And back, the other way, in a project of its own.
                    #expect(try await two.post("/api/projects", #"{"id": "shop", "name": "shop"}"#).status == .created)
                    let demo = try String(contentsOf: repositoryURL.appendingPathComponent("examples/demo.yaml"), encoding: .utf8)
                    #expect(try await two.put("/api/infrastructure?project=shop", demo, contentType: "application/yaml").status == .ok)
                    #expect(try await Self.nodes(one, project: "shop") == 12)
                    // A project deleted through one server is gone from the other.
                    #expect(try await one.execute(uri: "/api/projects/shop", method: .delete).status == .ok)
                    #expect(try await two.get("/api/topology?project=shop").status == .notFound)
                }
            }
        } }
    }

    /// A free-tier client's 31st request of the minute is refused however its requests are spread
    /// over the servers; the next minute it is accepted again.
    @Test func rateLimitsHoldAcrossServers() async throws {
        let place = try await Backend.postgres.place()
        let first = try await place.open(), second = try await place.open()
        let clock = TestClock()
        try await closing(second) { try await closing(first) {
            try await withServer(store: first, clock: clock) { one async throws in
                try await withServer(store: second, clock: clock) { two async throws in
                    for index in 0..<30 {
                        let response = try await (index % 3 == 0 ? one : two).get("/api/versions")
                        #expect(response.status == .ok)
                        #expect(response.headers[.rateLimitRemaining] == String(29 - index))
                    }
                    let refused = try await one.get("/api/versions")
                    expectError(refused, .tooManyRequests)
                    #expect(refused.headers[.retryAfter] == "30")
                    expectError(try await two.get("/api/versions"), .tooManyRequests)
                    clock.advance(by: 30)
                    #expect(try await two.get("/api/versions").status == .ok)
                }
            }
        } }
    }
}
