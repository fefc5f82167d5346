/// Answers about the whole model: availability, score, recommendations, overview and help.
extension InfrastructureChat {
    /// Findings listed in the markdown of `recommendations`; the data has them all.
    static let recommendationsShown = 10
    /// Findings in the data and the markdown of `resilience_score`.
    static let topFindings = 3

    /// `availability`: the availability model's overall figure (the weakest entry point), each entry
    /// point's, and for each component the question names (else each its tags name, "the checkout
    /// path") its own availability and its paths (`paths`).
    func availability(_ q: ChatQuestion) -> ChatAnswer {
        let model = assessment.availability
        let overall = AvailabilityFigures(availability: model.overall)
        let entries = model.entryPoint.map { ChatComponentAvailability(component: components[$0.node].id, availability: AvailabilityFigures(availability: $0.availability)) }
        let asked = q.mentions.isEmpty ? q.tagged : q.mentions
        let named = asked.map { ChatComponentAvailability(component: components[$0].id, availability: AvailabilityFigures(availability: model.component[$0])) }
        let row = { (a: ChatComponentAvailability) in
            [Markdown.code(a.component), "\(Format.number(a.availability.percent, places: 4))%", Format.number(a.availability.nines, places: 2), Markdown.downtime(minutes: a.availability.annualDowntimeMinutes)]
        }
        let pathFigures = paths(asked)
        var lines = pathFigures.map(describe)
        lines.append("Availability **\(Format.number(overall.percent, places: 4))%** (\(Format.number(overall.nines, places: 2)) nines): about **\(Markdown.downtime(minutes: overall.annualDowntimeMinutes))** of downtime a year at the weakest entry point. Computed by the reliability model from MTBF and MTTR, replicas, failover, the `requires` chains behind each entry point and zone and region outages as common causes.")
        if !entries.isEmpty { lines.append(Markdown.table(["Entry point", "Availability", "Nines", "Downtime a year"], entries.map(row))) }
        if !named.isEmpty { lines.append(Markdown.table(["Component (on its own)", "Availability", "Nines", "Downtime a year"], named.map(row))) }
        return reply(.availability, lines.joined(separator: "\n\n"),
                     .availability(ChatAvailability(overall: overall, entryPoints: entries, components: named, paths: pathFigures)))
    }

    /// `resilience_score`: the score, its grade, the categories that cost points and the largest findings.
    func score() -> ChatAnswer {
        let score = assessment.score
        let grade = ResilienceScore.grade(score.score)
        let top = score.largestFindings(limit: Self.topFindings)
        var lines = ["Resilience score **\(Format.number(score.score))/100** (grade \(grade))."]
        let costly = score.categories.filter { $0.pointsLost > 0 }
        if !costly.isEmpty {
            lines.append(Markdown.table(["Category", "Points lost", "Of at most", "Findings"], costly.map {
                [$0.category.rawValue, Format.number($0.pointsLost, places: 2), Format.number($0.maxPoints), String($0.findings)]
            }))
        }
        if !top.isEmpty { lines.append("Largest findings:\n" + top.map { "- \($0.message) (−\(Format.number($0.points, places: 2)))" }.joined(separator: "\n")) }
        return reply(.resilienceScore, lines.joined(separator: "\n\n"),
                     .score(ChatScore(score: score.score, grade: grade, categories: score.categories, topFindings: top)))
    }

    /// `recommendations`: every finding of the score with its fix, costing the most points first.
    func recommendations() -> ChatAnswer {
        let findings = assessment.score.largestFindings()
        var text: String
        if findings.isEmpty {
            text = "No recommendations: nothing costs the resilience score any points."
        } else {
            text = "What would raise the resilience score most, largest first:\n\n"
            text += findings.prefix(Self.recommendationsShown).enumerated().map { n, f in
                "\(n + 1). **\(f.fix.prefix(1).uppercased() + f.fix.dropFirst())**: \(f.message) (+\(Format.number(f.points, places: 2)) points)"
            }.joined(separator: "\n")
            if findings.count > Self.recommendationsShown {
                text += "\n\nThe other \(Markdown.count(findings.count - Self.recommendationsShown, "recommendation")) are in the data."
            }
        }
        return reply(.recommendations, text, .recommendations(ChatRecommendations(recommendations: findings)))
    }

    /// `status_overview`: counts, score, SPOFs, availability and declared unhealthy components.
    func overview() -> ChatAnswer {
        let availability = AvailabilityFigures(availability: assessment.availability.overall)
        let score = assessment.score.score
        let data = ChatOverview(
            components: components.count, dependencies: assessment.model.dependencies.count,
            entryPoints: assessment.graph.entryPoints.map { components[Int($0)].id },
            score: score, grade: ResilienceScore.grade(score), spofs: spofIDs, availability: availability,
            unhealthy: components.filter { $0.health != .healthy }.map(\.id))
        let codes = { (ids: [String]) in ids.isEmpty ? "none" : Markdown.list(ids.map(Markdown.code)) }
        let lines = [
            "**\(assessment.model.name.isEmpty ? "Your infrastructure" : assessment.model.name)**: \(Markdown.count(data.components, "component")) and \(Markdown.count(data.dependencies, "dependency", plural: "dependencies")).",
            "- Resilience score: \(Format.number(score))/100 (grade \(data.grade))",
            "- Availability: \(Format.number(availability.percent, places: 4))% (\(Format.number(availability.nines, places: 2)) nines)",
            "- Single points of failure: \(codes(data.spofs))",
            "- Entry points: \(codes(data.entryPoints))",
            "- Declared unhealthy: \(codes(data.unhealthy))",
        ]
        return reply(.statusOverview, lines.joined(separator: "\n"), .overview(data))
    }

    /// `help` and `unknown`: what can be asked, with examples on this model; `unknown` also offers
    /// the component ids closest to the question's words.
    func help(_ intent: ChatIntent, _ q: ChatQuestion) -> ChatAnswer {
        let examples = helpExamples().examples
        var text = intent == .unknown ? "I could not tell what you are asking." : "I answer questions about the loaded infrastructure model."
        let matches = closeMatches(q)
        if intent == .unknown, !matches.isEmpty { text += " Did you mean \(Markdown.list(matches.map(Markdown.code)))?" }
        text += " You can ask, for example:\n\n" + examples.map { "- \($0.question)" }.joined(separator: "\n")
        return reply(intent, text, .help(ChatHelp(examples: examples)),
                     suggestions: matches.map { "Tell me about \($0)" } + examples.prefix(4 - matches.count).map(\.question))
    }

    /// What can be asked, with an example of each intent on this model.
    func helpExamples() -> ChatHelp {
        let id = exampleID ?? "database"
        let other = components.first { $0.id != id }?.id ?? "cache"
        let region = components.lazy.map(\.region.region).first { !$0.isEmpty } ?? "us-east-1"
        let examples = [
            ChatExample(intent: .listSpofs, question: "What are the single points of failure?"),
            ChatExample(intent: .failureImpact, question: "What happens if \(id) fails?"),
            ChatExample(intent: .componentInfo, question: "Tell me about \(id)"),
            ChatExample(intent: .compareComponents, question: "Compare \(id) and \(other)"),
            ChatExample(intent: .riskiestComponents, question: "What is my most critical component?"),
            ChatExample(intent: .availability, question: "What is my availability?"),
            ChatExample(intent: .resilienceScore, question: "What is my resilience score?"),
            ChatExample(intent: .recommendations, question: "How can I improve my resilience?"),
            ChatExample(intent: .listComponents, question: "Show me components with replicas"),
            ChatExample(intent: .statusOverview, question: "Give me an overview"),
            ChatExample(intent: .targetPlan, question: "Can we reach 99.99%?"),
            ChatExample(intent: .domainOutage, question: "What happens if \(region) goes down?"),
            ChatExample(intent: .queueBacklog, question: "What if the queue fills up?"),
            ChatExample(intent: .teamRisk, question: "Which team owns the most risk?"),
            ChatExample(intent: .howToChange, question: "How do I add a replica?"),
        ]
        return ChatHelp(examples: examples)
    }
}
