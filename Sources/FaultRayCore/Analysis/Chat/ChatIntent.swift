/// What a chat question asks for.
///
/// Classification is keyword based and deterministic: the rules below are tried in order on the
/// question's whole words (`ChatQuestion`) and the first that matches wins.
///
/// 1. `help` — the question has no words at all (e.g. "?").
/// 2. `list_spofs` — "spof(s)", "single point(s)", "point(s) of failure".
/// 3. `compare_components` — "compare", "comparison", "versus", "vs", "difference(s) between".
/// 4. `recommendations` — "recommend…", "suggest…", "improve…", "fix", "advice", "harden", "mitigate",
///    "prevent", "what should", "how can I/we", "how do we", "how should", "next steps".
/// 5. `riskiest_components` — "riskiest", "weakest", "rank(ing)"; a superlative ("most", "biggest",
///    "highest", "greatest", "largest", "worst", "top") with a risk word ("risk", "critical",
///    "dangerous", "vulnerable", "important", "fragile", "impact"); or "risk(s)", "risky", "danger…"
///    when no component is named.
/// 6. `failure_impact` — a failure word ("fail…", "crash…", "die(s)", "outage", "break(s)", "lose",
///    "lost", "unavailable", "offline", "blast", "cascade", "simulate", "impact", "affected") or
///    "down" right after a verb ("goes down", "is down", "take down").
/// 7. `availability` — "availability", "available", "uptime", "downtime", "nines", "SLA", "SLO".
/// 8. `resilience_score` — "score", "grade", "rating", "resilience", "resilient".
/// 9. `component_info` — the question names a component.
/// 10. `list_components` — "list", "components", "nodes", "services", "servers", "inventory",
///     "how many", or a list filter (replicas, failover, autoscaling, a component type in the plural).
/// 11. `status_overview` — "status", "overview", "summary", "dashboard", "health", "infrastructure",
///     "system", "architecture", "how is/are/'s", greetings ("hi", "hello", "hey").
/// 12. `component_info` — "describe", "details", "info", "explain", "configuration", "tell me about"
///     without a component named (the answer asks which).
/// 13. `help` — "help", "commands", "examples", "what can you", "what can I ask", "how do I".
/// 14. `unknown` — anything else.
public enum ChatIntent: String, CaseIterable, Codable, Sendable {
    case listSpofs = "list_spofs"
    case failureImpact = "failure_impact"
    case componentInfo = "component_info"
    case availability
    case resilienceScore = "resilience_score"
    case riskiestComponents = "riskiest_components"
    case recommendations
    case compareComponents = "compare_components"
    case statusOverview = "status_overview"
    case listComponents = "list_components"
    case help
    case unknown

    /// How many components the intent needs named in the question.
    var componentsNeeded: Int {
        switch self {
        case .failureImpact, .componentInfo: return 1
        case .compareComponents: return 2
        default: return 0
        }
    }

    /// The intent of `question`, by the rules above.
    static func classify(_ q: ChatQuestion) -> ChatIntent {
        Self.rules.first { $0.matches(q) }?.intent ?? .unknown
    }

    private typealias V = ChatVocabulary

    private static let rules: [(intent: ChatIntent, matches: @Sendable (ChatQuestion) -> Bool)] = [
        (.help, { $0.words.isEmpty }),
        (.listSpofs, { $0.hasAny(V.spof) || V.spofPhrases.contains(where: $0.has(phrase:)) }),
        (.compareComponents, { $0.hasAny(V.compare) || $0.hasPair(["difference", "differences"], ["between"]) }),
        (.recommendations, { $0.hasAny(V.recommend) || V.recommendPhrases.contains(where: $0.has(phrase:)) }),
        (.riskiestComponents, { q in
            q.hasAny(V.ranking) || (q.hasAny(V.superlative) && q.hasAny(V.risk)) || (q.hasAny(V.vagueRisk) && q.mentions.isEmpty)
        }),
        (.failureImpact, { $0.hasAny(V.failure) || $0.hasPair(V.goesDown, ["down"]) }),
        (.availability, { $0.hasAny(V.availability) }),
        (.resilienceScore, { $0.hasAny(V.score) }),
        (.componentInfo, { !$0.mentions.isEmpty }),
        (.listComponents, { $0.hasAny(V.list) || $0.has(phrase: "how many") || !ComponentFilter($0).isEmpty }),
        (.statusOverview, { $0.hasAny(V.status) || $0.hasPair(["how"], ["is", "are", "s"]) }),
        (.componentInfo, { $0.hasAny(V.details) || $0.has(phrase: "tell me about") }),
        (.help, { $0.hasAny(V.help) || V.helpPhrases.contains(where: $0.has(phrase:)) }),
    ]
}

/// The words the intent rules look for.
enum ChatVocabulary {
    static let spof: Set = ["spof", "spofs"]
    static let spofPhrases = ["single point", "single points", "point of failure", "points of failure"]
    static let compare: Set = ["compare", "compared", "comparing", "comparison", "versus", "vs"]
    static let recommend: Set = [
        "recommend", "recommends", "recommended", "recommendation", "recommendations", "suggest", "suggests",
        "suggestion", "suggestions", "improve", "improves", "improving", "improvement", "improvements", "fix", "fixes",
        "fixing", "advice", "advise", "harden", "hardening", "mitigate", "mitigation", "mitigations", "prevent",
    ]
    static let recommendPhrases = ["what should", "how can i", "how can we", "how do we", "how should", "next steps"]
    static let ranking: Set = ["riskiest", "weakest", "rank", "ranking", "ranked"]
    static let superlative: Set = ["most", "biggest", "highest", "greatest", "largest", "worst", "top"]
    static let risk: Set = ["risk", "risks", "risky", "critical", "dangerous", "vulnerable", "important", "fragile", "impact"]
    static let vagueRisk: Set = ["risk", "risks", "risky", "danger", "dangers", "dangerous"]
    static let failure: Set = [
        "fail", "fails", "failed", "failing", "failure", "failures", "crash", "crashes", "crashed", "crashing",
        "die", "dies", "died", "dying", "outage", "outages", "break", "breaks", "broke", "broken", "lose", "loses",
        "losing", "lost", "unavailable", "offline", "unreachable", "blast", "cascade", "cascades", "cascading",
        "simulate", "simulation", "impact", "impacted", "affected",
    ]
    static let goesDown: Set = ["go", "goes", "went", "gone", "going", "is", "was", "are", "were", "be", "been", "take", "takes", "taken", "took"]
    static let availability: Set = ["availability", "available", "uptime", "downtime", "nines", "sla", "slas", "slo", "slos"]
    static let score: Set = ["score", "scores", "scored", "grade", "graded", "rating", "resilience", "resilient"]
    static let list: Set = ["list", "components", "nodes", "services", "servers", "inventory"]
    static let status: Set = [
        "status", "overview", "summary", "summarize", "summarise", "dashboard", "health", "infrastructure", "system",
        "architecture", "setup", "hi", "hello", "hey",
    ]
    static let details: Set = ["describe", "details", "detail", "info", "information", "explain", "configuration", "config"]
    static let help: Set = ["help", "commands", "examples", "usage"]
    static let helpPhrases = ["what can you", "what can i ask", "how do i", "what do you do"]
}
