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
    /// Releases the store.
    func close() async
}
