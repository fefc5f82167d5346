/// A change the what-if can make (`Modification`), as a question asks for it.
enum ChatChange: String, CaseIterable {
    case replicas, failover, circuitBreaker = "circuit_breaker", autoscaling, healthCheck = "health_check"

    /// The change a question speaks of: "circuit breaker(s)"/"breaker(s)", "autoscaling"/"autoscaler"/
    /// "auto scaling", "health check(s)", "failover"/"fail over"/"standby", then "replica(s)",
    /// "instance(s)", "scale", "redundancy", "copies".
    static func asked(in q: ChatQuestion) -> ChatChange? {
        if q.hasAny(["breaker", "breakers"]) { return .circuitBreaker }
        if q.hasAny(["autoscaling", "autoscaler", "autoscale"]) || q.has(phrase: "auto scaling") { return .autoscaling }
        if q.hasAny(["healthcheck", "healthchecks"]) || q.hasPair(["health"], ["check", "checks", "checking"]) { return .healthCheck }
        if q.hasAny(["failover", "standby", "standbys"]) || q.has(phrase: "fail over") { return .failover }
        if q.hasAny(["replica", "replicas", "instance", "instances", "scale", "redundancy", "copies"]) { return .replicas }
        return nil
    }

    /// What the change does, as a verb phrase ("add a replica").
    var action: String {
        switch self {
        case .replicas: return "add a replica"
        case .failover: return "enable failover"
        case .circuitBreaker: return "add a circuit breaker"
        case .autoscaling: return "enable autoscaling"
        case .healthCheck: return "turn on health checks"
        }
    }

    /// The modification this change is on `component`, or nil when it would change nothing.
    func modification(_ component: Component, dependents: [Dependency]) -> Modification? {
        switch self {
        case .replicas: return component.externalSLA == nil ? Modification(replicas: component.replicas + 1) : nil
        case .failover: return component.externalSLA == nil && !component.failover.enabled ? Modification(failover: true) : nil
        case .circuitBreaker: return dependents.contains { !$0.circuitBreaker.enabled } ? Modification(circuitBreaker: true) : nil
        case .autoscaling: return component.autoscaling.enabled ? nil : Modification(autoscaling: true)
        case .healthCheck: return component.failover.enabled && component.failover.healthCheckIntervalSeconds == 0 ? Modification(healthCheck: true) : nil
        }
    }

    /// Where the change goes in the model file (docs/model-format.md), for `component` with `modification`.
    func modelKey(_ component: Component, _ modification: Modification) -> (text: String, yaml: String) {
        let id = component.id
        switch self {
        case .replicas:
            return ("the component's `replicas:` (number of running instances)", "- id: \(id)\n  replicas: \(modification.replicas ?? component.replicas + 1)")
        case .failover:
            return ("the component's `failover:` mapping (a standby takes over when it fails)",
                    "- id: \(id)\n  failover: {enabled: true, promotion_time_seconds: 30, health_check_interval_seconds: 10, failover_threshold: 3}")
        case .circuitBreaker:
            return ("`circuit_breaker:` on each dependency whose target is `\(id)`", "- source: <each dependent>\n  target: \(id)\n  circuit_breaker: {enabled: true}")
        case .autoscaling:
            let n = component.replicas
            return ("the component's `autoscaling:` mapping (set `min_replicas` and `max_replicas` too)",
                    "- id: \(id)\n  autoscaling: {enabled: true, min_replicas: \(n), max_replicas: \(2 * n)}")
        case .healthCheck:
            return ("`failover.health_check_interval_seconds:` on the component (0 means no health checks)",
                    "- id: \(id)\n  failover: {health_check_interval_seconds: 10}")
        }
    }

    /// The what-if body of `modification` on component `id`, as JSON text.
    func whatIfBody(_ id: String, _ modification: Modification) -> String {
        let value: String
        switch self {
        case .replicas: value = String(modification.replicas ?? 1)
        case .failover: value = String(modification.failover ?? true)
        case .circuitBreaker: value = String(modification.circuitBreaker ?? true)
        case .autoscaling: value = String(modification.autoscaling ?? true)
        case .healthCheck: value = String(modification.healthCheck ?? true)
        }
        return "{\"modifications\": {\"\(id.replacingOccurrences(of: "\"", with: "\\\""))\": {\"\(rawValue)\": \(value)}}}"
    }
}

/// Answers how to make a change: the model key and the what-if to try.
extension InfrastructureChat {
    /// `how_to_change`: the model key of the change, and the what-if that applies it to the component
    /// named, else to the one that gains most from it: of the components it would change, the
    /// `ArchitectureAdvisor.candidateLimit` least available on their own are tried, and the largest
    /// availability gain wins (then the score's, then model order).
    func howToChange(_ q: ChatQuestion) -> ChatAnswer {
        let change = ChatChange.asked(in: q) ?? .replicas
        let model = assessment.model
        let dependents = { (i: Int) in model.dependencies.filter { $0.target == model.components[i].id } }
        let modification = { (i: Int) in change.modification(model.components[i], dependents: dependents(i)) }
        var tried: [(i: Int, modification: Modification, result: WhatIfResult)] = []
        let candidates: [Int]
        if let named = q.mentions.first {
            candidates = [named]
        } else {
            candidates = Array(components.indices.filter { modification($0) != nil }
                .sorted { (assessment.availability.component[$0], $0) < (assessment.availability.component[$1], $1) }
                .prefix(ArchitectureAdvisor.candidateLimit))
        }
        for i in candidates {
            guard let m = modification(i), let result = try? WhatIf.evaluate([(components[i].id, m)], on: assessment) else { continue }
            tried.append((i, m, result))
        }
        let best = tried.enumerated().max { a, b in
            (a.element.result.availability.percent, a.element.result.resilienceScore, -a.offset)
                < (b.element.result.availability.percent, b.element.result.resilienceScore, -b.offset)
        }?.element
        guard let best else {
            let why = q.mentions.first.map { "\(label($0)) already has it, or it does not apply there" } ?? "no component of this model would change with it"
            return reply(.howToChange, "To \(change.action), edit the model file (docs/model-format.md) and try it first with `POST /api/whatif/calculate`; \(why).",
                         .change(ChatChangeHowTo(change: change.rawValue, component: nil, whatIfBody: nil, result: nil)))
        }
        let c = components[best.i]
        let key = change.modelKey(c, best.modification)
        let body = change.whatIfBody(c.id, best.modification)
        let r = best.result
        let who = q.mentions.isEmpty
            ? "Tried on the \(Markdown.count(tried.count, "component")) it would change that are least available on their own, it gains most on \(label(best.i))"
            : "For \(label(best.i))"
        var lines = [
            "To \(change.action), set \(key.text) in the model (docs/model-format.md). \(who):",
            "```yaml\n\(key.yaml)\n```",
            "Try it first without changing the model: `POST /api/whatif/calculate` with `\(body)`. On this model it moves availability from \(Format.number(r.baselineAvailability.percent, places: 4))% to **\(Format.number(r.availability.percent, places: 4))%** (\(Format.number(r.baselineAvailability.nines, places: 2)) → \(Format.number(r.availability.nines, places: 2)) nines), the resilience score from \(Format.number(r.baselineScore)) to \(Format.number(r.resilienceScore)), and single points of failure from \(r.baselineSpofCount) to \(r.spofCount). `POST /api/whatif/export` gives the changed model as YAML.",
        ]
        if r.availability == r.baselineAvailability && r.resilienceScore == r.baselineScore {
            lines.append("It gains nothing on this model.")
        }
        if change == .circuitBreaker {
            lines.append("A circuit breaker changes how a failure spreads, not whether the service works without the component, so it does not raise availability; replicas or failover do.")
        }
        return reply(.howToChange, lines.joined(separator: "\n\n"),
                     .change(ChatChangeHowTo(change: change.rawValue, component: c.id, whatIfBody: body, result: r)),
                     suggestions: suggestions(after: .howToChange, first: ["What happens if \(c.id) fails?"]))
    }
}
