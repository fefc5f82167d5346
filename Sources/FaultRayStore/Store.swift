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

    /// Checks that the store works: it answers a query (and, when `writing`, accepts a write that
    /// changes nothing); throws what is wrong. Cheap enough for every health check.
    func probe(writing: Bool) async throws

    /// Releases the store.
    func close() async
}
