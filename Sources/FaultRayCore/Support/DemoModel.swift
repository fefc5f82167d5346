import Foundation

/// The bundled demo model (a copy of `examples/demo.yaml`).
public enum DemoModel {
    public static var url: URL? { Bundle.module.url(forResource: "demo", withExtension: "yaml", subdirectory: "Data") }

    public static func load() throws -> InfrastructureModel {
        guard let url else { throw ModelError(file: "demo.yaml", issues: [ModelIssue(line: 0, column: 0, path: "", message: "the demo model is missing from this build")]) }
        return try ModelLoader.load(contentsOf: url)
    }
}
