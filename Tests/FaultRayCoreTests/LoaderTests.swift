import Foundation
import Testing
@testable import FaultRayCore
import Yams

@Suite("Model loader")
struct LoaderTests {
    @Test("every example loads and round-trips through YAML and JSON", arguments: [
        "demo.yaml", "original-demo.yaml", "web-shop.yaml", "multi-region-payments.yaml", "ai-support-agent.yaml",
    ])
    func roundTrip(name: String) throws {
        let model = try example(name)
        #expect(try ModelLoader.load(text: model.yaml()) == model)
        #expect(try ModelLoader.load(text: model.json()) == model)
    }

    @Test("the demo has the contract's shape")
    func demoShape() throws {
        let model = try example("demo.yaml")
        #expect(model.components.count == 12)
        #expect(model.dependencies.count == 18)
        let web = try #require(model.components.first { $0.id == "web-server" })
        #expect(web.replicas == 3)
        #expect(web.utilization == 42.5)
        #expect(model.components.first { $0.id == "database" }?.replicas == 1)
        #expect(model.components.contains { $0.id == "cache" })
    }

    @Test("both edge spellings and defaults")
    func spellings() throws {
        let model = try ModelLoader.load(text: """
        components:
          - {id: a}
          - {id: b, type: database}
        dependencies:
          - {source_id: a, target_id: b, dependency_type: optional}
          - {source: b, target: a}
        """)
        #expect(model.components[0].name == "a")
        #expect(model.components[0].type == .custom)
        #expect(model.dependencies[0].type == .optional)
        #expect(model.dependencies[1].type == .requires)
        #expect(model.dependencies[1].weight == 1)
    }

    @Test("JSON input is accepted")
    func json() throws {
        let model = try ModelLoader.load(text: #"{"components":[{"id":"x","replicas":2}],"dependencies":[]}"#)
        #expect(model.components[0].replicas == 2)
    }

    @Test("team as a name sets the owner; as a mapping sets the on-call profile")
    func team() throws {
        let model = try ModelLoader.load(text: """
        components:
          - {id: a, team: payments}
          - {id: b, team: {team_size: 5}}
        """)
        #expect(model.components[0].owner == "payments")
        #expect(model.components[1].team.teamSize == 5)
        #expect(model.components[1].ownerOrUnassigned == "unassigned")
    }

    // Bad inputs: each asserts the message and the position.

    @Test func unknownKeySuggestsTheRightOne() {
        let found = issues("components:\n  - id: a\n    replica: 2\n")
        #expect(found == [ModelIssue(line: 3, column: 5, path: "components[0].replica", message: "unknown key 'replica' (did you mean 'replicas'?)")])
    }

    @Test func unknownNestedKey() {
        let found = issues("components:\n  - id: a\n    metrics: {cpu_percnt: 5}\n")
        #expect(found == [ModelIssue(line: 3, column: 15, path: "components[0].metrics.cpu_percnt", message: "unknown key 'cpu_percnt' (did you mean 'cpu_percent'?)")])
    }

    @Test func unknownComponentType() {
        let found = issues("components:\n  - {id: a, type: databse}\n")
        #expect(found.count == 1)
        #expect(found[0].line == 2 && found[0].column == 19)
        #expect(found[0].path == "components[0].type")
        #expect(found[0].message.hasPrefix("unknown value 'databse' (did you mean 'database'?); expected one of: load_balancer"))
    }

    @Test func unknownDependencyType() {
        let found = issues("components: [{id: a}, {id: b}]\ndependencies:\n  - {source: a, target: b, type: hard}\n")
        #expect(found.count == 1)
        #expect(found[0].path == "dependencies[0].type" && found[0].line == 3 && found[0].column == 34)
        #expect(found[0].message.contains("expected one of: requires, optional, async"))
    }

    @Test func duplicateComponentID() {
        let found = issues("components:\n  - id: a\n  - id: a\n")
        #expect(found == [ModelIssue(line: 3, column: 9, path: "components[1].id", message: "duplicate component id 'a' (first used by components[0])")])
    }

    @Test func danglingTargetWithSuggestion() {
        let found = issues("components: [{id: web}, {id: database}]\ndependencies:\n  - {source: web, target: databse}\n")
        #expect(found == [ModelIssue(line: 3, column: 27, path: "dependencies[0].target", message: "unknown component 'databse' (did you mean 'database'?)")])
    }

    @Test func replicasBelowOne() {
        let found = issues("components:\n  - {id: a, replicas: 0}\n")
        #expect(found == [ModelIssue(line: 2, column: 23, path: "components[0].replicas", message: "must be at least 1, found 0")])
    }

    @Test func negativeReplicas() {
        let found = issues("components:\n  - {id: a, replicas: -3}\n")
        #expect(found.first?.message == "must be at least 1, found -3")
    }

    @Test func replicasAsString() {
        let found = issues("components:\n  - {id: a, replicas: \"2\"}\n")
        #expect(found == [ModelIssue(line: 2, column: 23, path: "components[0].replicas", message: "expected an integer, found a string (\"2\")")])
    }

    @Test func replicasAsFloat() {
        let found = issues("components:\n  - {id: a, replicas: 2.5}\n")
        #expect(found.first?.message == "expected an integer, found a number (2.5)")
    }

    @Test func nonFiniteNumber() {
        let found = issues("components:\n  - {id: a, metrics: {cpu_percent: .nan}}\n")
        #expect(found.first?.path == "components[0].metrics.cpu_percent")
        #expect(found.first?.message == "must be a finite number, found nan")
    }

    @Test func booleanGivenAsString() {
        let found = issues("components:\n  - {id: a, failover: {enabled: \"yes please\"}}\n")
        #expect(found.first?.message == "expected true or false, found a string (\"yes please\")")
        #expect(found.first?.line == 2 && found.first?.column == 33)
    }

    @Test func missingID() {
        let found = issues("components:\n  - {name: nameless}\n")
        #expect(found == [ModelIssue(line: 2, column: 5, path: "components[0]", message: "missing required key 'id'")])
    }

    @Test func selfDependency() {
        let found = issues("components: [{id: a}]\ndependencies:\n  - {source: a, target: a}\n")
        #expect(found == [ModelIssue(line: 3, column: 5, path: "dependencies[0]", message: "'a' cannot depend on itself")])
    }

    @Test func duplicateDependency() {
        let found = issues("components: [{id: a}, {id: b}]\ndependencies:\n  - {source: a, target: b}\n  - {source: a, target: b, type: optional}\n")
        #expect(found == [ModelIssue(line: 4, column: 5, path: "dependencies[1]", message: "duplicate dependency a -> b (first at dependencies[0])")])
    }

    @Test func bothSpellingsOfOneKey() {
        let found = issues("components: [{id: a}, {id: b}]\ndependencies:\n  - {source: a, source_id: a, target: b}\n")
        #expect(found.first?.message == "'source_id' and 'source' mean the same; give one")
    }

    @Test func weightAboveOne() {
        let found = issues("components: [{id: a}, {id: b}]\ndependencies:\n  - {source: a, target: b, weight: 1.5}\n")
        #expect(found.first?.message == "must be at most 1, found 1.5")
    }

    @Test func componentsNotAList() {
        let found = issues("components: {id: a}\n")
        #expect(found == [ModelIssue(line: 1, column: 13, path: "components", message: "expected a list, found a mapping")])
    }

    @Test func unknownTopLevelKey() {
        let found = issues("components: []\ndependecies: []\n")
        #expect(found == [ModelIssue(line: 2, column: 1, path: "dependecies", message: "unknown key 'dependecies' (did you mean 'dependencies'?)")])
    }

    @Test func invalidYAMLSyntax() {
        let found = issues("components:\n  - {id: a\n")
        #expect(found.count == 1)
        #expect(found[0].message.hasPrefix("invalid YAML"))
        #expect(found[0].line > 0)
    }

    @Test func unknownHealth() {
        let found = issues("components:\n  - {id: a, health: broken}\n")
        #expect(found.first?.message.hasPrefix("unknown health 'broken'") == true)
    }

    @Test func aliasesAreRejected() {
        let found = issues("x: &anchor {id: a}\ncomponents:\n  - *anchor\n")
        #expect(!found.isEmpty)
    }

    @Test("every error in one run is reported, not only the first")
    func allErrorsReported() {
        let found = issues("components:\n  - {id: a, replicas: 0}\n  - {id: b, typo: 1}\ndependencies:\n  - {source: a, target: zz}\n")
        #expect(found.map(\.path) == ["components[0].replicas", "components[1].typo", "dependencies[0].target"])
    }

    @Test("a document full of mistakes gets the first hundred described and a count of the rest")
    func issuesAreCapped() {
        let components = (0 ..< 300).map { "  - {id: c\($0)}\n" }.joined()
        let dependencies = (0 ..< 300).map { "  - {source: c\($0), target: missing-\($0)}\n" }.joined()
        let found = issues("components:\n" + components + "dependencies:\n" + dependencies)
        #expect(found.count == DecodeContext.issueLimit + 1)
        #expect(found.dropLast().allSatisfy { $0.message.hasPrefix("unknown component 'missing-") })
        #expect(found.last?.message == "200 more problems not shown")
        let oneOver = (0 ..< 101).map { "  - {source: c\($0), target: missing-\($0)}\n" }.joined()
        #expect(issues("components:\n" + components + "dependencies:\n" + oneOver).last?.message == "1 more problem not shown")
    }

    @Test("the error text names file, line and column")
    func errorDescription() {
        let error = ModelError(file: "infra.yaml", issues: [ModelIssue(line: 12, column: 5, path: "components[2].replicas", message: "must be at least 1, found 0")])
        #expect(error.description == "infra.yaml:12:5: components[2].replicas: must be at least 1, found 0")
    }
}

@Suite("Loader: text from JSON writers")
struct LoaderTextTests {
    @Test func surrogatePairEscapesFromJSONAreRead() throws {
        let model = try ModelLoader.load(text: #"{"components": [{"id": "\ud83d\ude00", "name": "a\\ud83d"}]}"#)
        #expect(model.components[0].id == "😀" && model.components[0].name == #"a\ud83d"#)
    }

    @Test func controlCharactersRoundTripThroughBothWriters() throws {
        let model = try ModelLoader.load(text: "{\"components\": [{\"id\": \"a\\u0091b\\u2028c\"}]}")
        #expect(model.components[0].id == "a\u{91}b\u{2028}c")
        #expect(try ModelLoader.load(text: model.yaml()) == model)
        #expect(try ModelLoader.load(text: model.json()) == model)
    }
}


@Suite("Loader: scalar resolution")
struct ScalarResolutionTests {
    /// The loader's own resolution of plain scalars decides exactly as Yams' default rules.
    @Test(arguments: ["0", "7", "42", "012", "0.5", "00.5", "0.", "0.0.1", "01.5", "0x1F", "1_000", "-3", "+3", "1.5", "10.25", "1.", ".5", "1.5e3", "1e3", "1:30", "2026-01-01",
                      "yes", "Yes", "YES", "yEs", "no", "on", "Off", "true", "TRUE", "tRue", "null", "Null", "NULL", "nil", "~", "", "<<", "=",
                      "web-server", "database", "t", "n", "y", "on-call", "1a", "99.9%", "1.2.3", ".inf", ".nan", "-.inf", "é", "Ünïcode"])
    func plainScalarsResolveAsTheDefaultRulesSay(text: String) throws {
        let reference = try #require(try Yams.compose(yaml: "k: \(text)\n")?.mapping?.first?.value)
        let expected: [Yams.Tag.Name: DocumentTree.ScalarType] = [.str: .string, .int: .int, .float: .float, .bool: .bool, .null: .null]
        #expect(DocumentTree.resolvePlain(text) == expected[Yams.Tag.Name(rawValue: reference.tag.rawValue)] ?? .otherTag, "\(text)")
    }

    @Test func quotedScalarsAreStrings() throws {
        let node = try #require(try Yams.compose(yaml: "k: \"42\"\n", .basic))
        let tree = try #require(DocumentTree.converting(node, budget: 10))
        #expect(tree.value("k", in: tree.root).map(tree.type) == .string)
    }
}

@Suite("Loader: numbers")
struct NumberReadingTests {
    /// The loader's shortcut for plain decimals gives exactly the double Yams' constructor gives, for every
    /// shape: integers, fractions, leading zeros, long digit strings, and shapes the shortcut leaves to Yams.
    @Test func plainDecimalsReadExactlyAsYamsReadsThem() throws {
        var random = SeededRandom(seed: 11)
        var texts = ["0", "0.0", "00.5", "0.1", "0.3", "1.", ".5", "012", "1_000", "1e3", "123456789012345", "1234567890123456",
                     "9007199254740993", "0.000000000000001", "99.99", "12.5", "1.2.3", "-2.5", "+3"]
        for _ in 0 ..< 2_000 {
            let length = Int.random(in: 1 ... 18, using: &random)
            var text = String((0 ..< length).map { _ in Character(String(Int.random(in: 0 ... 9, using: &random))) })
            if Bool.random(using: &random) { text.insert(".", at: text.index(text.startIndex, offsetBy: Int.random(in: 0 ... length, using: &random))) }
            texts.append(text)
        }
        for text in texts {
            let yaml = "components:\n- id: a\n  parameters:\n    x: \(text)\n"
            let reference = try #require(try Yams.compose(yaml: yaml)?["components"]?[0]?["parameters"]?["x"])
            let expected: ParameterValue? = switch Yams.Tag.Name(rawValue: reference.tag.rawValue) {
            case .int, .float: reference.float.flatMap { abs($0) <= 1e12 ? .number($0) : nil }  // beyond the model's limit: an error
            default: .text(text)
            }
            let loaded = try? ModelLoader.load(text: yaml).components[0].parameters["x"]
            #expect(loaded == expected, "\(text)")
        }
    }
}
