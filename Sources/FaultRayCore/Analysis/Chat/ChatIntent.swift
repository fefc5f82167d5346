/// What a chat question asks for.
///
/// Classification is keyword based and deterministic: the rules below are tried in order on the
/// question's whole words (`ChatQuestion`) and the first that matches wins.
///
/// 1. `help` — the question has no words at all (e.g. "?").
/// 2. `target_plan` — the question states an availability target (`ChatTarget`: a percentage from 90,
///    with `%` or a decimal point, or a number of nines).
/// 3. `team_risk` — "team(s)", "owner(s)", "owned", "owns", "ownership", "squad(s)" when no component
///    is named.
/// 4. `list_spofs` — "spof(s)", "single point(s)", "point(s) of failure".
/// 5. `compare_components` — "compare", "comparison", "versus", "vs", "difference(s) between".
/// 6. `how_to_change` — a change the what-if can make ("replica(s)", "instance(s)", "scale",
///    "failover", "standby", "circuit breaker(s)", "breaker(s)", "autoscaling", "health check(s)")
///    with a verb of changing ("add", "enable", "increase", "raise", "configure", "install",
///    "introduce", "turn", "set") or "how do/can/should I/we", "how to".
/// 7. `recommendations` — "recommend…", "suggest…", "improve…", "fix", "advice", "harden", "mitigate",
///    "prevent", "what should", "how can I/we", "how do we", "how should", "next steps".
/// 8. `riskiest_components` — "riskiest", "weakest", "rank(ing)"; a superlative ("most", "biggest",
///    "highest", "greatest", "largest", "worst", "top") with a risk word ("risk", "critical",
///    "dangerous", "vulnerable", "important", "fragile", "impact", "likely", "probable"); or "risk(s)",
///    "risky", "danger…" when no component is named.
/// 9. `domain_outage` — a failure word or "down" after a verb (rule 11, slowness aside) with a host,
///    zone or region the question names, or with one of "region(s)", "regional", "zone(s)", "AZ(s)",
///    "data center", "datacenter(s)", "host(s)", "machine(s)".
/// 10. `queue_backlog` — "backlog", or a word of filling up ("full", "fill(s)", "overflow", "backs up",
///     "piles up", "builds up", "saturated", …) with a queue ("queue(s)", "topic(s)", "stream(s)",
///     "message(s)", "event(s)", "broker") or a named component of type queue.
/// 11. `failure_impact` — a failure word ("fail…", "crash…", "die(s)", "outage", "break(s)", "lose",
///     "lost", "unavailable", "offline", "blast", "cascade", "simulate", "impact", "affected"), "down"
///     right after a verb ("goes down", "is down", "take down"), or a slowness word ("slow", "latency",
///     "lag", "timeout(s)", "sluggish": the latency spike instead of a whole failure).
/// 12. `availability` — "availability", "available", "uptime", "downtime", "nines", "SLA", "SLO".
/// 13. `resilience_score` — "score", "grade", "rating", "resilience", "resilient".
/// 14. `component_info` — the question names a component.
/// 15. `list_components` — "list", "components", "nodes", "services", "servers", "inventory",
///     "how many", or a list filter (replicas, redundancy, failover, autoscaling, a component type in
///     the plural, a zone or region named).
/// 16. `status_overview` — "status", "overview", "summary", "dashboard", "health", "infrastructure",
///     "system", "architecture", "how is/are/'s", greetings ("hi", "hello", "hey").
/// 17. `component_info` — "describe", "details", "info", "explain", "configuration", "tell me about"
///     without a component named (the answer asks which).
/// 18. `help` — "help", "commands", "examples", "usage", "questions", "ask", "what can you", "what do you
///     do", "how do I".
/// 19. `unknown` — anything else.
public enum ChatIntent: String, CaseIterable, Codable, Sendable {
    case listSpofs = "list_spofs"
    case failureImpact = "failure_impact"
    case componentInfo = "component_info"
    case availability
    case targetPlan = "target_plan"
    case resilienceScore = "resilience_score"
    case riskiestComponents = "riskiest_components"
    case teamRisk = "team_risk"
    case recommendations
    case howToChange = "how_to_change"
    case domainOutage = "domain_outage"
    case queueBacklog = "queue_backlog"
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
        (.targetPlan, { $0.target != nil }),
        (.teamRisk, { $0.hasAny(V.team) && $0.mentions.isEmpty }),
        (.listSpofs, { $0.hasAny(V.spof) || V.spofPhrases.contains(where: $0.has(phrase:)) }),
        (.compareComponents, { $0.hasAny(V.compare) || $0.hasPair(["difference", "differences"], ["between"]) }),
        (.howToChange, { q in
            ChatChange.asked(in: q) != nil && (q.hasAny(V.changeVerb) || V.changePhrases.contains(where: q.has(phrase:)))
        }),
        (.recommendations, { $0.hasAny(V.recommend) || V.recommendPhrases.contains(where: $0.has(phrase:)) }),
        (.riskiestComponents, { q in
            q.hasAny(V.ranking) || (q.hasAny(V.superlative) && q.hasAny(V.risk)) || (q.hasAny(V.vagueRisk) && q.mentions.isEmpty)
        }),
        (.domainOutage, { q in
            (!q.domains.isEmpty || q.hasAny(V.domain) || q.has(phrase: "data center")) && (q.hasAny(V.failure) || q.hasPair(V.goesDown, ["down"]))
        }),
        (.queueBacklog, { q in
            q.hasAny(V.backlog) || (V.filling(q) && (q.hasAny(V.queue) || q.mentions.contains { q.components[$0].type == .queue }))
        }),
        (.failureImpact, { $0.hasAny(V.failure) || $0.hasPair(V.goesDown, ["down"]) || $0.hasAny(V.slow) }),
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
    static let team: Set = ["team", "teams", "owner", "owners", "owned", "owns", "ownership", "squad", "squads"]
    static let changeVerb: Set = [
        "add", "adding", "enable", "enabling", "increase", "increasing", "raise", "raising", "configure", "configuring",
        "install", "introduce", "turn", "set",
    ]
    static let changePhrases = ["how do i", "how do we", "how can i", "how can we", "how should i", "how should we", "how to"]
    static let recommend: Set = [
        "recommend", "recommends", "recommended", "recommendation", "recommendations", "suggest", "suggests",
        "suggestion", "suggestions", "improve", "improves", "improving", "improvement", "improvements", "fix", "fixes",
        "fixing", "advice", "advise", "harden", "hardening", "mitigate", "mitigation", "mitigations", "prevent",
    ]
    static let recommendPhrases = ["what should", "how can i", "how can we", "how do we", "how should", "next steps"]
    static let ranking: Set = ["riskiest", "weakest", "rank", "ranking", "ranked"]
    static let superlative: Set = ["most", "biggest", "highest", "greatest", "largest", "worst", "top"]
    static let risk: Set = [
        "risk", "risks", "risky", "critical", "dangerous", "vulnerable", "important", "fragile", "impact", "likely", "probable",
    ]
    static let vagueRisk: Set = ["risk", "risks", "risky", "danger", "dangers", "dangerous"]
    static let domain: Set = [
        "region", "regions", "regional", "zone", "zones", "az", "azs", "datacenter", "datacenters", "host", "hosts", "machine", "machines",
    ]
    static let backlog: Set = ["backlog", "backlogs", "backlogged"]
    static let queue: Set = ["queue", "queues", "topic", "topics", "stream", "streams", "message", "messages", "event", "events", "broker"]
    static let fill: Set = ["full", "fill", "fills", "filled", "filling", "overflow", "overflows", "overflowing", "saturate", "saturates", "saturated", "saturation"]
    /// Verbs that mean filling up when followed by "up".
    static let fillUp: Set = ["back", "backs", "backed", "backing", "pile", "piles", "piled", "piling", "build", "builds", "building", "stack", "stacks", "stacking"]
    static let failure: Set = [
        "fail", "fails", "failed", "failing", "failure", "failures", "crash", "crashes", "crashed", "crashing",
        "die", "dies", "died", "dying", "outage", "outages", "break", "breaks", "broke", "broken", "lose", "loses",
        "losing", "lost", "unavailable", "offline", "unreachable", "blast", "cascade", "cascades", "cascading",
        "simulate", "simulation", "impact", "impacted", "affected",
    ]
    static let slow: Set = ["slow", "slows", "slower", "slowness", "slowdown", "latency", "lag", "laggy", "sluggish", "timeout", "timeouts"]
    static let goesDown: Set = ["go", "goes", "went", "gone", "going", "is", "was", "are", "were", "be", "been", "take", "takes", "taken", "took"]
    static let availability: Set = ["availability", "available", "uptime", "downtime", "nines", "sla", "slas", "slo", "slos"]
    static let score: Set = ["score", "scores", "scored", "grade", "graded", "rating", "resilience", "resilient"]
    static let list: Set = ["list", "components", "nodes", "services", "servers", "inventory"]
    static let status: Set = [
        "status", "overview", "summary", "summarize", "summarise", "dashboard", "health", "infrastructure", "system",
        "architecture", "setup", "hi", "hello", "hey",
    ]
    static let details: Set = ["describe", "details", "detail", "info", "information", "explain", "configuration", "config"]
    static let help: Set = ["help", "commands", "examples", "usage", "questions", "ask"]
    static let helpPhrases = ["what can you", "how do i", "what do you do"]

    /// Whether the question speaks of something filling up.
    static func filling(_ q: ChatQuestion) -> Bool { q.hasAny(fill) || q.hasPair(fillUp, ["up"]) }
}
