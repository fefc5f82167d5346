import Foundation
import Testing
@testable import FaultRayCore

/// Phrasings and the intent each must get, on examples/demo.yaml.
let chatPhrasings: [(question: String, intent: ChatIntent)] = [
    ("What are the single points of failure?", .listSpofs),
    ("show me the SPOFs", .listSpofs),
    ("Do I have any single point of failure?", .listSpofs),
    ("is the database a spof?", .listSpofs),
    ("Which components are single points of failure?", .listSpofs),
    ("What happens if database fails?", .failureImpact),
    ("what if the cache goes down?", .failureImpact),
    ("What breaks when api-gateway crashes?", .failureImpact),
    ("Simulate a failure of the load balancer", .failureImpact),
    ("What is the blast radius of web-server?", .failureImpact),
    ("If we lose the Primary Database, what is affected?", .failureImpact),
    ("what happens if dns and database fail", .failureImpact),
    ("What happens if the databse fails?", .failureImpact),
    ("what if payment-servce crashes", .failureImpact),
    ("Tell me about the auth service", .componentInfo),
    ("describe payment-provider", .componentInfo),
    ("database", .componentInfo),
    ("What does order-service depend on?", .componentInfo),
    ("show details for the cache", .componentInfo),
    ("Tell me about the databse", .componentInfo),
    ("What is my availability?", .availability),
    ("How many nines do we have?", .availability),
    ("what's the expected annual downtime?", .availability),
    ("What uptime can we promise in our SLA?", .availability),
    ("what is my resilience score?", .resilienceScore),
    ("What grade does my infrastructure get?", .resilienceScore),
    ("How resilient is my system?", .resilienceScore),
    ("What is my most critical component?", .riskiestComponents),
    ("Which components are the riskiest?", .riskiestComponents),
    ("rank components by risk", .riskiestComponents),
    ("What are the biggest risks?", .riskiestComponents),
    ("Which failure would have the highest impact?", .riskiestComponents),
    ("How can I improve my resilience?", .recommendations),
    ("What do you recommend?", .recommendations),
    ("What should we fix first?", .recommendations),
    ("Any suggestions to harden the platform?", .recommendations),
    ("How do I improve my score?", .recommendations),
    ("Compare database and cache", .compareComponents),
    ("web-server vs api-gateway", .compareComponents),
    ("What is the difference between order-service and payment-service?", .compareComponents),
    ("compare the database", .compareComponents),
    ("Give me an overview", .statusOverview),
    ("What's the status of my infrastructure?", .statusOverview),
    ("hello", .statusOverview),
    ("How is everything looking?", .statusOverview),
    ("show me nodes with replicas", .listComponents),
    ("List all components", .listComponents),
    ("Which components have failover?", .listComponents),
    ("list databases", .listComponents),
    ("how many components are there?", .listComponents),
    ("Which components run with a single replica?", .listComponents),
    ("Can we reach 99.99%?", .targetPlan),
    ("how do we get to 4 nines", .targetPlan),
    ("Is a 99.95% SLO realistic?", .targetPlan),
    ("what if the queue fills up", .queueBacklog),
    ("will the message-queue overflow?", .queueBacklog),
    ("what happens if us-east-1 goes down", .domainOutage),
    ("what if zone us-east-1b fails", .domainOutage),
    ("which team owns the most risk", .teamRisk),
    ("list the owners", .teamRisk),
    ("how do I add a replica", .howToChange),
    ("enable failover on the database", .howToChange),
    ("availability of the checkout path", .availability),
    ("what if api-gateway has high latency", .failureImpact),
    ("help", .help),
    ("What can you do?", .help),
    ("?", .help),
    ("How do I use this?", .help),
    ("asdfgh qwerty zxcvb", .unknown),
    ("tell me a joke", .unknown),
    ("what's the weather in Paris?", .unknown),
]

@Suite("Chat intents and component mentions")
struct ChatIntentTests {
    let demo: Assessment

    init() throws { demo = Assessment(try example("demo.yaml")) }

    func question(_ text: String) -> ChatQuestion { ChatQuestion(text, components: demo.model.components) }

    @Test("each phrasing gets its intent", arguments: chatPhrasings.map(\.question))
    func intent(_ text: String) throws {
        let expected = try #require(chatPhrasings.first { $0.question == text }?.intent)
        #expect(ChatIntent.classify(question(text)) == expected)
        #expect(try InfrastructureChat(demo).answer(question: text).intent == expected)
    }

    @Test("the table covers every intent with at least 40 phrasings")
    func coverage() {
        #expect(chatPhrasings.count >= 40)
        #expect(Set(chatPhrasings.map(\.intent)) == Set(ChatIntent.allCases))
    }

    @Test("components are named by id or name, whole words, case-insensitive, longest first, in question order")
    func mentions() {
        let id = { (i: Int) in demo.model.components[i].id }
        #expect(question("What about WEB SERVER and web_server and the Web-Server?").mentions.map(id) == ["web-server"])
        #expect(question("primary database versus redis cache").mentions.map(id) == ["database", "cache"])
        #expect(question("cache then database").mentions.map(id) == ["cache", "database"])
        #expect(question("caches and databases").mentions.isEmpty)
        #expect(question("the api gateway's auth service").mentions.map(id) == ["api-gateway", "auth-service"])
    }

    @Test("targets are read from percentages and nines")
    func targets() {
        let four = ChatTarget.parse("reach 99.99%?")
        #expect(four?.percent == 99.99 && abs((four?.nines ?? 0) - 4) < 1e-9)
        #expect(ChatTarget.parse("a 99.9 SLA")?.percent == 99.9)
        #expect(ChatTarget.parse("five nines")?.nines == 5)
        #expect(ChatTarget.parse("three 9s")?.percent == 99.9)
        #expect(ChatTarget.parse("how many nines do we have") == nil)
        #expect(ChatTarget.parse("a 10% traffic spike") == nil)
        #expect(ChatTarget.parse("version 2.5 of the api") == nil)
    }

    @Test("tags name paths and domains are named by their full names")
    func tagsAndDomains() {
        let id = { (i: Int) in demo.model.components[i].id }
        #expect(question("the checkout path").tagged.map(id) == ["order-service"])
        #expect(question("payment flow").tagged.map(id) == ["payment-service"])
        #expect(question("pci scope").tagged.map(id) == ["payment-service", "payment-provider"])
        #expect(question("what if us-east-1 fails").domains == [FailureDomain(.region, "us-east-1")])
        #expect(question("what if us-east-1a fails").domains == [FailureDomain(.zone, "us-east-1a")])
        #expect(question("host app01.shop.internal").domains == [FailureDomain(.host, "app01.shop.internal")])
    }

    @Test("keywords match whole words only")
    func wholeWords() {
        // The original routed this to a configuration check because "nodes" contains "no".
        #expect(!question("show me nodes").has("no"))
        #expect(question("Show me nodes without failover").has(phrase: "without failover"))
        #expect(ChatQuestion.words("What's up, web-server?") == ["what", "s", "up", "web", "server"])
    }

    @Test("list filters read replicas, failover, autoscaling and types")
    func filters() {
        let replicated = ComponentFilter(question("nodes with replicas"))
        #expect(replicated.replicas == 2...Int.max)
        #expect(ComponentFilter(question("components without replicas")).replicas == 1...1)
        #expect(ComponentFilter(question("components with a single replica")).replicas == 1...1)
        #expect(ComponentFilter(question("components with 3 replicas")).replicas == 3...3)
        #expect(ComponentFilter(question("components with no failover")).failover == false)
        #expect(ComponentFilter(question("which ones have autoscaling")).autoscaling == true)
        #expect(ComponentFilter(question("list load balancers")).type == .loadBalancer)
        #expect(ComponentFilter(question("list everything")).isEmpty)
        #expect(ComponentFilter(question("components in us-east-1b")).places == [FailureDomain(.zone, "us-east-1b")])
        #expect(ComponentFilter(question("which have no redundancy")).replicas == 1...1)
    }
}
