import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A store whose every call fails while `broken` (a database that went away), except the model the
/// server already holds.
final class AwayStore: StoreWrapper, @unchecked Sendable {
    let base: any Store
    let broken = Locked(false)
    private let failure = StoreError("connection refused")

    init(base: any Store) { self.base = base }

    private func check() throws { if broken.withLock({ $0 }) { throw failure } }
    func key(hash keyHash: String) async throws -> APIKeyRecord? { try check(); return try await base.key(hash: keyHash) }
    func hasActiveKeys() async throws -> Bool { try check(); return try await base.hasActiveKeys() }
    func createProject(_ project: Project) async throws -> Bool { try check(); return try await base.createProject(project) }
    func modelVersion(project: String) async throws -> String? { try check(); return try await base.modelVersion(project: project) }
    func probe(writing: Bool) async throws { try check(); try await base.probe(writing: writing) }
}

/// With keys required and the database away, a key this server verified a moment ago keeps reading the
/// models held (writes still answer 503); a key it never saw cannot be checked (503); no key is a 401.
@Suite("Keys while the store is away")
struct KeysWhileStoreFailsTests {
    @Test func aKeyVerifiedBeforeTheOutageKeepsReading() async throws {
        let store = AwayStore(base: try await memoryStore())
        let keys = TestKeys(store: store)
        let known = try await keys.make([.viewResults, .createProject])
        let unseen = try await keys.make([.viewResults])
        try await closing(store) {
            try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
                #expect(try await client.get("/api/topology", headers: bearer(known)).status == .ok)
                store.broken.withLock { $0 = true }
                #expect(try await client.get("/api/topology", headers: bearer(known)).status == .ok)
                expectError(try await client.post("/api/projects", #"{"name": "x"}"#, headers: bearer(known)), .serviceUnavailable)
                expectError(try await client.get("/api/topology", headers: bearer(unseen)), .serviceUnavailable)
                expectError(try await client.get("/api/topology"), .unauthorized)
                store.broken.withLock { $0 = false }
                #expect(try await client.post("/api/projects", #"{"name": "x"}"#, headers: bearer(known)).status == .created)
            }
        }
    }

    /// A key refused by the store is forgotten: it does not come back while the store is away.
    @Test func aRevokedKeyIsNotKeptForTheOutage() async throws {
        let store = AwayStore(base: try await memoryStore())
        let (key, record) = APIKeys.make(name: "reader", permissions: [.viewResults], tier: .free, project: nil, now: testStart)
        try await store.createKey(record)
        _ = try await TestKeys(store: store).make([.viewResults])  // keys stay required once this one is revoked
        try await closing(store) {
            try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
                #expect(try await client.get("/api/topology", headers: bearer(key)).status == .ok)
                #expect(try await store.revokeKey(id: record.id, at: "2026-01-01T00:00:00Z"))
                expectError(try await client.get("/api/topology", headers: bearer(key)), .unauthorized)
                store.broken.withLock { $0 = true }
                expectError(try await client.get("/api/topology", headers: bearer(key)), .serviceUnavailable)
            }
        }
    }
}
