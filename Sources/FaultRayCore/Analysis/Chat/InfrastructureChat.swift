/// Answers natural-language questions about a model from its `Assessment`, with no language model:
/// the question's intent comes from keyword rules (`ChatIntent`), the components it names from
/// `ChatQuestion`, and every figure from the one definition the rest of FaultRay uses (SPOFs,
/// availability, resilience score, cascade engine). The same question gives the same answer.
///
/// When an intent needs components (`failure_impact` and `component_info` one, `compare_components`
/// two) and the question names fewer, the known ids closest to the question's words (`closeMatches`),
/// then those with a word of their name the question uses (`nameWordMatches`), are taken as meant and
/// the answer says so ("Assuming you meant `database`: …"); a question with no
/// intent that is close to an id is answered as `component_info` on it. Without close ids the answer
/// asks which.
public struct InfrastructureChat: Sendable {
    public let assessment: Assessment

    public init(_ assessment: Assessment) { self.assessment = assessment }

    /// The answer to `question`; throws when the question is missing, blank or too long.
    public func answer(question: String?) throws(ChatQuestionError) -> ChatAnswer {
        var q = ChatQuestion(try ChatQuestionError.validate(question), components: assessment.model.components)
        var intent = ChatIntent.classify(q)
        let missing = intent == .unknown ? 1 : intent.componentsNeeded - q.mentions.count
        let candidates = missing > 0 ? (closeMatches(q) + nameWordMatches(q)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } : []
        let assumed = candidates.prefix(max(0, missing)).compactMap { assessment.graph.index(of: $0) }
        if !assumed.isEmpty {
            q = q.assuming(assumed)
            intent = ChatIntent.classify(q)
        }
        if q.mentions.count < intent.componentsNeeded { return askForComponents(intent, q) }
        var answer = respond(intent, q)
        if !assumed.isEmpty { answer.answer = "Assuming you meant \(Markdown.list(assumed.map { Markdown.code(components[$0].id) })): " + answer.answer }
        return answer
    }

    private func respond(_ intent: ChatIntent, _ q: ChatQuestion) -> ChatAnswer {
        switch intent {
        case .listSpofs: return spofs(q)
        case .failureImpact: return failureImpact(q)
        case .componentInfo: return componentInfo(q)
        case .availability: return availability(q)
        case .targetPlan: return targetPlan(q)
        case .resilienceScore: return score()
        case .riskiestComponents: return riskiest()
        case .teamRisk: return teamRisk()
        case .recommendations: return recommendations()
        case .howToChange: return howToChange(q)
        case .domainOutage: return domainOutage(q)
        case .queueBacklog: return queueBacklog(q)
        case .compareComponents: return compare(q)
        case .statusOverview: return overview()
        case .listComponents: return list(q)
        case .help, .unknown: return help(intent, q)
        }
    }

    var components: [Component] { assessment.model.components }

    /// Ids of SPOFs, in model order.
    var spofIDs: [String] { components.indices.filter { assessment.spofs.isSPOF[$0] }.map { components[$0].id } }

    /// The component used in suggested questions: the first SPOF, else the first component.
    var exampleID: String? { spofIDs.first ?? components.first?.id }

    /// "**Name** (`id`)", or just the id when the name is the id.
    func label(_ i: Int) -> String {
        let c = components[i]
        return c.name == c.id ? Markdown.code(c.id) : "**\(c.name)** (\(Markdown.code(c.id)))"
    }

    /// Ids of components the question does not name whose id or name (words joined by `-`) is within a
    /// few edits (`Suggestion`) of a run of one to three of its words, at least four characters long, at
    /// most two longer or shorter and with the same first letter ("databse", "payment-servce"); in
    /// question order, at most three.
    func closeMatches(_ q: ChatQuestion) -> [String] {
        let named = Set(q.mentions)
        let labels = Dictionary(grouping: components.indices.filter { !named.contains($0) }.flatMap { i in
            Set([components[i].id.lowercased(), ChatQuestion.words(components[i].name).joined(separator: "-")]).sorted().map { (label: $0, id: components[i].id) }
        }) { $0.label.first }
        var found: [String] = []
        for start in q.words.indices {
            for length in 1...3 where start + length <= q.words.count {
                let run = q.words[start..<(start + length)].joined(separator: "-")
                guard run.count >= 4 else { continue }
                let near = (labels[run.first] ?? []).filter { abs($0.label.count - run.count) <= 2 }
                if let label = Suggestion.closest(to: run, among: near.map(\.label)), let id = near.first(where: { $0.label == label })?.id, !found.contains(id) {
                    found.append(id)
                }
            }
        }
        return Array(found.prefix(3))
    }

    /// Ids of components the question does not name that have a word of four letters or more in their
    /// name that no other component has in its id or name, and that the question uses ("redis" for
    /// "Redis Cache"); in question order.
    func nameWordMatches(_ q: ChatQuestion) -> [String] {
        var owners: [String: Set<Int>] = [:]
        for (i, c) in components.enumerated() {
            for word in ChatQuestion.words(c.id) + ChatQuestion.words(c.name) { owners[word, default: []].insert(i) }
        }
        var found: [String] = []
        for word in q.words where word.count >= 4 {
            guard let only = owners[word], only.count == 1, let i = only.first, !q.mentions.contains(i) else { continue }
            if !found.contains(components[i].id) { found.append(components[i].id) }
        }
        return found
    }

    /// Four follow-up questions: `first`, then general ones, skipping the intent just answered, those
    /// that need a component when there is none, and repeats.
    func suggestions(after intent: ChatIntent, first: [String] = []) -> [String] {
        var result: [(ChatIntent, String)] = [
            (.listSpofs, "What are the single points of failure?"),
            (.resilienceScore, "What is my resilience score?"),
            (.riskiestComponents, "Which components are the riskiest?"),
            (.recommendations, "How can I improve my resilience?"),
            (.availability, "What is my availability?"),
        ]
        if let id = exampleID { result.insert((.failureImpact, "What happens if \(id) fails?"), at: 1) }
        var seen = Set<String>()
        return (first + result.filter { $0.0 != intent }.map(\.1)).filter { seen.insert($0).inserted }.prefix(4).map { $0 }
    }

    func reply(_ intent: ChatIntent, _ answer: String, _ data: ChatData, suggestions: [String]? = nil) -> ChatAnswer {
        ChatAnswer(answer: answer, intent: intent, data: data, suggestions: suggestions ?? self.suggestions(after: intent))
    }

    private func askForComponents(_ intent: ChatIntent, _ q: ChatQuestion) -> ChatAnswer {
        let named = q.mentions.map { components[$0].id }
        let matches = closeMatches(q)
        var text = intent == .compareComponents
            ? "Which two components should I compare? Name them by id or name"
            : "Which component do you mean? Name it by id or name"
        text += named.isEmpty ? "." : "; I found only \(Markdown.list(named.map(Markdown.code)))."
        if !matches.isEmpty { text += " Did you mean \(Markdown.list(matches.map(Markdown.code)))?" }
        if components.isEmpty { text += " The model has no components yet." }
        let candidates = (named + matches + components.map(\.id)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let examples: [String]
        switch intent {
        case .compareComponents: examples = candidates.count >= 2 ? ["Compare \(candidates[0]) and \(candidates[1])"] : []
        case .failureImpact: examples = candidates.prefix(2).map { "What happens if \($0) fails?" }
        default: examples = candidates.prefix(2).map { "Tell me about \($0)" }
        }
        return reply(intent, text, .componentNeeded(ChatComponentPrompt(needed: intent.componentsNeeded, named: named, closeMatches: matches)),
                     suggestions: examples + ["List all components"])
    }
}
