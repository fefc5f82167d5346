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
    /// Whether the project's badges are served without a key once authentication is on (README
    /// embedding); off unless the project opts in when it is created.
    public var publicBadges: Bool

    public init(id: String, name: String, description: String, createdAt: String, publicBadges: Bool = false) {
        self.id = id
        self.name = name
        self.description = description
        self.createdAt = createdAt
        self.publicBadges = publicBadges
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
