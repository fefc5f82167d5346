/// Answers from the engine's other analyses: the advisor's plan for a target, failure-domain and queue
/// scenarios of the full run, and risk by owning team.
extension InfrastructureChat {
    /// `target_plan`: the architecture advisor's plan for the target the question states
    /// (`ArchitectureAdvisor.advise(targetNines:)`), within `ArchitectureAdvisor.targetRange`.
    func targetPlan(_ q: ChatQuestion) -> ChatAnswer {
        let target = q.target!
        let range = ArchitectureAdvisor.targetRange
        guard range.contains(target.nines) else {
            return reply(.targetPlan, "A target of \(Format.number(target.nines, places: 2)) nines is outside what the advisor plans for: \(Format.number(range.lowerBound)) to \(Format.number(range.upperBound)) nines (90% to 99.9999%). Ask for a target in that range, e.g. \"Can we reach 99.99%?\"",
                         .help(helpExamples()))
        }
        let advice = ArchitectureAdvisor(assessment).advise(targetNines: target.nines)
        let steps = advice.plan.map {
            ChatPlanStep(component: $0.componentId, change: $0.changeType.rawValue, description: $0.description, ninesBefore: $0.ninesBefore, ninesAfter: $0.ninesAfter)
        }
        let body = advice.modifications.map { entry in
            let fields = [entry.replicas.map { "\"replicas\": \($0)" }, entry.failover.map { "\"failover\": \($0)" },
                          entry.circuitBreaker.map { "\"circuit_breaker\": \($0)" }].compactMap { $0 }
            return "\"\(entry.component)\": {\(fields.joined(separator: ", "))}"
        }
        let data = ChatTargetPlan(
            targetPercent: target.percent, targetNines: Format.round(target.nines, places: 2), reached: advice.targetReached,
            current: advice.current.availability, projected: advice.projected.availability, steps: steps,
            whatIfBody: body.isEmpty ? nil : "{\"modifications\": {\(body.joined(separator: ", "))}}",
            limitedBy: advice.limitingComponents.map(\.component))
        var lines = ["Target **\(target.percentText)** (\(Format.number(target.nines, places: 2)) nines), from the architecture advisor: \(advice.summary)"]
        if !steps.isEmpty {
            lines.append(Markdown.table(["#", "Change", "Nines before", "Nines after"], steps.enumerated().map { n, step in
                [String(n + 1), step.description, Format.number(step.ninesBefore, places: 2), Format.number(step.ninesAfter, places: 2)]
            }))
        }
        if let body = data.whatIfBody { lines.append("Replay the plan with `POST /api/whatif/calculate` and `\(body)`.") }
        return reply(.targetPlan, lines.joined(separator: "\n\n"), .targetPlan(data))
    }

    /// `domain_outage`: the full run's outage scenario (`ScenarioCatalog`) of every host, zone or region
    /// the question names; else of every domain of the kinds it names ("region", "zone", "host"); else
    /// of every region. A domain that holds one component has no outage scenario of its own: its
    /// component's single failure stands for it.
    func domainOutage(_ q: ChatQuestion) -> ChatAnswer {
        var kinds: [FailureDomain.Kind] = []
        if q.hasAny(["host", "hosts", "machine", "machines"]) { kinds.append(.host) }
        if q.hasAny(["zone", "zones", "az", "azs"]) { kinds.append(.zone) }
        if q.hasAny(["region", "regions", "regional", "datacenter", "datacenters"]) || q.has(phrase: "data center") || kinds.isEmpty { kinds.append(.region) }
        var members: [FailureDomain: [Int]] = [:], all: [FailureDomain] = []
        for (i, c) in components.enumerated() {
            for domain in ChatQuestion.placement(c) {
                if members[domain] == nil { all.append(domain) }
                members[domain, default: []].append(i)
            }
        }
        let domains = q.domains.isEmpty ? all.filter { kinds.contains($0.kind) } : q.domains
        let catalog = Dictionary(ScenarioCatalog.scenarios(for: assessment.graph).map { ($0.id, $0) }) { first, _ in first }
        let scenarios = domains.compactMap { domain -> ChatScenario? in
            guard let inside = members[domain] else { return nil }
            let id = inside.count == 1 ? "single-failure-\(components[inside[0]].id)" : "\(domain.kind.rawValue)-outage-\(domain.name)"
            return catalog[id].map { scenario(domain: domain, $0) }
        }
        guard !scenarios.isEmpty else {
            let kindsText = Markdown.list(kinds.map { $0.rawValue + "s" })
            return reply(.domainOutage, "No component declares \(kindsText) (`host`, `region.availability_zone`, `region.region`), so there is no outage of one to simulate.",
                         .scenarios(ChatScenarios(scenarios: [])))
        }
        var lines = [Markdown.table(["Outage", "Components in it", "Affected", "Risk", "Severity"], scenarios.map { s in
            [s.domain, Markdown.list(s.components.map(Markdown.code)), "\(s.result.totalAffected) of \(components.count)",
             "\(Format.number(s.result.riskScore))/10", s.result.severity.rawValue]
        })]
        // The headline is the worst outage: highest risk, then most affected, then model order.
        let first = scenarios.enumerated().max { a, b in
            (a.element.result.riskScore, a.element.result.totalAffected, -a.offset) < (b.element.result.riskScore, b.element.result.totalAffected, -b.offset)
        }!.element
        lines.insert("\(scenarios.count > 1 ? "The worst of these: if" : "If") \(first.domain) goes down, every component in it fails together: **\(first.result.totalAffected) of \(components.count)** components are affected, risk **\(Format.number(first.result.riskScore))/10** (severity: \(first.result.severity.rawValue)); expected recovery: \(first.result.recoveryTimeEstimate).", at: 0)
        lines.append(waves(first.result))
        let rate = assessment.model.failureDomains.rate(domains[0].kind)
        lines.append("The availability model counts such an outage \(Format.number(rate.outagesPerYear, places: 2)) times a year, \(Format.number(rate.meanOutageHours, places: 2)) hours each (`failure_domains` in the model).")
        return reply(.domainOutage, lines.joined(separator: "\n\n"), .scenarios(ChatScenarios(scenarios: scenarios)))
    }

    /// `queue_backlog`: the full run's disk-full scenario (writes fail) of each queue the question names,
    /// else of every component of type queue, with the components that write to it asynchronously.
    func queueBacklog(_ q: ChatQuestion) -> ChatAnswer {
        let named = q.mentions.filter { components[$0].type == .queue }
        let queues = named.isEmpty ? components.indices.filter { components[$0].type == .queue } : named
        let catalog = ScenarioCatalog.scenarios(for: assessment.graph)
        let runs = queues.compactMap { i in catalog.first { $0.id == "disk-full-\(components[i].id)" }.map { (i, scenario(domain: Markdown.code(components[i].id), $0)) } }
        let scenarios = runs.map(\.1)
        guard !scenarios.isEmpty else {
            return reply(.queueBacklog, "The model has no component of type `queue`, so nothing can back up.", .scenarios(ChatScenarios(scenarios: [])))
        }
        var lines: [String] = []
        for (i, s) in runs {
            let producers = assessment.graph.dependentsOf(i).filter { assessment.graph.dependency($0.edge).type == .async }.map { Markdown.code(components[$0.node].id) }
            let writers = producers.isEmpty ? "Nothing writes to it asynchronously." : "\(Markdown.list(producers)) write\(producers.count == 1 ? "s" : "") to it asynchronously and \(producers.count == 1 ? "is" : "are") degraded once messages back up (after about \(Format.number(CascadeRules.asyncQueueSeconds)) s)."
            lines.append("If \(label(i)) fills up (the full run's disk-full scenario: writes to it fail): **\(s.result.totalAffected) of \(components.count)** components are affected, risk **\(Format.number(s.result.riskScore))/10** (severity: \(s.result.severity.rawValue)). \(writers)")
            lines.append(waves(s.result))
        }
        return reply(.queueBacklog, lines.joined(separator: "\n\n"), .scenarios(ChatScenarios(scenarios: scenarios)),
                     suggestions: suggestions(after: .queueBacklog, first: queues.prefix(1).map { "What happens if \(components[$0].id) fails?" }))
    }

    /// `team_risk`: each owning team (`owner`, else `unassigned`) with its components, its SPOFs and the
    /// risk of its components' whole failures from the cascade engine: the expected entry-point outage
    /// minutes a year they cause, summed, and the worst one. Most expected minutes first, then the worst
    /// risk, then the team's name.
    func teamRisk() -> ChatAnswer {
        let failures = SingleFailures.simulate(assessment)
        var teams: [String: ChatTeam] = [:]
        for (i, failure) in failures.enumerated() {
            let c = components[i]
            var team = teams[c.ownerOrUnassigned] ?? ChatTeam(team: c.ownerOrUnassigned, components: [], spofs: [], expectedAnnualImpactMinutes: 0, worstRiskScore: -1, worstComponent: c.id)
            team.components.append(c.id)
            if assessment.spofs.isSPOF[i] { team.spofs.append(c.id) }
            team.expectedAnnualImpactMinutes += failure.expectedAnnualImpactMinutes
            if failure.riskScore > team.worstRiskScore { team.worstRiskScore = failure.riskScore; team.worstComponent = c.id }
            teams[c.ownerOrUnassigned] = team
        }
        let ranked = teams.values.map { team -> ChatTeam in
            var t = team
            t.expectedAnnualImpactMinutes = Format.round(t.expectedAnnualImpactMinutes, places: 2)
            return t
        }.sorted { ($1.expectedAnnualImpactMinutes, $1.worstRiskScore, $0.team) < ($0.expectedAnnualImpactMinutes, $0.worstRiskScore, $1.team) }
        var lines: [String] = []
        if let top = ranked.first {
            lines.append("**\(top.team)** owns the most risk: its components' failures cost about **\(Format.number(top.expectedAnnualImpactMinutes, places: 2)) minutes** of entry-point outage a year (the cascade engine's expected impact of each whole failure, summed), and the worst of them, \(Markdown.code(top.worstComponent)), has risk \(Format.number(top.worstRiskScore))/10.")
            lines.append(Markdown.table(["Team", "Components", "Single points of failure", "Expected outage minutes a year", "Worst failure"], ranked.map { t in
                [t.team, Markdown.list(t.components.map(Markdown.code)), t.spofs.isEmpty ? "none" : Markdown.list(t.spofs.map(Markdown.code)),
                 Format.number(t.expectedAnnualImpactMinutes, places: 2), "\(Markdown.code(t.worstComponent)) (\(Format.number(t.worstRiskScore))/10)"]
            }))
            lines.append("Owners come from each component's `owner:` (or `team:` as a name).")
        } else {
            lines.append("The model has no components, so no team owns any risk.")
        }
        return reply(.teamRisk, lines.joined(separator: "\n\n"), .teams(ChatTeamRisk(teams: ranked)))
    }

    /// A catalog scenario run by the cascade engine, under a readable `domain` name.
    private func scenario(domain: String, _ scenario: Scenario) -> ChatScenario {
        let result = assessment.engine.simulate(scenario.faults, availability: assessment.availability)
        return ChatScenario(id: scenario.id, name: scenario.name, domain: domain,
                            components: scenario.faults.filter { $0.target >= 0 }.map { components[$0.target].id }, result: result)
    }

    private func scenario(domain: FailureDomain, _ s: Scenario) -> ChatScenario {
        scenario(domain: "\(domain.kind.rawValue) \(domain.name)", s)
    }
}
