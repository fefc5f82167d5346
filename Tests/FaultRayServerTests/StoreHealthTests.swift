import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A store whose writes (project creation, the one the tests make) and probes fail while `broken`,
/// counting the probes.
final class SwitchableStore: StoreWrapper, @unchecked Sendable {
    let base: any Store
    let broken = Locked(false)
    let probes = Locked(0)
    private let failure = StoreError("disk I/O error")

    init(base: any Store) { self.base = base }

    func createProject(_ project: Project) async throws -> Bool {
        if broken.withLock({ $0 }) { throw failure }
        return try await base.createProject(project)
    }

    func probe(writing: Bool) async throws {
        probes.withLock { $0 += 1 }
        if broken.withLock({ $0 }) { throw failure }
        try await base.probe(writing: writing)
    }
}

@Suite("Store health")
struct StoreHealthTests {
    static func health(_ client: some TestClientProtocol) async throws -> String? {
        try Body(try await client.get("/api/health").body)["status"] as? String
    }

    /// The data directory removed under the running server: writes answer 503 (they would be lost at
    /// the next start) and health says `degraded` at once, without a write failing first.
    @Test func aDeletedDataDirectoryFailsWritesAndHealth() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-deleted-\(UUID())")
        let store = try await fileStore(in: directory)
        try await closing(store) {
            try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
                #expect(try await client.post("/api/projects", #"{"name": "before"}"#).status == .created)
                try FileManager.default.removeItem(at: directory)
                #expect(try await Self.health(client) == "degraded")
                expectError(try await client.post("/api/projects", #"{"name": "after"}"#), .serviceUnavailable, containing: "Database not available")
                expectError(try await client.post("/api/calendar/schedule", #"{"name": "after"}"#), .serviceUnavailable)
                expectError(try await client.put("/api/infrastructure", ModelRouteTests.small, contentType: "application/yaml"), .serviceUnavailable)
                // Analyses of the loaded model keep working.
                #expect(try await client.get("/api/topology").status == .ok)
            }
        }
    }

    @Test func aReplacedDatabaseFileFailsWrites() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-replaced-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await fileStore(in: directory)
        try await closing(store) {
            try await store.probe(writing: true)
            let file = directory.appendingPathComponent("faultray.sqlite"), copy = directory.appendingPathComponent("copy.sqlite")
            try FileManager.default.copyItem(at: file, to: copy)
            #expect(rename(copy.path, file.path) == 0)
            let project = Project(id: "p", name: "p", description: "", createdAt: "")
            await #expect(throws: StoreError.self) { try await store.createProject(project) }
            await #expect(throws: StoreError.self) { try await store.deleteProject(id: Project.defaultID) }
            await #expect(throws: StoreError.self) { try await store.probe(writing: false) }
        }
    }

    /// Health probes the store when asked: `degraded` as soon as the store fails, `healthy` again as
    /// soon as it works, with no write in between; at most one probe a second.
    @Test func healthProbesTheStoreAtMostOnceASecond() async throws {
        let store = SwitchableStore(base: try await memoryStore())
        let clock = TestClock()
        try await closing(store) {
            try await withServer(store: store, clock: clock, configure: { $0.rateLimits = nil }) { client async throws in
                #expect(try await Self.health(client) == "healthy")
                store.broken.withLock { $0 = true }
                clock.advance(by: 1)
                #expect(try await Self.health(client) == "degraded")
                store.broken.withLock { $0 = false }
                // Within the second: the last probe's answer, without probing again.
                let probes = store.probes.withLock { $0 }
                #expect(try await Self.health(client) == "degraded")
                #expect(try await Self.health(client) == "degraded")
                #expect(store.probes.withLock { $0 } == probes)
                clock.advance(by: 1)
                #expect(try await Self.health(client) == "healthy")
            }
        }
    }

    /// After a failed write, health stays `degraded` until a probe's write succeeds, not until a
    /// request's write does.
    @Test func healthRecoversAfterAFailedWriteWithoutAnotherWrite() async throws {
        let store = SwitchableStore(base: try await memoryStore())
        let clock = TestClock()
        try await closing(store) {
            try await withServer(store: store, clock: clock, configure: { $0.rateLimits = nil }) { client async throws in
                store.broken.withLock { $0 = true }
                expectError(try await client.post("/api/projects", #"{"name": "x"}"#), .serviceUnavailable)
                #expect(try await Self.health(client) == "degraded")
                store.broken.withLock { $0 = false }
                clock.advance(by: 1)
                #expect(try await Self.health(client) == "healthy")
            }
        }
    }
}
