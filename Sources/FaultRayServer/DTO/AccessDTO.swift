import FaultRayCore
import FaultRayStore

/// `POST /api/projects`.
struct NewProject: Decodable {
    static let fields: Set<String> = ["id", "name", "description", "public_badges"]
    var id: String?
    var name: String
    var description: String?
    var publicBadges: Bool?

    enum CodingKeys: String, CodingKey {
        case id, name, description
        case publicBadges = "public_badges"
    }
}

/// A project, with a summary of its model when one is loaded.
struct ProjectView: Encodable {
    var id: String
    var name: String
    var description: String
    var createdAt: String
    var publicBadges: Bool
    var model: ModelSummary?

    init(_ project: Project, model: ModelSummary? = nil) {
        id = project.id
        name = project.name
        description = project.description
        createdAt = project.createdAt
        publicBadges = project.publicBadges
        self.model = model
    }
}

/// `POST /api/keys`.
struct NewKey: Decodable {
    static let fields: Set<String> = ["name", "permissions", "tier", "project"]
    var name: String
    var permissions: [String]
    var tier: String?
    var project: String?
}

/// A key as listed: everything but the secret and its hash.
struct KeyView: Encodable {
    var id: String
    var name: String
    var prefix: String
    var permissions: [String]
    var tier: String
    var project: String?
    var createdAt: String
    var revokedAt: String?
    var active: Bool

    init(_ record: APIKeyRecord) {
        id = record.id
        name = record.name
        prefix = record.prefix
        permissions = record.permissions
        tier = record.tier
        project = record.project
        createdAt = record.createdAt
        revokedAt = record.revokedAt
        active = record.isActive
    }
}

/// What `POST /api/keys` adds to the key's details: the key itself, shown this once.
struct NewKeySecret: Encodable {
    var key: String
    var note = "Store this key now: it is shown only once."
}
