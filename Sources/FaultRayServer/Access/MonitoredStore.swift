import FaultRayCore
import FaultRayStore
import Foundation

/// Wraps the store and remembers whether its last read and its last write failed, for `/api/health`
/// (a database can fail writes while reads still work); health also probes the store itself.
final class MonitoredStore: Store {
    private enum Kind: Int { case read, write }

    /// The least time between two probes, in seconds.
    static let probeInterval: TimeInterval = 1

    private let base: any Store
    private let clock: @Sendable () -> Date
    private let failing: Locked<[Bool]>
    /// When the store was last probed.
    private let probed = Locked<Date?>(nil)
    /// The server's metrics, where failed calls are counted.
    let metrics: ServerMetrics

    init(_ base: any Store, clock: @escaping @Sendable () -> Date = Date.init, metrics: ServerMetrics = ServerMetrics()) {
        self.base = base
        self.clock = clock
        self.metrics = metrics
        failing = Locked([base is UnavailableStore, base is UnavailableStore])
    }

    /// Whether the last read or the last write failed.
    private var isFailing: Bool { failing.withLock { $0.contains(true) } }

    /// Whether the store works, for `/api/health`: probed when asked, at most once a second (a query,
    /// the database file's identity, and a write that changes nothing while the last write had
    /// failed), so health turns `degraded` without waiting for a failed write and back without
    /// waiting for a successful one.
    func isHealthy() async -> Bool {
        let now = clock()
        let due = probed.withLock { last in
            if let last, abs(now.timeIntervalSince(last)) < Self.probeInterval { return false }
            last = now
            return true
        }
        if due {
            let writing = failing.withLock { $0[Kind.write.rawValue] }
            do {
                try await base.probe(writing: writing)
                failing.withLock { $0 = [false, false] }
            } catch {
                set(writing ? .write : .read, failing: true)
            }
        }
        return !isFailing
    }

    private func track<T>(_ kind: Kind, _ call: () async throws -> T) async throws -> T {
        do {
            let result = try await call()
            set(kind, failing: false)
            return result
        } catch {
            set(kind, failing: true)
            metrics.storeError(kind == .read ? "read" : "write")
            throw error
        }
    }

    private func set(_ kind: Kind, failing value: Bool) {
        failing.withLock { $0[kind.rawValue] = value }
    }

    func saveModel(_ model: StoredModel, project: String) async throws { try await track(.write) { try await base.saveModel(model, project: project) } }
    func model(project: String) async throws -> StoredModel? { try await track(.read) { try await base.model(project: project) } }
    func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry { try await track(.write) { try await base.appendScore(entry, project: project) } }
    func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] {
        try await track(.read) { try await base.scoreHistory(project: project, limit: limit, trigger: trigger) }
    }
    func createKey(_ key: APIKeyRecord) async throws { try await track(.write) { try await base.createKey(key) } }
    func keys() async throws -> [APIKeyRecord] { try await track(.read) { try await base.keys() } }
    func key(hash keyHash: String) async throws -> APIKeyRecord? { try await track(.read) { try await base.key(hash: keyHash) } }
    func revokeKey(id: String, at time: String) async throws -> Bool { try await track(.write) { try await base.revokeKey(id: id, at: time) } }
    func hasActiveKeys() async throws -> Bool { try await track(.read) { try await base.hasActiveKeys() } }
    func createProject(_ project: Project) async throws -> Bool { try await track(.write) { try await base.createProject(project) } }
    func projects() async throws -> [Project] { try await track(.read) { try await base.projects() } }
    func project(id: String) async throws -> Project? { try await track(.read) { try await base.project(id: id) } }
    func deleteProject(id: String) async throws -> Bool { try await track(.write) { try await base.deleteProject(id: id) } }
    func putRecord(_ record: StoredRecord) async throws { try await track(.write) { try await base.putRecord(record) } }
    func records(kind: String, project: String) async throws -> [StoredRecord] { try await track(.read) { try await base.records(kind: kind, project: project) } }
    func deleteRecord(kind: String, project: String, id: String) async throws -> Bool {
        try await track(.write) { try await base.deleteRecord(kind: kind, project: project, id: id) }
    }
    func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int? {
        try await track(.write) { try await base.countRequests(client: client, minute: minute, limit: limit, count: count) }
    }
    func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim {
        try await track(.write) { try await base.claimFullRun(project: project, input: input, claim: claim, now: now, until: until, keepingFinished: keepingFinished) }
    }
    func fullRunClaim(project: String) async throws -> FullRunClaim? { try await track(.read) { try await base.fullRunClaim(project: project) } }
    func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool {
        try await track(.write) { try await base.renewFullRun(project: project, claim: claim, until: until) }
    }
    func finishFullRun(project: String, claim: String, result: String) async throws -> Bool {
        try await track(.write) { try await base.finishFullRun(project: project, claim: claim, result: result) }
    }
    func probe(writing: Bool) async throws { try await track(writing ? .write : .read) { try await base.probe(writing: writing) } }
    func close() async { await base.close() }
    var isShared: Bool { base.isShared }
    func modelVersion(project: String) async throws -> String? { try await track(.read) { try await base.modelVersion(project: project) } }
}
