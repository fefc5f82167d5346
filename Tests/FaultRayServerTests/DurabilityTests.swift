import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Durable state and a failing database")
struct DurabilityTests {
    static let unavailable = "Database not available"

    @Test func writesAnswer503WhileAnalysesKeepWorking() async throws {
        let store = UnwritableStore(base: try await memoryStore())
        try await withServer(store: store) { client async throws in
            #expect(try await client.get("/api/topology").status == .ok)
            #expect(try await client.post("/api/simulate-failure/database").status == .ok)
            #expect(try await client.post("/api/whatif/calculate", #"{"modifications": {"database": {"replicas": 2}}}"#).status == .ok)
            let put = try await client.put("/api/infrastructure", ModelRouteTests.small, contentType: "application/yaml")
            expectError(put, .serviceUnavailable, containing: Self.unavailable)
            #expect(envelope(put)?.message == Self.unavailable)
            expectError(try await client.post("/api/projects", #"{"name": "x"}"#), .serviceUnavailable)
            expectError(try await client.post("/api/simulate"), .serviceUnavailable)
            // Nothing was replaced, and health says the store is failing.
            #expect((try Body(try await client.get("/api/topology").body)["nodes"] as? [Any])?.count == 12)
            #expect(try Body(try await client.get("/api/health").body)["status"] as? String == "degraded")
        }
    }

    /// With no readable database nobody can tell whether keys exist: protected routes answer 503
    /// rather than opening up; public ones still answer.
    @Test func aDatabaseThatCannotBeOpenedKeepsProtectedRoutesClosed() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-not-a-dir-\(UUID())")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var configuration = ServerConfiguration()
        configuration.startModel = .demo
        configuration.store.dataDirectory = file.appendingPathComponent("data")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let app = await buildApplication(configuration, logger: logger)
        try await app.testRouter { client async throws in
            #expect(try Body(try await client.get("/api/health").body)["status"] as? String == "degraded")
            #expect(try await client.get("/api/versions").status == .ok)
            expectError(try await client.get("/api/topology"), .serviceUnavailable, containing: Self.unavailable)
            expectError(try await client.get("/demo"), .serviceUnavailable)
        }
    }

    @Test func migrationsAreNumberedAndReRunSafely() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-migrate-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        for _ in 0..<2 {
            let store = try await SQLiteStore.open(directory: directory, logger: logger)
            #expect(try await store.projects().map(\.id) == [Project.defaultID])
            await store.close()
        }
    }
}
