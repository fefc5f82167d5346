/// Answers about components: SPOFs, failures, details, comparisons, lists and the risk ranking.
extension InfrastructureChat {
    /// `list_spofs`: the one SPOF definition (`SinglePointsOfFailure`), in model order; says for each
    /// component the question names whether it is one.
    func spofs(_ q: ChatQuestion) -> ChatAnswer {
        let indices = components.indices.filter { assessment.spofs.isSPOF[$0] }
        var lines = q.mentions.map { "\(label($0)) is \(assessment.spofs.isSPOF[$0] ? "" : "not ")a single point of failure." }
        if indices.isEmpty {
            lines.append("There are **no single points of failure**: no one lost instance, and no one zone or region, takes an entry point down (replicas, standbys, redundancy groups or fallbacks absorb each).")
        } else {
            lines.append("**\(Markdown.count(indices.count, "single point")) of failure**: losing one instance takes an entry point down (no spare instance, standby, redundancy group or fallback absorbs it; a circuit breaker does not).")
            lines.append(Markdown.table(["Component", "Type", "Owner", "Dependents that go down with it", "Risk level"], indices.map {
                [label($0), components[$0].type.rawValue, components[$0].ownerOrUnassigned, String(assessment.spofs.hardDependents[$0]), assessment.riskLevel($0).rawValue]
            }))
            lines.append("To fix one: add a replica or a standby with failover; for a third party, a fallback or a second provider (`GET /api/score-explanation` gives each fix as a what-if and what it earns).")
        }
        return reply(.listSpofs, lines.joined(separator: "\n\n"), .spofs(list(indices, filters: ["single point of failure"])))
    }

    /// `failure_impact`: the cascade engine on the whole failure of every component named, together; when
    /// the question speaks of slowness, on the full run's latency spike of each instead
    /// (`ScenarioCatalog.latencyMultiplier` times slower).
    func failureImpact(_ q: ChatQuestion) -> ChatAnswer {
        let slow = q.hasAny(ChatVocabulary.slow)
        let kind: FaultKind = slow ? .latencySpike(multiplier: ScenarioCatalog.latencyMultiplier) : .componentDown
        let result = assessment.engine.simulate(q.mentions.map { Fault(kind, target: $0) }, availability: assessment.availability)
        let names = Markdown.list(q.mentions.map(label))
        let what = slow ? "become\(q.mentions.count == 1 ? "s" : "") \(Format.number(ScenarioCatalog.latencyMultiplier))x slower (a latency spike)"
            : "fail\(q.mentions.count == 1 ? "s" : "")"
        var lines = ["If \(names) \(what): **\(result.totalAffected) of \(components.count)** components are affected, risk **\(Format.number(result.riskScore))/10** (severity: \(result.severity.rawValue)). Expected recovery: \(result.recoveryTimeEstimate)."]
        lines.append(waves(result))
        lines.append("Chance of this failure in a year: \(Format.number(result.likelihood * 100, places: 3))%; expected entry-point outage from it: \(Format.number(result.expectedAnnualImpactMinutes, places: 2)) minutes a year.")
        let first = components[q.mentions[0]].id
        return reply(.failureImpact, lines.joined(separator: "\n\n"), .failureImpact(result),
                     suggestions: suggestions(after: .failureImpact, first: ["Tell me about \(first)", "Which components are the riskiest?"]))
    }

    /// The waves of a cascade as a table.
    func waves(_ result: CascadeResult) -> String {
        Markdown.table(["Component", "Health", "After", "Why"], result.waves.flatMap { wave in
            wave.components.map { [Markdown.code($0.id), $0.health.name, "\(Format.number($0.timeSeconds))s", $0.reason] }
        })
    }

    /// `component_info`: the first component named.
    func componentInfo(_ q: ChatQuestion) -> ChatAnswer {
        let i = q.mentions[0]
        let d = details(i)
        let c = d.component
        let links = { (links: [ChatDependencyLink]) in
            links.isEmpty ? "none" : links.map { "\(Markdown.code($0.component)) (\($0.type.rawValue)\($0.circuitBreaker ? ", circuit breaker" : ""))" }.joined(separator: ", ")
        }
        let lines = [
            "\(label(i)), owned by \(c.owner), is a \(c.type.rawValue) with \(Markdown.count(c.replicas, "replica")), failover \(c.failover ? "enabled" : "disabled"), autoscaling \(c.autoscaling ? "enabled" : "disabled"); declared \(c.health.name), \(Format.percent(c.utilization)) utilization, risk level \(c.riskLevel.rawValue)\(c.isSpof ? ", **a single point of failure**" : "").",
            "- Depends on: \(links(d.dependsOn))",
            "- Depended on by: \(links(d.dependents))",
            "- Own availability: \(Format.number(d.availability.percent, places: 4))% (\(Format.number(d.availability.nines, places: 2)) nines)",
            "- If it fails: \(Markdown.count(d.failure.totalAffected, "component")) affected, risk \(Format.number(d.failure.riskScore))/10 (severity: \(d.failure.severity.rawValue)), recovery in about \(Format.number(d.failure.recoveryTimeMinutes)) minutes",
        ]
        return reply(.componentInfo, lines.joined(separator: "\n"), .component(d),
                     suggestions: suggestions(after: .componentInfo, first: ["What happens if \(c.id) fails?"]))
    }

    /// `compare_components`: every component named, side by side, in the order named.
    func compare(_ q: ChatQuestion) -> ChatAnswer {
        let all = q.mentions.map(details)
        let row = { (title: String, value: (ChatComponentDetails) -> String) in [title] + all.map(value) }
        let table = Markdown.table([""] + all.map { Markdown.code($0.component.id) }, [
            row("Type") { $0.component.type.rawValue },
            row("Replicas") { String($0.component.replicas) },
            row("Failover") { Markdown.yesNo($0.component.failover) },
            row("Autoscaling") { Markdown.yesNo($0.component.autoscaling) },
            row("Utilization") { Format.percent($0.component.utilization) },
            row("Single point of failure") { Markdown.yesNo($0.component.isSpof) },
            row("Risk level") { $0.component.riskLevel.rawValue },
            row("Own availability") { "\(Format.number($0.availability.percent, places: 4))%" },
            row("Risk of its failure") { "\(Format.number($0.failure.riskScore))/10" },
            row("Components its failure affects") { String($0.failure.totalAffected) },
        ])
        return reply(.compareComponents, "Comparing \(Markdown.list(q.mentions.map(label))):\n\n" + table, .comparison(ChatComparison(components: all)))
    }

    /// `list_components`: every component matching the question's `ComponentFilter`, in model order.
    func list(_ q: ChatQuestion) -> ChatAnswer {
        let filter = ComponentFilter(q)
        let indices = components.indices.filter { filter.matches(components[$0]) }
        let scope = filter.isEmpty ? "" : " with \(Markdown.list(filter.descriptions))"
        var text = "**\(Markdown.count(indices.count, "component"))**\(scope)."
        if !indices.isEmpty {
            text += "\n\n" + Markdown.table(["Component", "Type", "Replicas", "Failover", "Autoscaling", "Risk level"], indices.map {
                let c = components[$0]
                return [label($0), c.type.rawValue, String(c.replicas), Markdown.yesNo(c.failover.enabled), Markdown.yesNo(c.autoscaling.enabled), assessment.riskLevel($0).rawValue]
            })
        }
        return reply(.listComponents, text, .components(list(indices, filters: filter.descriptions)))
    }

    /// `riskiest_components`: every component ranked by the cascade engine's risk score of its whole
    /// failure, then by how many components that failure affects, then in model order.
    func riskiest() -> ChatAnswer {
        let ranked = SingleFailures.simulate(assessment).enumerated().sorted {
            ($0.element.riskScore, $0.element.totalAffected, -$0.offset) > ($1.element.riskScore, $1.element.totalAffected, -$1.offset)
        }
        let shown = ranked.prefix(5)
        var text = "Components ranked by the risk (0–10) of their failure, from the cascade engine:\n\n"
        text += Markdown.table(["#", "Component", "Risk", "Severity", "Affected", "Recovery"], shown.enumerated().map { rank, entry in
            [String(rank + 1), label(entry.offset), Format.number(entry.element.riskScore), entry.element.severity.rawValue,
             String(entry.element.totalAffected), entry.element.recoveryTimeEstimate]
        })
        if ranked.count > shown.count { text += "\n\nThe other \(Markdown.count(ranked.count - shown.count, "component")) are in the data." }
        let top = ranked.first.map { components[$0.offset].id }
        return reply(.riskiestComponents, text, .riskiest(ChatRiskRanking(components: ranked.map { ChatFailure($0.element) })),
                     suggestions: suggestions(after: .riskiestComponents, first: top.map { ["What happens if \($0) fails?"] } ?? []))
    }

    /// Components `indices` as a list.
    func list(_ indices: [Int], filters: [String]) -> ChatComponentList {
        ChatComponentList(filters: filters, count: indices.count, components: indices.map { ChatComponent($0, in: assessment) })
    }

    /// Everything about component `i`.
    func details(_ i: Int) -> ChatComponentDetails {
        let graph = assessment.graph
        let link = { (node: Int, edge: Int) in
            let dependency = graph.dependency(edge)
            return ChatDependencyLink(component: components[node].id, type: dependency.type, circuitBreaker: dependency.circuitBreaker.enabled)
        }
        return ChatComponentDetails(
            component: ChatComponent(i, in: assessment),
            dependsOn: graph.dependenciesOf(i).map(link),
            dependents: graph.dependentsOf(i).map(link),
            availability: AvailabilityFigures(availability: assessment.availability.component[i]),
            failure: ChatFailure(assessment.engine.simulate([Fault(.componentDown, target: i)], availability: assessment.availability)))
    }
}
