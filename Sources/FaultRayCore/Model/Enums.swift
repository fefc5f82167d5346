/// The kind of infrastructure a component represents.
///
/// The order of the cases is the order used when types are listed.
public enum ComponentType: String, CaseIterable, Sendable, Codable {
    case loadBalancer = "load_balancer"
    case webServer = "web_server"
    case appServer = "app_server"
    case database
    case cache
    case queue
    case storage
    case dns
    case externalAPI = "external_api"
    case custom
    case aiAgent = "ai_agent"
    case llmEndpoint = "llm_endpoint"
    case toolService = "tool_service"
    case agentOrchestrator = "agent_orchestrator"
}

/// Health of a component, ordered from best to worst.
public enum Health: UInt8, CaseIterable, Sendable, Comparable, Codable {
    case healthy = 0
    case degraded = 1
    case overloaded = 2
    case down = 3

    /// The name used in files and on the wire.
    public var name: String {
        switch self {
        case .healthy: return "healthy"
        case .degraded: return "degraded"
        case .overloaded: return "overloaded"
        case .down: return "down"
        }
    }

    /// Parses a health name as written in model files.
    public init?(name: String) {
        guard let match = Health.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public static func < (lhs: Health, rhs: Health) -> Bool { lhs.rawValue < rhs.rawValue }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Health(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown health '\(text)'"))
        }
        self = value
    }
}

/// How a component depends on another one.
public enum DependencyType: String, CaseIterable, Sendable, Codable {
    /// The dependent cannot serve without the target.
    case requires
    /// The dependent serves in a reduced way without the target.
    case optional
    /// The dependent talks to the target through a queue or other asynchronous channel.
    case async
}
