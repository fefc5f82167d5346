import Foundation
import Testing
@testable import FaultRayCore

@Suite("Chat answers")
struct ChatAnswerTests {
    let demo: Assessment
    let chat: InfrastructureChat

    init() throws {
        demo = Assessment(try example("demo.yaml"))
        chat = InfrastructureChat(demo)
    }

    func ask(_ question: String) throws -> ChatAnswer { try chat.answer(question: question) }

    @Test("questions are validated: missing, blank and too long are typed errors")
    func validation() throws {
        #expect(throws: ChatQuestionError.missing) { try chat.answer(question: nil) }
        #expect(throws: ChatQuestionError.empty) { try chat.answer(question: "") }
        #expect(throws: ChatQuestionError.empty) { try chat.answer(question: " \n\t ") }
        #expect(throws: ChatQuestionError.tooLong(characters: 2001)) { try chat.answer(question: String(repeating: "a", count: 2001)) }
        #expect(try chat.answer(question: String(repeating: "a", count: 2000)).intent == .unknown)
    }

    @Test("the SPOF answer lists exactly the assessment's SPOFs")
    func spofs() throws {
        let answer = try ask("What are the single points of failure?")
        guard case .spofs(let list) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let expected = demo.model.components.indices.filter { demo.spofs.isSPOF[$0] }.map { demo.model.components[$0].id }
        #expect(list.components.map(\.id) == expected)
        #expect(list.count == demo.spofs.count)
        #expect(answer.answer.contains("`database`"))
        #expect(try ask("is the cache a spof?").answer.contains("is not a single point of failure"))
    }

    @Test("availability equals the availability model's")
    func availability() throws {
        let answer = try ask("What is the availability of the database?")
        guard case .availability(let data) = answer.data else { Issue.record("wrong data"); return }
        #expect(data.overall == AvailabilityFigures(availability: demo.availability.overall))
        #expect(data.entryPoints.map(\.component) == demo.graph.entryPoints.map { demo.model.components[Int($0)].id })
        let database = demo.graph.index(of: "database")!
        #expect(data.components.map(\.availability) == [AvailabilityFigures(availability: demo.availability.component[database])])
        #expect(answer.answer.contains(Format.number(data.overall.percent, places: 4) + "%"))
    }

    @Test("the score answer is the assessment's score, grade and largest findings")
    func score() throws {
        guard case .score(let data) = try ask("what is my resilience score?").data else { Issue.record("wrong data"); return }
        #expect(data.score == demo.score.score)
        #expect(data.grade == ResilienceScore.grade(demo.score.score))
        #expect(data.categories == demo.score.categories)
        #expect(data.topFindings == demo.score.largestFindings(limit: 3))
    }

    @Test("failure impact is the cascade engine's result")
    func failureImpact() throws {
        let answer = try ask("What happens if database fails?")
        let database = demo.graph.index(of: "database")!
        let expected = demo.engine.simulate([Fault(.componentDown, target: database)], availability: demo.availability)
        #expect(answer.data == .failureImpact(expected))
        #expect(answer.answer.contains("**\(expected.totalAffected) of \(demo.model.components.count)**"))
        let both = try ask("what happens if dns and database fail")
        guard case .failureImpact(let result) = both.data else { Issue.record("wrong data"); return }
        #expect(result.rootCause == "dns+database")
    }

    @Test("the riskiest components are every single failure, ranked by risk")
    func riskiest() throws {
        guard case .riskiest(let ranking) = try ask("What is my most critical component?").data else { Issue.record("wrong data"); return }
        let failures = SingleFailures.simulate(demo)
        #expect(ranking.components.count == demo.model.components.count)
        #expect(Set(ranking.components.map(\.component)) == Set(demo.model.components.map(\.id)))
        #expect(ranking.components.map(\.riskScore) == failures.map(\.riskScore).sorted(by: >))
        for entry in ranking.components { #expect(failures.contains { ChatFailure($0) == entry }) }
    }

    @Test("recommendations are every finding with its fix, largest first")
    func recommendations() throws {
        guard case .recommendations(let data) = try ask("What should we fix first?").data else { Issue.record("wrong data"); return }
        #expect(data.recommendations == demo.score.largestFindings())
        #expect(Set(data.recommendations.map(\.message)) == Set(demo.score.findings.map(\.message)))
        #expect(data.recommendations.map(\.points) == data.recommendations.map(\.points).sorted(by: >))
    }

    @Test("component details and comparisons use the assessment's figures, in the order named")
    func components() throws {
        guard case .comparison(let data) = try ask("compare cache and database").data else { Issue.record("wrong data"); return }
        #expect(data.components.map(\.component.id) == ["cache", "database"])
        guard case .component(let details) = try ask("tell me about the Primary Database").data else { Issue.record("wrong data"); return }
        let database = demo.graph.index(of: "database")!
        #expect(details.component.isSpof && details.component.riskLevel == demo.riskLevel(database))
        #expect(details.dependents.map(\.component) == ["web-server", "auth-service", "order-service", "payment-service"])
        #expect(details.availability == AvailabilityFigures(availability: demo.availability.component[database]))
        #expect(data.components[1] == details)
    }

    @Test("lists apply the question's filters")
    func lists() throws {
        guard case .components(let replicated) = try ask("show me nodes with replicas").data else { Issue.record("wrong data"); return }
        #expect(replicated.components.map(\.id) == demo.model.components.filter { $0.replicas >= 2 }.map(\.id))
        #expect(replicated.filters == ["at least 2 replicas"])
        guard case .components(let all) = try ask("List all components").data else { Issue.record("wrong data"); return }
        #expect(all.count == demo.model.components.count && all.filters.isEmpty)
    }

    @Test("a question that needs a component but names none asks which, with close matches")
    func needsComponent() throws {
        let answer = try ask("What happens if the databse fails?")
        #expect(answer.intent == .failureImpact)
        #expect(answer.data == .componentNeeded(ChatComponentPrompt(needed: 1, named: [], closeMatches: ["database"])))
        #expect(answer.answer.contains("Did you mean `database`?"))
        #expect(answer.suggestions.first == "What happens if database fails?")
        let compare = try ask("compare the database")
        #expect(compare.data == .componentNeeded(ChatComponentPrompt(needed: 2, named: ["database"], closeMatches: [])))
    }

    @Test("the wire shape: intent as a string, data as the bare payload, snake_case keys")
    func wire() throws {
        let json = try JSONSerialization.jsonObject(with: WireJSON.encode(ask("What are the single points of failure?"))) as! [String: Any]
        #expect(Set(json.keys) == ["answer", "intent", "data", "suggestions"])
        #expect(json["intent"] as? String == "list_spofs")
        let data = json["data"] as! [String: Any]
        let database = (data["components"] as? [[String: Any]])?.first { $0["id"] as? String == "database" }
        #expect(database?["hard_dependents"] as? Int == 4)
    }

    @Test("every phrasing answers the same bytes twice, on the demo, random and empty models", arguments: [0, 1, 2] as [UInt64])
    func determinism(seed: UInt64) throws {
        for model in [demo.model, randomModel(seed: seed), InfrastructureModel()] {
            for (question, _) in chatPhrasings + [("compare c1 and c2", .compareComponents), ("what if c3 fails", .failureImpact)] {
                let first = try InfrastructureChat(Assessment(model)).answer(question: question)
                let second = try InfrastructureChat(Assessment(model)).answer(question: question)
                #expect(try WireJSON.encode(first) == WireJSON.encode(second))
                #expect(!first.answer.isEmpty && !first.suggestions.isEmpty)
            }
        }
    }
}
