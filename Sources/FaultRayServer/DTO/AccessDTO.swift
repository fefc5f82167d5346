import FaultRayCore
import FaultRayStore

/// `POST /api/projects`: the type of the document's `NewProject` (scripts/openapi-generator-config.yaml says why it
/// is not generated). Its fields are decoded as written, then unknown fields are a 400; `createProject` checks each
/// field's rule.
struct NewProject: Decodable, Hashable, Sendable {
    static let fields: Set<String> = ["id", "name", "description", "public_badges"]
    var id: String?
    var name: String
    var description: String?
    var publicBadges: Bool?

    enum CodingKeys: String, CodingKey {
        case id, name, description
        case publicBadges = "public_badges"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        publicBadges = try container.decodeIfPresent(Bool.self, forKey: .publicBadges)
        try JSONBody.only(Self.fields, in: decoder)
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

/// `POST /api/keys`: the type of the document's `NewKeyRequest`, decoded as `NewProject` (the permissions and the
/// tier as strings: `createKey` names an unknown one and suggests another).
struct NewKey: Decodable, Hashable, Sendable {
    static let fields: Set<String> = ["name", "permissions", "tier", "project"]
    var name: String
    var permissions: [String]
    var tier: String?
    var project: String?

    enum CodingKeys: String, CodingKey {
        case name, permissions, tier, project
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        permissions = try container.decode([String].self, forKey: .permissions)
        tier = try container.decodeIfPresent(String.self, forKey: .tier)
        project = try container.decodeIfPresent(String.self, forKey: .project)
        try JSONBody.only(Self.fields, in: decoder)
    }
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
