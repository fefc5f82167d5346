/// The architectural layer of a component, from its type; heat-map zones group components by it.
///
/// edge: `dns`, `load_balancer` (where traffic enters); application: `web_server`, `app_server`,
/// `custom`; agent: `ai_agent`, `agent_orchestrator`, `tool_service`; data: `database`, `cache`, `queue`,
/// `storage`; external: `external_api`, `llm_endpoint` (services run by a third party).
public enum ComponentLayer: String, Codable, Sendable, CaseIterable {
    case edge, application, agent, data, external

    public init(_ type: ComponentType) {
        switch type {
        case .dns, .loadBalancer: self = .edge
        case .webServer, .appServer, .custom: self = .application
        case .aiAgent, .agentOrchestrator, .toolService: self = .agent
        case .database, .cache, .queue, .storage: self = .data
        case .externalAPI, .llmEndpoint: self = .external
        }
    }

    public var description: String {
        switch self {
        case .edge: return "DNS and load balancers: where traffic enters"
        case .application: return "Web and application servers and custom services"
        case .agent: return "AI agents, orchestrators and their tool services"
        case .data: return "Databases, caches, queues and storage"
        case .external: return "Third-party APIs and model endpoints"
        }
    }
}
