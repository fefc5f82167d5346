import ArgumentParser
import FaultRayCore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The regression gate: compare a change with its baseline and fail (exit 1) when resilience got worse.",
        discussion: """
        BASELINE and CURRENT are model files or the JSON of `terraform show -json` (plans or states, imported first). \
        By default a new single point of failure, a new critical scenario or any drop of the resilience score fails \
        the check; --max-score-drop, --allow-new-spof and --min-nines change that. The reasons are printed (on stderr \
        too when it fails), in the format asked for.
        """)

    @Argument(help: "The baseline: a model file or Terraform JSON (e.g. the main branch's).")
    var baselineFile: String

    @Argument(help: "The change: a model file or Terraform JSON.")
    var currentFile: String

    @Option(help: "Largest resilience score drop allowed (points, default 0).")
    var maxScoreDrop: Double = 0

    @Flag(help: "Report new single points of failure without failing.")
    var allowNewSpof = false

    @Option(help: "Fail when the current model's availability has fewer nines than this.")
    var minNines: Double?

    @Option(help: "Output format: text, json, sarif, junit or markdown.")
    var format: OutputFormat = .text

    func validate() throws {
        guard maxScoreDrop >= 0, maxScoreDrop <= 100 else { throw ValidationError("--max-score-drop must be between 0 and 100") }
        if let minNines, !(0...20).contains(minNines) { throw ValidationError("--min-nines must be between 0 and 20") }
    }

    /// The check as JSON.
    struct Outcome: Encodable {
        struct Side: Encodable {
            var file: String
            var resilienceScore: Double
            var grade: String
            var availability: AvailabilityFigures
            var singlePointsOfFailure: [String]
            var criticalScenarios: Int
        }
        var passed: Bool
        var baseline: Side
        var current: Side
        var regressions: [GateFinding]
    }

    func run() throws {
        let baseline = GateRun(try GateInput.load(baselineFile), progress: false)
        let current = GateRun(try GateInput.load(currentFile), progress: false)
        let gate = GateCheck(maxScoreDrop: maxScoreDrop, allowNewSPOF: allowNewSpof, minNines: minNines)
        let before = baseline.summary, after = current.summary
        let regressions = gate.regressions(baseline: before, current: after)
        let failing = regressions.filter { $0.level == .error }
        switch format {
        case .text:
            print("baseline \(baselineFile): score \(Format.number(before.score)) (\(before.grade)), \(before.availability.percent)%, \(before.spofs.count) SPOFs, \(before.critical.count) critical scenarios")
            print("current  \(currentFile): score \(Format.number(after.score)) (\(after.grade)), \(after.availability.percent)%, \(after.spofs.count) SPOFs, \(after.critical.count) critical scenarios")
            for r in regressions { print("  \(r.level.rawValue): \(r.message)") }
            print(failing.isEmpty ? "check passed" : "check failed: \(failing.count) regression\(failing.count == 1 ? "" : "s")")
        case .json:
            func side(_ file: String, _ s: GateSummary) -> Outcome.Side {
                Outcome.Side(file: file, resilienceScore: s.score, grade: s.grade, availability: s.availability, singlePointsOfFailure: s.spofs, criticalScenarios: s.critical.count)
            }
            try printJSON(Outcome(passed: failing.isEmpty, baseline: side(baselineFile, before), current: side(currentFile, after), regressions: regressions))
        case .sarif:
            print(CIFormats.sarif(regressions, locations: current.input.locations, properties: Dictionary(uniqueKeysWithValues: current.properties)))
        case .junit:
            print(CIFormats.junit(suite: "faultray check \(baselineFile) \(currentFile)", cases: junitCases(regressions),
                                  properties: current.properties.map { ($0.0, Format.number($0.1)) }), terminator: "")
        case .markdown:
            print(CIFormats.markdown(current: after, baseline: before, regressions: regressions), terminator: "")
        }
        guard failing.isEmpty else {
            throw failure("check failed: " + failing.map(\.message).joined(separator: "; "), code: 1)
        }
    }

    /// One test case per rule the gate applies; each fails with its regressions.
    private func junitCases(_ regressions: [GateFinding]) -> [CIFormats.TestCase] {
        var rules: [(GateRule, String)] = [
            (.scoreDrop, "resilience score drops by at most \(Format.number(maxScoreDrop))"),
            (.newSinglePointOfFailure, "no new single point of failure"),
            (.newCriticalScenario, "no new critical scenario"),
        ]
        if let minNines { rules.append((.availabilityBelowTarget, "availability of at least \(Format.number(minNines)) nines")) }
        return rules.map { rule, name in
            let failed = regressions.filter { $0.rule == rule && $0.level == .error }.map(\.message)
            return CIFormats.TestCase(classname: "check", name: name, failure: failed.isEmpty ? nil : failed.joined(separator: "\n"))
        }
    }
}
