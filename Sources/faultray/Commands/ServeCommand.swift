import ArgumentParser
import FaultRayCore
import FaultRayServer
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the REST API (see docs and /api/openapi.json).",
        discussion: """
        The server keeps its state (the loaded model, score history) in an SQLite file in the data directory, \
        so a restart serves the same model. Stop it with Ctrl-C or SIGTERM: requests in flight finish first.

        Examples:
          faultray serve --demo                 serve the bundled demo on http://127.0.0.1:8000
          faultray serve --model infra.yaml     serve your own model
        """)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8000

    @Option(help: "Directory of the embedded store (default: $FAULTRAY_DATA_DIR or ./.faultray).")
    var dataDir: String?

    @Option(help: "Model (YAML or JSON) to serve; replaces the stored one.")
    var model: String?

    @Flag(help: "Serve the bundled demo model; replaces the stored one.")
    var demo = false

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBodyBytes = 10 << 20

    func validate() throws {
        if demo, model != nil { throw ValidationError("--demo and --model both choose the model; give one.") }
        guard (1...65535).contains(port) || port == 0 else { throw ValidationError("--port must be from 0 to 65535.") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive.") }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        if let dataDir { configuration.dataDirectory = URL(fileURLWithPath: dataDir) }
        if let model { configuration.startModel = .model(try loadModel(model)) }
        if demo { configuration.startModel = .demo }
        var logger = Logger(label: "faultray")
        logger.logLevel = .info
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration, logger: logger)
        } catch {
            throw failure("cannot start the server: \(error)", code: 1)
        }
        try await app.runService()
    }
}
