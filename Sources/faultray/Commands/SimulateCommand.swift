import Foundation
import ArgumentParser
import FaultRayCore

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run every failure scenario on a model (the CI gate), or one component's failure with --fail.",
        discussion: """
        Without --fail, generates single failures, instance failures, typed faults, traffic spikes, failure-domain \
        outages and every pair of failures, and reports what was generated, merged and run. Use --min-score and \
        --fail-on to fail a CI job (exit code 1).
        """)

    @Argument(help: "The model file (YAML or JSON).")
    var file: String

    @Option(name: .customLong("fail"), help: "Simulate only this component going down, with its cascade wave by wave.")
    var failComponent: String?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: "Exit with code 1 if the resilience score is below this value (0-100).")
    var minScore: Double?

    @Option(help: "Exit with code 1 if any scenario is at least this bad: critical or warning.")
    var failOn: GateLevel?

    enum GateLevel: String, ExpressibleByArgument, CaseIterable { case critical, warning }

    func validate() throws {
        if let minScore, !(0...100).contains(minScore) { throw ValidationError("--min-score must be between 0 and 100") }
    }

    func run() throws {
        let assessment = Assessment(try loadModel(file))
        if let failComponent {
            guard let target = assessment.graph.index(of: failComponent) else {
                let ids = assessment.model.components.map(\.id)
                let hint = Suggestion.hint(for: failComponent, among: ids)
                throw failure("Component '\(failComponent)' not found\(hint).")
            }
            let result = assessment.engine.simulate([Fault(.componentDown, target: target)], availability: assessment.availability)
            if json { try printJSON(result) } else { Report.printCascade(result) }
            return
        }
        let progress = ProgressLine(enabled: !json)
        let report = FullRun(assessment).run(progress: progress.update)
        if json { try printJSON(report) } else { Report.printFullRun(report, assessment: assessment) }
        try gate(report)
    }

    private func gate(_ report: FullRunReport) throws {
        var failures: [String] = []
        if let minScore, report.resilienceScore < minScore {
            failures.append("resilience score \(Format.number(report.resilienceScore)) is below \(Format.number(minScore))")
        }
        switch failOn {
        case .critical? where report.critical > 0: failures.append("\(report.critical) critical scenarios")
        case .warning? where report.critical + report.warning > 0:
            failures.append("\(report.critical) critical and \(report.warning) warning scenarios")
        default: break
        }
        guard failures.isEmpty else {
            throw failure("gate failed: " + failures.joined(separator: "; "), code: 1)
        }
    }
}
