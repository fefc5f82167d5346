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
        --fail-on to fail a CI job (exit code 1). --format sarif annotates the model file's components (SPOFs, critical \
        scenarios, score findings) for code scanning, junit gives one test case per scenario, markdown a pull-request \
        comment (with the change from --baseline). FILE may also be the JSON of `terraform show -json`.
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

    @Flag(help: "Print JSON instead of tables (the same as --format json).")
    var json = false

    @Option(help: "Output format: text, json, sarif, junit or markdown.")
    var format: OutputFormat?

    @Option(help: "A baseline model (or Terraform JSON) the Markdown comment compares with.")
    var baseline: String?

    @Option(help: "Exit with code 1 if the resilience score is below this value (0-100).")
    var minScore: Double?

    @Option(help: "Exit with code 1 if any scenario is at least this bad: critical or warning.")
    var failOn: GateLevel?

    enum GateLevel: String, ExpressibleByArgument, CaseIterable { case critical, warning }

    func validate() throws {
        if let minScore, !(0...100).contains(minScore) { throw ValidationError("--min-score must be between 0 and 100") }
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) disagree; give one") }
        if (failComponent != nil || !faults.isEmpty), ![nil, .text, .json].contains(format) {
            throw ValidationError("--format \(format!.rawValue) needs the full run (without --fail or --fault)")
        }
        if baseline != nil, outputFormat != .markdown { throw ValidationError("--baseline is for --format markdown (use `faultray check` to gate on a baseline)") }
        if failComponent != nil, !faults.isEmpty { throw ValidationError("use either --fail or --fault") }
        if latencyMs != nil, !faults.contains(where: { $0.hasSuffix(":latency_spike") }) {
            throw ValidationError("--latency-ms sizes a latency_spike fault: add --fault COMPONENT:latency_spike")
        }
    }

    /// The format asked for: `--format`, or JSON with `--json`, or text.
    var outputFormat: OutputFormat { format ?? (json ? .json : .text) }

    func run() throws {
        let input = try GateInput.load(file)
        let json = outputFormat == .json
        if failComponent != nil || !faults.isEmpty {
            let assessment = Assessment(input.model)
            let injected = try (failComponent.map { [Fault(.componentDown, target: try index(of: $0, in: assessment))] } ?? [])
                + faults.map { try fault($0, in: assessment) }
            let result = assessment.engine.simulate(injected, availability: assessment.availability)
            if json { try printJSON(result) } else { Report.printCascade(result) }
            return
        }
        let run = GateRun(input, progress: outputFormat == .text)
        switch outputFormat {
        case .text: Report.printFullRun(run.report, assessment: run.assessment)
        case .json: try printJSON(run.report)
        case .sarif: print(CIFormats.sarif(run.findings.findings, locations: input.locations, properties: Dictionary(uniqueKeysWithValues: run.properties)))
        case .junit:
            print(CIFormats.junit(suite: "faultray simulate \(file)", cases: run.junitCases(failOn: failOn ?? .critical),
                                  properties: run.properties.map { ($0.0, Format.number($0.1)) }), terminator: "")
        case .markdown:
            let base = try baseline.map { GateRun(try GateInput.load($0), progress: false).summary }
            print(CIFormats.markdown(current: run.summary, baseline: base), terminator: "")
        }
        try gate(run.report)
    }

    private func index(of id: String, in assessment: Assessment) throws -> Int {
        guard let target = assessment.graph.index(of: id) else {
            throw UnknownNameError(.component, name: id, known: assessment.model.components.map(\.id))
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
