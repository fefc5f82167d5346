import Foundation

/// One entry of a project's resilience score history: written on every model change and full run.
public struct ScoreEntry: Codable, Sendable, Equatable {
    /// What caused the entry.
    public enum Trigger: String, Codable, Sendable {
        /// A model was loaded or replaced.
        case modelChange = "model_change"
        /// A full scenario run finished.
        case simulation
    }

    public var id: Int
    /// ISO-8601 with offset.
    public var timestamp: String
    public var trigger: Trigger
    public var score: Double
    public var grade: String
    public var components: Int
    public var dependencies: Int
    public var spofCount: Int
    /// Counts of the full run; `nil` for model changes.
    public var scenarios: Int?
    public var critical: Int?
    public var warning: Int?
    public var passed: Int?

    public init(id: Int = 0, timestamp: String, trigger: Trigger, score: Double, grade: String, components: Int,
                dependencies: Int, spofCount: Int, scenarios: Int? = nil, critical: Int? = nil, warning: Int? = nil, passed: Int? = nil) {
        self.id = id
        self.timestamp = timestamp
        self.trigger = trigger
        self.score = score
        self.grade = grade
        self.components = components
        self.dependencies = dependencies
        self.spofCount = spofCount
        self.scenarios = scenarios
        self.critical = critical
        self.warning = warning
        self.passed = passed
    }
}

/// A model document kept for a project, so it is loaded again after a restart.
public struct StoredModel: Sendable, Equatable {
    /// The model as JSON (the loader reads it back).
    public var document: String
    public var updatedAt: String

    public init(document: String, updatedAt: String) {
        self.document = document
        self.updatedAt = updatedAt
    }
}

/// An API key as stored: never the key itself, only its SHA-256.
public struct APIKeyRecord: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// The first characters of the key, enough to recognise it in a list (`fr_live_3kQ…`).
    public var prefix: String
    /// Hex SHA-256 of the whole key.
    public var keyHash: String
    public var permissions: [String]
    public var tier: String
    /// The one project the key may use; `nil` for all.
    public var project: String?
    public var createdAt: String
    public var revokedAt: String?

    public init(id: String, name: String, prefix: String, keyHash: String, permissions: [String], tier: String,
                project: String?, createdAt: String, revokedAt: String? = nil) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.keyHash = keyHash
        self.permissions = permissions
        self.tier = tier
        self.project = project
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }
}

/// A project: its own model, score history and (later) calendar and installed packages.
public struct Project: Codable, Sendable, Equatable {
    /// The project every call uses unless it names another; it always exists.
    public static let defaultID = "default"

    public var id: String
    public var name: String
    public var description: String
    public var createdAt: String

    public init(id: String, name: String, description: String, createdAt: String) {
        self.id = id
        self.name = name
        self.description = description
        self.createdAt = createdAt
    }
}

/// A JSON document a feature keeps per project (calendar experiments, blackout windows, installed
/// packages), identified by its kind and id.
public struct StoredRecord: Sendable, Equatable {
    public var kind: String
    public var project: String
    public var id: String
    /// The document, as JSON.
    public var body: String

    public init(kind: String, project: String, id: String, body: String) {
        self.kind = kind
        self.project = project
        self.id = id
        self.body = body
    }
}

/// The store could not be opened, read or written.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

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

    /// Saves a new project; `false` if the id is taken.
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

    /// Releases the store.
    func close() async
}

/// The store used when the database cannot be opened: every call fails, so the endpoints that need
/// the store answer 503 while the rest keep working.
public struct UnavailableStore: Store {
    public let reason: StoreError

    public init(reason: StoreError) { self.reason = reason }

    public func saveModel(_ model: StoredModel, project: String) async throws { throw reason }
    public func model(project: String) async throws -> StoredModel? { throw reason }
    public func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry { throw reason }
    public func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] { throw reason }
    public func createKey(_ key: APIKeyRecord) async throws { throw reason }
    public func keys() async throws -> [APIKeyRecord] { throw reason }
    public func key(hash keyHash: String) async throws -> APIKeyRecord? { throw reason }
    public func revokeKey(id: String, at time: String) async throws -> Bool { throw reason }
    public func hasActiveKeys() async throws -> Bool { throw reason }
    public func createProject(_ project: Project) async throws -> Bool { throw reason }
    public func projects() async throws -> [Project] { throw reason }
    public func project(id: String) async throws -> Project? { throw reason }
    public func deleteProject(id: String) async throws -> Bool { throw reason }
    public func putRecord(_ record: StoredRecord) async throws { throw reason }
    public func records(kind: String, project: String) async throws -> [StoredRecord] { throw reason }
    public func deleteRecord(kind: String, project: String, id: String) async throws -> Bool { throw reason }
    public func close() async {}
}
