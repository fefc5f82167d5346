import FaultRayStore
import Foundation

/// Wraps the store and remembers whether its last call failed, for `/api/health`.
final class MonitoredStore: Store, @unchecked Sendable {
    private let base: any Store
    private let lock = NSLock()
    private var failing: Bool

    init(_ base: any Store) {
        self.base = base
        failing = base is UnavailableStore
    }

    /// Whether the last call to the store failed.
    var isFailing: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failing
    }

    private func track<T>(_ call: () async throws -> T) async throws -> T {
        do {
            let result = try await call()
            setFailing(false)
            return result
        } catch {
            setFailing(true)
            throw error
        }
    }

    private func setFailing(_ value: Bool) {
        lock.lock()
        failing = value
        lock.unlock()
    }

    func saveModel(_ model: StoredModel, project: String) async throws { try await track { try await base.saveModel(model, project: project) } }
    func model(project: String) async throws -> StoredModel? { try await track { try await base.model(project: project) } }
    func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry { try await track { try await base.appendScore(entry, project: project) } }
    func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] {
        try await track { try await base.scoreHistory(project: project, limit: limit, trigger: trigger) }
    }
    func createKey(_ key: APIKeyRecord) async throws { try await track { try await base.createKey(key) } }
    func keys() async throws -> [APIKeyRecord] { try await track { try await base.keys() } }
    func key(hash keyHash: String) async throws -> APIKeyRecord? { try await track { try await base.key(hash: keyHash) } }
    func revokeKey(id: String, at time: String) async throws -> Bool { try await track { try await base.revokeKey(id: id, at: time) } }
    func hasActiveKeys() async throws -> Bool { try await track { try await base.hasActiveKeys() } }
    func createProject(_ project: Project) async throws -> Bool { try await track { try await base.createProject(project) } }
    func projects() async throws -> [Project] { try await track { try await base.projects() } }
    func project(id: String) async throws -> Project? { try await track { try await base.project(id: id) } }
    func deleteProject(id: String) async throws -> Bool { try await track { try await base.deleteProject(id: id) } }
    func close() async { await base.close() }
}
