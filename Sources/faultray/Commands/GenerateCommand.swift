import ArgumentParser
import FaultRayCore

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Print a generated layered model of any size (YAML, or JSON with --json), for tests and benchmarks.")

    @Option(help: "Number of components (at least 6).")
    var components: Int = 100

    @Option(help: "Random seed; the same seed gives the same model.")
    var seed: UInt64 = 1

    @Flag(help: "Print JSON instead of YAML.")
    var json = false

    func validate() throws {
        guard (6...1_000_000).contains(components) else { throw ValidationError("--components must be between 6 and 1000000") }
    }

    func run() {
        let model = ModelGenerator.generate(components: components, seed: seed)
        print(json ? model.json() : model.yaml(), terminator: json ? "\n" : "")
    }
}
