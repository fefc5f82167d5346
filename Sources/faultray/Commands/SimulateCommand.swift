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

    @Option(name: .customLong("fault"), help: ArgumentHelp(
        "Simulate this fault and its cascade: COMPONENT:KIND, KIND one of \(FaultKind.targeted.map(\.name).joined(separator: ", ")). Repeat to inject several at once.",
        valueName: "component:kind"))
    var faults: [String] = []

    @Option(help: "Size of the latency_spike faults: milliseconds added to every answer, compared with each caller's timeout.")
    var latencyMs: Double?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: "Exit with code 1 if the resilience score is below this value (0-100).")
    var minScore: Double?

    @Option(help: "Exit with code 1 if any scenario is at least this bad: critical or warning.")
    var failOn: GateLevel?

    enum GateLevel: String, ExpressibleByArgument, CaseIterable { case critical, warning }

    func validate() throws {
        if let minScore, !(0...100).contains(minScore) { throw ValidationError("--min-score must be between 0 and 100") }
        if failComponent != nil, !faults.isEmpty { throw ValidationError("use either --fail or --fault") }
        if latencyMs != nil, !faults.contains(where: { $0.hasSuffix(":latency_spike") }) {
            throw ValidationError("--latency-ms sizes a latency_spike fault: add --fault COMPONENT:latency_spike")
        }
    }

    func run() throws {
        let assessment = Assessment(try loadModel(file))
        let injected = try (failComponent.map { [Fault(.componentDown, target: try index(of: $0, in: assessment))] } ?? [])
            + faults.map { try fault($0, in: assessment) }
        if !injected.isEmpty {
            let result = assessment.engine.simulate(injected, availability: assessment.availability)
            if json { try printJSON(result) } else { Report.printCascade(result) }
            return
        }
        let progress = ProgressLine(enabled: !json)
        let report = FullRun(assessment).run(progress: progress.update)
        if json { try printJSON(report) } else { Report.printFullRun(report, assessment: assessment) }
        try gate(report)
    }

    private func index(of id: String, in assessment: Assessment) throws -> Int {
        guard let target = assessment.graph.index(of: id) else {
            throw failure("Component '\(id)' not found\(Suggestion.hint(for: id, among: assessment.model.components.map(\.id))).")
        }
        return target
    }

    /// `COMPONENT:KIND` as a fault, sized by `--latency-ms` for a latency spike.
    private func fault(_ text: String, in assessment: Assessment) throws -> Fault {
        guard let colon = text.lastIndex(of: ":") else { throw failure("--fault '\(text)': expected COMPONENT:KIND") }
        let target = try index(of: String(text[..<colon]), in: assessment)
        let name = String(text[text.index(after: colon)...])
        do {
            return Fault(try FaultKind.targeted(named: name, latencyMs: name == "latency_spike" ? latencyMs : nil), target: target)
        } catch {
            throw failure("--fault '\(text)': \(error.message)")
        }
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
