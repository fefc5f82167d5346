import ArgumentParser
import FaultRayCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Summarise the bundled demo model (examples/demo.yaml) and its full scenario run.")

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func run() throws {
        let assessment = Assessment(try demoModel())
        let report = FullRun(assessment).run(progress: ProgressLine(enabled: !json).update)
        if json { try printJSON(report) } else { Report.printFullRun(report, assessment: assessment) }
    }
}
