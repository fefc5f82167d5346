import Foundation

/// Everything the server keeps across restarts. Every write is durable once the call returns.
public protocol Store: Sendable {
    /// Saves `model` as the project's current model.
    func saveModel(_ model: StoredModel, project: String) async throws
    /// The project's current model, if one was saved.
    func model(project: String) async throws -> StoredModel?
    /// Appends an entry (its `id` is assigned) and returns it as stored.
    func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry
    /// The newest `limit` entries, newest first; only those of `trigger` when given.
    func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry]

    /// Saves a new key.
    func createKey(_ key: APIKeyRecord) async throws
    /// Every key, oldest first (revoked ones included).
    func keys() async throws -> [APIKeyRecord]
    /// The key whose hash is `keyHash`, revoked or not.
    func key(hash keyHash: String) async throws -> APIKeyRecord?
    /// Marks a key revoked at `time`; `false` if there is no such active key.
    func revokeKey(id: String, at time: String) async throws -> Bool
    /// Whether at least one key is active.
    func hasActiveKeys() async throws -> Bool

    /// Saves a new project, with no model, history or records (not even what a write racing the
    /// deletion of an earlier project of the same id left); `false` if the id is taken.
    func createProject(_ project: Project) async throws -> Bool
    /// Every project, oldest first.
    func projects() async throws -> [Project]
    func project(id: String) async throws -> Project?
    /// Deletes a project with its model and history; `false` if there is no such project.
    func deleteProject(id: String) async throws -> Bool

    /// Saves a record, replacing one of the same kind, project and id (keeping its place in order).
    func putRecord(_ record: StoredRecord) async throws
    /// A project's records of one kind, in the order they were first saved.
    func records(kind: String, project: String) async throws -> [StoredRecord]
    /// Deletes a record; `false` if there was none.
    func deleteRecord(kind: String, project: String, id: String) async throws -> Bool

    /// Counts `count` requests of `client` in `minute` (whole minutes since 1970) at once, unless that would pass
    /// `limit` (`1 <= count <= limit`): returns the count with them, or `nil` when refused (nothing counted).
    /// Atomic, so servers sharing the store never admit more than `limit` between them. Counts of minutes before
    /// the previous one are dropped as new minutes begin.
    func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int?

    /// Claims the project's full run of `input` as `claim` until `until` (milliseconds since 1970),
    /// unless its claim is an unfinished one of the same input not expired at `now`: returns the
    /// project's claim after the call (the caller's when its id is `claim`). Atomic, so of servers
    /// claiming the same run together one gets it; a claim of another input is replaced, and a finished one
    /// unless `keepingFinished` (a request that waited for a claim: a run finished since it came is its answer).
    func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim
    /// The project's latest full-run claim, unfinished or with its answer.
    func fullRunClaim(project: String) async throws -> FullRunClaim?
    /// Moves the expiry of the unfinished claim `claim` to `until` (a time past gives it up); `false`
    /// when it is no longer the project's unfinished claim.
    func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool
    /// Stores the answer of the claim `claim`; `false` when it is no longer the project's claim.
    func finishFullRun(project: String, claim: String, result: String) async throws -> Bool

    /// Checks that the store works: it answers a query (and, when `writing`, accepts a write that
    /// changes nothing); throws what is wrong. Cheap enough for every health check.
    func probe(writing: Bool) async throws

    /// Releases the store.
    func close() async

    /// Whether several servers may share the store, so that what a server holds in memory can be
    /// outdated by another's write (then `modelVersion` tells when).
    var isShared: Bool { get }
    /// A token that changes whenever the project's stored model changes (saved, or deleted with its
    /// project), cheap enough to read on every request; `nil` when no model is stored.
    func modelVersion(project: String) async throws -> String?
}

extension Store {
    /// A store only one server uses, whose memory is then the truth (SQLite's one file).
    public var isShared: Bool { false }
    /// Only for shared stores; a store of one server has no need to tell changes apart.
    public func modelVersion(project: String) async throws -> String? { nil }
}
