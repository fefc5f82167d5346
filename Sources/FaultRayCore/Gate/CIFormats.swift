import Foundation

/// The formats CI tools read: SARIF 2.1.0 (code scanning), JUnit XML (test reports) and Markdown (a pull-request comment).
public enum CIFormats {
    /// A SARIF 2.1.0 log of `findings`, each result at its component's line in the model file, one rule per kind.
    public static func sarif(_ findings: [GateFinding], locations: ModelLocations, properties: [String: Double] = [:]) -> String {
        let rules = GateRule.allCases.filter { rule in findings.contains { $0.rule == rule } }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element, $0.offset) })
        let results: [[String: Any]] = findings.map { finding in
            [
                "ruleId": finding.rule.rawValue,
                "ruleIndex": ruleIndex[finding.rule]!,
                "level": finding.level.rawValue,
                "message": ["text": finding.message],
                "locations": [[
                    "physicalLocation": [
                        "artifactLocation": ["uri": locations.file],
                        "region": ["startLine": locations.line(of: finding.component)],
                    ] as [String: Any],
                    "logicalLocations": finding.component.map { [["name": $0, "kind": "component"]] } ?? [],
                ] as [String: Any]],
            ]
        }
        let driver: [String: Any] = [
            "name": "FaultRay",
            "version": FaultRayVersion.current,
            "rules": rules.map { rule in
                [
                    "id": rule.rawValue,
                    "name": rule.title.replacingOccurrences(of: " ", with: ""),
                    "shortDescription": ["text": rule.title],
                    "fullDescription": ["text": rule.help],
                    "help": ["text": rule.help, "markdown": "**\(rule.title).** \(rule.help)"],
                    "defaultConfiguration": ["level": [GateRule.singlePointOfFailure, .criticalScenario, .newSinglePointOfFailure, .newCriticalScenario, .scoreDrop, .availabilityBelowTarget].contains(rule) ? "error" : "warning"],
                ] as [String: Any]
            },
        ]
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [["tool": ["driver": driver], "results": results, "properties": properties] as [String: Any]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// One JUnit test case: its class (a category), its name and, when it failed, why.
    public struct TestCase: Sendable {
        public var classname: String
        public var name: String
        public var failure: String?

        public init(classname: String, name: String, failure: String?) {
            self.classname = classname
            self.name = name
            self.failure = failure
        }
    }

    /// A JUnit XML report: one test suite of `cases`, with `properties` (score, availability …).
    public static func junit(suite: String, cases: [TestCase], properties: [(String, String)] = []) -> String {
        let failures = cases.filter { $0.failure != nil }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"faultray\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"\(escape(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
        if !properties.isEmpty {
            xml += "    <properties>\n"
            for (name, value) in properties { xml += "      <property name=\"\(escape(name))\" value=\"\(escape(value))\"/>\n" }
            xml += "    </properties>\n"
        }
        for test in cases {
            let head = "    <testcase classname=\"\(escape(test.classname))\" name=\"\(escape(test.name))\" time=\"0\""
            if let failure = test.failure {
                xml += head + ">\n      <failure type=\"\(escape(test.classname))\" message=\"\(escape(failure))\">\(escape(failure))</failure>\n    </testcase>\n"
            } else {
                xml += head + "/>\n"
            }
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    /// Text as XML character data or an attribute value (characters XML 1.0 cannot hold are replaced).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            default:
                let v = scalar.value
                out += v < 0x20 || (0xFFFE...0xFFFF).contains(v) ? "\u{FFFD}" : String(scalar)
            }
        }
        return out
    }

    /// A pull-request comment: score and availability (with the change from `baseline`), new SPOFs,
    /// the gate's regressions and the fixes worth the most points.
    public static func markdown(current: GateSummary, baseline: GateSummary?, regressions: [GateFinding]? = nil) -> String {
        func delta(_ now: Double, _ before: Double?) -> String {
            guard let before else { return "" }
            let d = Format.round(now - before, places: 2)
            return d == 0 ? " (±0)" : " (\(d > 0 ? "+" : "")\(Format.number(d)))"
        }
        var lines = ["## FaultRay resilience report", ""]
        lines.append("**Resilience score: \(Format.number(current.score))/100 (\(current.grade))**\(delta(current.score, baseline?.score))")
        lines.append("")
        lines.append("| | " + (baseline == nil ? "this change |" : "baseline | this change |"))
        lines.append(baseline == nil ? "|---|---:|" : "|---|---:|---:|")
        let rows: [(String, String?, String)] = [
            ("Resilience score", baseline.map { Format.number($0.score) }, Format.number(current.score) + delta(current.score, baseline?.score)),
            ("Availability", baseline.map { "\($0.availability.percent)% (\(Format.number($0.availability.nines, places: 2)) nines)" },
             "\(current.availability.percent)% (\(Format.number(current.availability.nines, places: 2)) nines)"),
            ("Single points of failure", baseline.map { String($0.spofs.count) }, String(current.spofs.count)),
            ("Critical scenarios", baseline.map { String($0.critical.count) }, String(current.critical.count)),
        ]
        for (name, before, now) in rows { lines.append("| \(name) | " + (baseline == nil ? "\(now) |" : "\(before ?? "") | \(now) |")) }
        if let baseline {
            let added = GateCheck.newSPOFs(baseline, current)
            lines += ["", "### New single points of failure", ""]
            lines += added.isEmpty ? ["None."] : added.map { "- `\($0)`" }
        }
        if let regressions {
            let failing = regressions.filter { $0.level == .error }
            lines += ["", failing.isEmpty ? "### Gate: passed ✅" : "### Gate: failed ❌", ""]
            lines += regressions.isEmpty ? ["No regression against the baseline."] : regressions.map { "- \($0.level == .error ? "**\($0.rule.title)**" : $0.rule.title): \($0.message)" }
        }
        lines += ["", "### Top fixes", ""]
        lines += current.topFixes.isEmpty ? ["Nothing costs points."] : current.topFixes.enumerated().map { "\($0.offset + 1). \($0.element.message) (−\(Format.number($0.element.points)) points): \($0.element.fix)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
