import FaultRayCore
import FaultRayStore
import Foundation

/// A store that passes every call to `base` unless it implements the call itself: test doubles
/// implement only what they change.
protocol StoreWrapper: Store {
    var base: any Store { get }
}

extension StoreWrapper {
    func saveModel(_ model: StoredModel, project: String) async throws { try await base.saveModel(model, project: project) }
    func model(project: String) async throws -> StoredModel? { try await base.model(project: project) }
    func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry { try await base.appendScore(entry, project: project) }
    func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] {
        try await base.scoreHistory(project: project, limit: limit, trigger: trigger)
    }
    func createKey(_ key: APIKeyRecord) async throws { try await base.createKey(key) }
    func keys() async throws -> [APIKeyRecord] { try await base.keys() }
    func key(hash keyHash: String) async throws -> APIKeyRecord? { try await base.key(hash: keyHash) }
    func revokeKey(id: String, at time: String) async throws -> Bool { try await base.revokeKey(id: id, at: time) }
    func hasActiveKeys() async throws -> Bool { try await base.hasActiveKeys() }
    func createProject(_ project: Project) async throws -> Bool { try await base.createProject(project) }
    func projects() async throws -> [Project] { try await base.projects() }
    func project(id: String) async throws -> Project? { try await base.project(id: id) }
    func deleteProject(id: String) async throws -> Bool { try await base.deleteProject(id: id) }
    func putRecord(_ record: StoredRecord) async throws { try await base.putRecord(record) }
    func records(kind: String, project: String) async throws -> [StoredRecord] { try await base.records(kind: kind, project: project) }
    func deleteRecord(kind: String, project: String, id: String) async throws -> Bool {
        try await base.deleteRecord(kind: kind, project: project, id: id)
    }
    func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int? {
        try await base.countRequests(client: client, minute: minute, limit: limit, count: count)
    }
    func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim {
        try await base.claimFullRun(project: project, input: input, claim: claim, now: now, until: until, keepingFinished: keepingFinished)
    }
    func fullRunClaim(project: String) async throws -> FullRunClaim? { try await base.fullRunClaim(project: project) }
    func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool {
        try await base.renewFullRun(project: project, claim: claim, until: until)
    }
    func finishFullRun(project: String, claim: String, result: String) async throws -> Bool {
        try await base.finishFullRun(project: project, claim: claim, result: result)
    }
    func probe(writing: Bool) async throws { try await base.probe(writing: writing) }
    func close() async { await base.close() }
    var isShared: Bool { base.isShared }
    func modelVersion(project: String) async throws -> String? { try await base.modelVersion(project: project) }
}

/// Counts the calls tests watch: the reads of full-run claims (`polls`: what a server waiting for another's run
/// does), of projects (`projectReads`) and of request counts (`requestCounts`).
struct CountingStore: StoreWrapper {
    let base: any Store
    private let counts = Locked((polls: 0, projectReads: 0, requestCounts: 0))

    var polls: Int { counts.withLock { $0.polls } }
    var projectReads: Int { counts.withLock { $0.projectReads } }
    /// Calls of `countRequests`.
    var requestCounts: Int { counts.withLock { $0.requestCounts } }

    func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int? {
        counts.withLock { $0.requestCounts += 1 }
        return try await base.countRequests(client: client, minute: minute, limit: limit, count: count)
    }

    func fullRunClaim(project: String) async throws -> FullRunClaim? {
        counts.withLock { $0.polls += 1 }
        return try await base.fullRunClaim(project: project)
    }

    func project(id: String) async throws -> Project? {
        counts.withLock { $0.projectReads += 1 }
        return try await base.project(id: id)
    }
}

/// Runs `body`, then closes `store` (an SQLite connection must be closed before it goes), even when `body` throws.
func closing<T>(_ store: any Store, _ body: () async throws -> T) async throws -> T {
    let result: Result<T, any Error>
    do {
        result = .success(try await body())
    } catch {
        result = .failure(error)
    }
    await store.close()
    return try result.get()
}

/// A store whose database accepts reads but refuses every write, as a full disk or a read-only
/// file system would.
struct UnwritableStore: StoreWrapper {
    let base: any Store
    let refusal = StoreError("attempt to write a readonly database")

    func saveModel(_ model: StoredModel, project: String) async throws { throw refusal }
    func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry { throw refusal }
    func createKey(_ key: APIKeyRecord) async throws { throw refusal }
    func revokeKey(id: String, at time: String) async throws -> Bool { throw refusal }
    func createProject(_ project: Project) async throws -> Bool { throw refusal }
    func deleteProject(id: String) async throws -> Bool { throw refusal }
    func putRecord(_ record: StoredRecord) async throws { throw refusal }
    func deleteRecord(kind: String, project: String, id: String) async throws -> Bool { throw refusal }
    func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim { throw refusal }
    func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool { throw refusal }
    func finishFullRun(project: String, claim: String, result: String) async throws -> Bool { throw refusal }
    func probe(writing: Bool) async throws {
        if writing { throw refusal }
        try await base.probe(writing: false)
    }
}

/// A store whose next model read or save (`held`), once the gate is armed, waits until the test
/// releases it: a read returns what the store held when it started, as a slow read would.
struct GatedStore: StoreWrapper {
    enum Call { case read, save }

    let base: any Store
    let gate: Gate
    var held = Call.read

    func model(project: String) async throws -> StoredModel? {
        let stored = try await base.model(project: project)
        if held == .read { await gate.pass() }
        return stored
    }

    func saveModel(_ model: StoredModel, project: String) async throws {
        if held == .save { await gate.pass() }
        try await base.saveModel(model, project: project)
    }
}

/// Holds one caller (the first to pass once armed) until released, telling the test when it arrived.
actor Gate {
    private var armed = false
    private var arrived = false
    private var arrivalWaiter: CheckedContinuation<Void, Never>?
    private var held: CheckedContinuation<Void, Never>?

    /// The next caller of `pass` will be held.
    func arm() { armed = true }

    /// Returns at once unless armed; then holds the caller until `release`.
    func pass() async {
        guard armed else { return }
        armed = false
        arrived = true
        arrivalWaiter?.resume()
        arrivalWaiter = nil
        await withCheckedContinuation { held = $0 }
    }

    /// Returns once a caller is held.
    func arrival() async {
        guard !arrived else { return }
        await withCheckedContinuation { arrivalWaiter = $0 }
    }

    /// Lets the held caller go on.
    func release() {
        held?.resume()
        held = nil
    }
}

extension Store {
    /// A claim as a request that has not waited makes it: a finished claim is replaced (`keepingFinished: false`).
    func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int) async throws -> FullRunClaim {
        try await claimFullRun(project: project, input: input, claim: claim, now: now, until: until, keepingFinished: false)
    }
}
