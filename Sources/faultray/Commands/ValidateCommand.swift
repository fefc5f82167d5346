import ArgumentParser
import FaultRayCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a model file and report every problem with its line and column.")

    @Argument(help: "The model file (YAML or JSON).")
    var file: String

    func run() throws {
        let model = try loadModel(file)
        let assessment = Assessment(model)
        print("\(file): valid — \(model.components.count) components, \(model.dependencies.count) dependencies, "
              + "resilience score \(Format.number(assessment.score.score)) (\(ResilienceScore.grade(assessment.score.score))), "
              + "\(assessment.spofs.count) single points of failure")
    }
}
