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
        #expect(data.paths.map(\.component) == ["database"])
        let entry = try #require(data.paths.first?.entryPoints.first)
        #expect(entry.entry == "dns" && entry.needsComponent && entry.path.first == "dns" && entry.path.last == "database")
        #expect(entry.availability == AvailabilityFigures(availability: demo.availability.reliability.entries[0].availability))
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

    @Test("a question that needs a component but names none, and none close, asks which")
    func needsComponent() throws {
        let answer = try ask("What happens if it fails?")
        #expect(answer.intent == .failureImpact)
        #expect(answer.data == .componentNeeded(ChatComponentPrompt(needed: 1, named: [], closeMatches: [])))
        #expect(answer.answer.hasPrefix("Which component do you mean?"))
        let compare = try ask("compare the database")
        #expect(compare.data == .componentNeeded(ChatComponentPrompt(needed: 2, named: ["database"], closeMatches: [])))
        #expect(try ask("tell me a joke").intent == .unknown)
    }

    // MARK: issue 13, item 7: the questions the chat answered wrongly or refused

    @Test("\"Can we reach 99.99%?\" is the advisor's plan for 4 nines, not the current availability")
    func targetPercent() throws {
        let answer = try ask("Can we reach 99.99%?")
        guard case .targetPlan(let plan) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let advice = ArchitectureAdvisor(demo).advise(targetNines: 4)
        #expect(plan.targetPercent == 99.99 && plan.targetNines == 4)
        #expect(plan.reached == advice.targetReached)
        #expect(plan.steps.map(\.component) == advice.plan.map(\.componentId))
        #expect(plan.projected == advice.projected.availability && plan.current == advice.current.availability)
        #expect(answer.answer.contains("99.99%") && answer.answer.contains(advice.summary))
        guard case .targetPlan(let nines) = try ask("how do we get to 4 nines").data else { Issue.record("wrong data"); return }
        #expect(nines == plan)
        guard case .targetPlan(let three) = try ask("is 99.95% doable?").data else { Issue.record("wrong data"); return }
        #expect(three.targetNines == Format.round(-log10(0.0005), places: 2))
    }

    @Test("\"what if the queue fills up\" is the queue's disk-full scenario from the cascade engine, not a list of queues")
    func queueFills() throws {
        let answer = try ask("what if the queue fills up")
        guard case .scenarios(let data) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let queue = demo.graph.index(of: "message-queue")!
        let scenario = try #require(ScenarioCatalog.scenarios(for: demo.graph).first { $0.id == "disk-full-message-queue" })
        #expect(data.scenarios.map(\.id) == ["disk-full-message-queue"])
        #expect(data.scenarios[0].result == demo.engine.simulate(scenario.faults, availability: demo.availability))
        #expect(scenario.faults == [Fault(.diskFull, target: queue)])
        #expect(answer.answer.contains("`order-service` and `payment-service` write to it asynchronously"))
    }

    @Test("\"availability of the checkout path\" is the entry point's figure on the path to the component tagged checkout")
    func checkoutPath() throws {
        let answer = try ask("availability of the checkout path")
        guard case .availability(let data) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let path = try #require(data.paths.first)
        #expect(path.component == "order-service")
        #expect(path.entryPoints.map(\.path) == [["dns", "load-balancer", "web-server", "api-gateway", "order-service"]])
        #expect(path.entryPoints[0].availability == AvailabilityFigures(availability: demo.availability.reliability.entries[0].availability))
        #expect(path.withDependencies.percent > path.entryPoints[0].availability.percent)
        #expect(answer.answer.hasPrefix("The path to `order-service` from entry point `dns`"))
        // On a model with two entry points, each path gets its own entry point's figure, not the weakest.
        let two = Assessment(try ModelLoader.load(text: """
            components:
              - {id: shop, type: web_server, replicas: 3}
              - {id: admin, type: web_server, replicas: 1}
              - {id: db, type: database, replicas: 3}
            dependencies:
              - {source: shop, target: db, type: requires}
              - {source: admin, target: db, type: requires}
            """, file: "two.yaml"))
        let shop = two.graph.index(of: "shop")!
        let entry = try #require(two.availability.reliability.entries.first { $0.entry == shop })
        #expect(entry.availability > two.availability.overall)
        guard case .availability(let other) = try InfrastructureChat(two).answer(question: "availability of shop and db").data else {
            Issue.record("wrong data"); return
        }
        #expect(other.paths.map(\.component) == ["shop", "db"])
        #expect(other.paths[0].entryPoints.map(\.availability) == [AvailabilityFigures(availability: entry.availability)])
        #expect(other.paths[1].entryPoints.map(\.entry) == ["shop", "admin"])
        #expect(other.paths[1].entryPoints[0].availability != other.overall)
    }

    @Test("\"which team owns the most risk\" aggregates the single failures by owner")
    func teamRisk() throws {
        let answer = try ask("which team owns the most risk")
        guard case .teams(let data) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let failures = SingleFailures.simulate(demo)
        #expect(Set(data.teams.map(\.team)) == Set(demo.model.components.map(\.ownerOrUnassigned)))
        for team in data.teams {
            let mine = demo.model.components.indices.filter { demo.model.components[$0].ownerOrUnassigned == team.team }
            #expect(team.components == mine.map { demo.model.components[$0].id })
            #expect(team.expectedAnnualImpactMinutes == Format.round(mine.map { failures[$0].expectedAnnualImpactMinutes }.reduce(0, +), places: 2))
            #expect(team.worstRiskScore == mine.map { failures[$0].riskScore }.max())
        }
        #expect(data.teams.map(\.expectedAnnualImpactMinutes) == data.teams.map(\.expectedAnnualImpactMinutes).sorted(by: >))
        #expect(answer.answer.hasPrefix("**\(data.teams[0].team)** owns the most risk"))
    }

    @Test("\"how do I add a replica\" gives the model key and the what-if of the component that gains most")
    func addReplica() throws {
        let answer = try ask("how do I add a replica")
        guard case .change(let data) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let id = try #require(data.component)
        let i = demo.graph.index(of: id)!
        let replicas = demo.model.components[i].replicas + 1
        #expect(data.change == "replicas")
        #expect(data.whatIfBody == "{\"modifications\": {\"\(id)\": {\"replicas\": \(replicas)}}}")
        #expect(data.result == (try WhatIf.evaluate([(id, Modification(replicas: replicas))], on: demo)))
        #expect(data.result!.availability.percent > data.result!.baselineAvailability.percent)
        for other in demo.model.components where other.id != id && other.externalSLA == nil {
            let gain = try WhatIf.evaluate([(other.id, Modification(replicas: other.replicas + 1))], on: demo)
            #expect(gain.availability.percent <= data.result!.availability.percent)
        }
        #expect(answer.answer.contains("`replicas:`") && answer.answer.contains("POST /api/whatif/calculate"))
        guard case .change(let failover) = try ask("how do I enable failover on the cache").data else { Issue.record("wrong data"); return }
        #expect(failover.change == "failover" && failover.component == "cache")
    }

    @Test("\"what happens if us-east-1 goes down\" is the region outage scenario from the cascade engine")
    func regionOutage() throws {
        let answer = try ask("what happens if us-east-1 goes down")
        guard case .scenarios(let data) = answer.data else { Issue.record("wrong data \(answer.data)"); return }
        let scenario = try #require(ScenarioCatalog.scenarios(for: demo.graph).first { $0.id == "region-outage-us-east-1" })
        #expect(data.scenarios.map(\.id) == ["region-outage-us-east-1"])
        #expect(data.scenarios[0].components == demo.model.components.filter { $0.region.region == "us-east-1" }.map(\.id))
        #expect(data.scenarios[0].result == demo.engine.simulate(scenario.faults, availability: demo.availability))
        guard case .scenarios(let zones) = try ask("what if an availability zone fails").data else { Issue.record("wrong data"); return }
        #expect(zones.scenarios.map(\.id) == ["zone-outage-us-east-1a", "zone-outage-us-east-1b"])
    }

    @Test("a misspelt component is answered with the suggestion applied, and says so")
    func misspelt() throws {
        let answer = try ask("what happens if the databse fails")
        let database = demo.graph.index(of: "database")!
        #expect(answer.intent == .failureImpact)
        #expect(answer.data == .failureImpact(demo.engine.simulate([Fault(.componentDown, target: database)], availability: demo.availability)))
        #expect(answer.answer.hasPrefix("Assuming you meant `database`: "))
        #expect(try ask("databse").answer.hasPrefix("Assuming you meant `database`: **Primary Database**"))
        #expect(try ask("what if payment-servce crashes").answer.hasPrefix("Assuming you meant `payment-service`: "))
        // A word of one component's name alone ("Redis Cache"); a word several names share names none.
        #expect(try ask("what if redis goes down").answer.hasPrefix("Assuming you meant `cache`: "))
        #expect(try ask("what if the service goes down").data == .componentNeeded(ChatComponentPrompt(needed: 1, named: [], closeMatches: [])))
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
