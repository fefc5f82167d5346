import Foundation
import Testing

/// The built `faultray` run as CI runs it: `import`, `simulate --format`, `check`.
private func faultray(_ arguments: String, in directory: URL = repositoryURL) throws -> (status: Int32, output: String) {
    try LiveServer.shell("\(LiveServer.executable.path) \(arguments)", in: directory)
}

/// A fresh scratch folder.
private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-ci-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The line of each `- id: X` entry of a model file, found by reading its lines.
private func componentLines(_ path: String) throws -> [String: Int] {
    let lines = try String(contentsOf: repositoryURL.appendingPathComponent(path), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    var result: [String: Int] = [:]
    for (n, line) in lines.enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("- id:") else { continue }
        let id = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        result[id] = n + 1
    }
    return result
}

@Suite("CLI: import", .tags(.live))
struct ImportCommandTests {
    @Test(arguments: [("compose", "Tests/Fixtures/import/compose-web-stack.yaml"), ("kubernetes", "Tests/Fixtures/import/kubernetes"),
                      ("terraform", "Tests/Fixtures/import/terraform-three-tier-plan.json")])
    func eachFixtureImportsToAModelThatValidates(kind: String, input: String) throws {
        let folder = try scratch()
        let model = folder.appendingPathComponent("model.yaml"), report = folder.appendingPathComponent("report.json")
        let (status, output) = try faultray("import \(kind) \(input) -o \(model.path) --report \(report.path)")
        #expect(status == 0, "\(output)")
        #expect(output.contains("mapped,") && output.contains("skipped"), "\(output)")
        let (valid, message) = try faultray("validate \(model.path)")
        #expect(valid == 0 && message.contains("valid"), "\(message)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect((json["mapped"] as? [Any])?.isEmpty == false && json["assumed"] != nil && json["skipped"] != nil)
        #expect(try String(contentsOf: model, encoding: .utf8).contains("# assumed: "))
    }

    @Test func brokenInputIsAnErrorWithItsPositionAndExitCode2() throws {
        let folder = try scratch()
        let broken = folder.appendingPathComponent("plan.json")
        try Data("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\"root_module\": {\"resources\": [\n    {\"address\": }\n]}}}\n".utf8).write(to: broken)
        let (status, output) = try faultray("import terraform \(broken.path)")
        #expect(status == 2)
        #expect(output.contains("\(broken.path):4:"), "\(output)")
        let helm = folder.appendingPathComponent("deploy.yaml")
        try Data("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n".utf8).write(to: helm)
        let (k8s, k8sOutput) = try faultray("import kubernetes \(helm.path)")
        #expect(k8s == 2 && k8sOutput.contains("\(helm.path):4:"), "\(k8sOutput)")
        let (missing, missingOutput) = try faultray("import compose \(folder.path)/none.yaml")
        #expect(missing == 2 && missingOutput.contains("cannot read file"), "\(missingOutput)")
    }
}

@Suite("CLI: simulate --format and check", .serialized, .tags(.live))
struct CIGateFormatTests {
    static let model = "examples/web-shop.yaml"

    @Test(.needs(.schemaValidators)) func sarifIsValidAndPointsAtTheComponentsLines() throws {
        try OutsideTool.schemaValidators.require()
        let folder = try scratch()
        let sarif = folder.appendingPathComponent("out.sarif")
        let (status, output) = try faultray("simulate \(Self.model) --format sarif > \(sarif.path)")
        #expect(status == 0, "\(output)")
        let (valid, message) = try LiveServer.shell("python3 Tests/Fixtures/schemas/validate.py sarif \(sarif.path)")
        #expect(valid == 0, "\(message)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let lines = try componentLines(Self.model)
        var checked = 0
        for result in results {
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let line = try #require(((location["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int)
            guard let component = ((location["logicalLocations"] as? [[String: Any]])?.first?["name"]) as? String else { continue }
            #expect(lines[component] == line, "\(component) at \(line), expected \(String(describing: lines[component]))")
            checked += 1
        }
        let rules = Set(results.compactMap { $0["ruleId"] as? String })
        #expect(rules.contains("single-point-of-failure") && rules.contains("critical-scenario"), "\(rules)")
        #expect(checked > 0)
        let driverRules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        #expect(driverRules.allSatisfy { ($0["help"] as? [String: Any])?["text"] as? String != nil })
    }

    @Test(.needs(.schemaValidators)) func junitIsValidWithOneTestCasePerScenarioAndFailuresForCritical() throws {
        try OutsideTool.schemaValidators.require()
        let folder = try scratch()
        let junit = folder.appendingPathComponent("junit.xml")
        let (status, _) = try faultray("simulate \(Self.model) --format junit --fail-on critical > \(junit.path)")
        #expect(status == 1, "critical scenarios fail the gate")
        let (valid, message) = try LiveServer.shell("python3 Tests/Fixtures/schemas/validate.py junit \(junit.path)")
        #expect(valid == 0, "\(message)")
        let (_, json) = try faultray("simulate \(Self.model) --json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let scenarios = (report["scenarios"] as? [[String: Any]] ?? []) + (report["critical_together_pairs"] as? [[String: Any]] ?? [])
        let critical = scenarios.filter { $0["severity"] as? String == "critical" }.count
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == scenarios.count)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == critical)
        #expect(critical > 0)
    }

    @Test func markdownIsAPullRequestCommentWithTheDeltaAgainstTheBaseline() throws {
        let (status, output) = try faultray("simulate Tests/Fixtures/gate/spof-added.yaml --format markdown --baseline Tests/Fixtures/gate/baseline.yaml")
        #expect(status == 0, "\(output)")
        #expect(output.hasPrefix("## FaultRay resilience report"))
        #expect(output.contains("| Resilience score | "), "\(output)")
        #expect(output.contains("### New single points of failure\n\n- `session-cache`"), "\(output)")
        #expect(output.contains("### Top fixes"))
        let (json, jsonOutput) = try faultray("simulate \(Self.model) --json --format sarif")
        #expect(json == 2 && jsonOutput.contains("disagree"))
    }

    @Test func checkFailsOnANewSPOFAndNamesIt() throws {
        let (status, output) = try faultray("check Tests/Fixtures/gate/baseline.yaml Tests/Fixtures/gate/spof-added.yaml")
        #expect(status == 1, "\(output)")
        #expect(output.contains("new single point of failure: session-cache"), "\(output)")
        #expect(output.contains("check failed"))
        // The improvement (the same pair the other way round) passes.
        let (improved, improvedOutput) = try faultray("check Tests/Fixtures/gate/spof-added.yaml Tests/Fixtures/gate/baseline.yaml")
        #expect(improved == 0, "\(improvedOutput)")
        #expect(improvedOutput.contains("check passed"))
    }

    @Test(.needs(.schemaValidators)) func checkSpeaksEveryFormatAndGatesTerraformPlans() throws {
        try OutsideTool.schemaValidators.require()
        let folder = try scratch()
        let plan = repositoryURL.appendingPathComponent("Tests/Fixtures/import/terraform-three-tier-plan.json")
        let singleAZ = folder.appendingPathComponent("plan-single-az.json")
        let text = try String(contentsOf: plan, encoding: .utf8)
        #expect(text.contains("\"multi_az\": true"))
        try Data(text.replacingOccurrences(of: "\"multi_az\": true", with: "\"multi_az\": false").utf8).write(to: singleAZ)
        let sarif = folder.appendingPathComponent("check.sarif")
        let (status, output) = try faultray("check \(plan.path) \(singleAZ.path) --format sarif > \(sarif.path)")
        #expect(status == 1, "\(output)")
        #expect(output.contains("new single point of failure: shop-orders"), "\(output)")
        #expect(try LiveServer.shell("python3 Tests/Fixtures/schemas/validate.py sarif \(sarif.path)").0 == 0)
        // The result points at the database's resource in the plan.
        let planLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let spof = try #require(results.first { ($0["message"] as? [String: Any])?["text"] as? String == "new single point of failure: shop-orders" })
        let location = ((spof["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let line = try #require((location?["region"] as? [String: Any])?["startLine"] as? Int)
        #expect(planLines[line - 1].contains("{") && planLines[line].contains("\"address\": \"aws_db_instance.orders\""), "line \(line)")
        let junit = folder.appendingPathComponent("check.xml")
        #expect(try faultray("check Tests/Fixtures/gate/baseline.yaml Tests/Fixtures/gate/spof-added.yaml --format junit --min-nines 2 > \(junit.path)").0 == 1)
        #expect(try LiveServer.shell("python3 Tests/Fixtures/schemas/validate.py junit \(junit.path)").0 == 0)
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"4\"") && xml.contains("new single point of failure: session-cache"))
        let (_, markdown) = try faultray("check Tests/Fixtures/gate/baseline.yaml Tests/Fixtures/gate/spof-added.yaml --format markdown")
        #expect(markdown.contains("### Gate: failed"))
        let (allowed, allowedOutput) = try faultray("check Tests/Fixtures/gate/spof-added.yaml Tests/Fixtures/gate/spof-added.yaml --allow-new-spof --format json")
        #expect(allowed == 0 && allowedOutput.contains("\"passed\":true"), "\(allowedOutput)")
    }
}
