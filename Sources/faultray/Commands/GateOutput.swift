import ArgumentParser
import FaultRayCore
import Foundation

/// The output formats of the CI gate commands (`simulate`, `check`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, markdown
}

/// A model a gate runs on, and where its components are in the file the user gave.
struct GateInput {
    let model: InfrastructureModel
    let locations: ModelLocations

    /// Reads a model file, or the JSON of `terraform show -json` (a plan or state), which is imported first.
    static func load(_ path: String) throws -> GateInput {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if isTerraformJSON(text) {
            do {
                let imported = try TerraformImporter.load(text: text, file: path)
                return GateInput(model: imported.model, locations: imported.locations)
            } catch let error as ModelError {
                throw failure(error.description)
            }
        }
        return GateInput(model: try loadModel(path), locations: ModelLocations(file: path, text: text))
    }

    /// Whether a text is `terraform show -json` output rather than a model (which has `components`).
    static func isTerraformJSON(_ text: String) -> Bool {
        let head = text.prefix(4096)
        return head.hasPrefix("{") && (head.contains("\"format_version\"") || head.contains("\"planned_values\"") || head.contains("\"root_module\""))
            && !head.contains("\"components\"")
    }
}

/// A full run of one model, with what CI reports of it.
struct GateRun {
    let input: GateInput
    let assessment: Assessment
    let report: FullRunReport
    var findings: SimulationFindings { SimulationFindings(assessment: assessment, report: report) }
    var summary: GateSummary { GateSummary(findings) }

    init(_ input: GateInput, progress: Bool) {
        self.input = input
        assessment = Assessment(input.model)
        report = FullRun(assessment).run(progress: ProgressLine(enabled: progress).update)
    }

    /// Score and availability, as SARIF run properties and JUnit properties.
    var properties: [(String, Double)] {
        let availability = AvailabilityFigures(availability: assessment.availability.overall)
        return [("resilienceScore", report.resilienceScore), ("availabilityPercent", availability.percent), ("availabilityNines", availability.nines),
                ("singlePointsOfFailure", Double(assessment.spofs.count)), ("criticalScenarios", Double(report.critical))]
    }

    /// One JUnit test case per scenario (and per pair critical only together); a failure at `failOn` or worse.
    func junitCases(failOn: SimulateCommand.GateLevel) -> [CIFormats.TestCase] {
        let failing: Set<Severity> = failOn == .critical ? [.critical] : [.critical, .warning]
        return (report.scenarios + report.criticalTogetherPairs).map { scenario in
            CIFormats.TestCase(classname: scenario.category.rawValue, name: scenario.name,
                               failure: failing.contains(scenario.severity) ? SimulationFindings.describe(scenario) : nil)
        }
    }
}
