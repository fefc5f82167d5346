/// What an API key may do.
public enum Permission: String, CaseIterable, Sendable, Codable {
    /// Read results: topology, history, analyses, projects.
    case viewResults = "view_results"
    /// Run or change simulations: failures, full runs, what-if, replay, chat, diff, calendar, installs.
    case runSimulation = "run_simulation"
    /// Manage projects, upload models and manage keys.
    case createProject = "create_project"
}

/// A rate-limit tier and its requests per minute (the contract's defaults).
public enum Tier: String, CaseIterable, Sendable, Codable, Comparable {
    case free, basic, pro, enterprise

    /// Tiers are ordered by their place in the list: free < basic < pro < enterprise.
    public static func < (a: Tier, b: Tier) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var defaultRequestsPerMinute: Int {
        switch self {
        case .free: return 30
        case .basic: return 120
        case .pro: return 600
        case .enterprise: return 3000
        }
    }
}
