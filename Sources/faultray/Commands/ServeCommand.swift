import ArgumentParser
import FaultRayCore
import FaultRayServer
import FaultRayStore
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the REST API (see docs and /api/openapi.json).",
        discussion: """
        The server keeps its state (the loaded model, score history) in an SQLite file in the data directory, \
        so a restart serves the same model; with --database, in a PostgreSQL database several servers share. Stop it with Ctrl-C or SIGTERM: requests in flight finish first.

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

    @Option(help: ArgumentHelp(databaseHelp, valueName: "url"))
    var database: String?

    @Option(help: "Model (YAML or JSON) to serve; replaces the stored one.")
    var model: String?

    @Flag(help: "Serve the bundled demo model; replaces the stored one.")
    var demo = false

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBodyBytes = 10 << 20

    @Option(help: "Most components a model sent to the server may have.")
    var maxComponents = 100_000

    @Flag(help: "Require an API key on every protected route, even before any key exists.")
    var requireAuth = false

    @Option(help: "Rate limiting: on (the tiers' limits per minute) or off (for local benchmarks).")
    var rateLimit: Switch = .on

    @Option(help: "Requests per minute per tier, e.g. free=30,basic=120,pro=600,enterprise=3000 (unnamed tiers keep their default).")
    var tierLimits: String?

    @Flag(help: "Trust X-Forwarded-For for the client address (only behind a proxy that sets it).")
    var trustProxy = false

    @Option(help: "Seconds a connection may wait without a complete request head (idle, or a head sent only in part) before it is closed.")
    var idleTimeout = 60.0

    @Option(help: "Seconds a request body may take to arrive in full after its head before the connection is closed.")
    var bodyTimeout = 60.0

    @Option(help: "Most connections open at once; a connection beyond gets 503 (error envelope) and is closed.")
    var maxConnections = 4096

    @Option(help: "Log lines as plain text or as one JSON object each (with the request id, also sent as X-Request-Id).")
    var logFormat: LogFormat = .text

    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if demo, model != nil { throw ValidationError("--demo and --model both choose the model; give one.") }
        guard (1...65535).contains(port) || port == 0 else { throw ValidationError("--port must be from 0 to 65535.") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive.") }
        guard maxComponents > 0 else { throw ValidationError("--max-components must be positive.") }
        guard idleTimeout > 0, idleTimeout.isFinite, bodyTimeout > 0, bodyTimeout.isFinite else {
            throw ValidationError("--idle-timeout and --body-timeout must be positive numbers of seconds.")
        }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be positive.") }
        _ = try limits()
        try validateDatabase(database)
    }

    /// The tiers' limits from `--tier-limits`, over the defaults.
    func limits() throws -> [Tier: Int] {
        var limits = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0, $0.defaultRequestsPerMinute) })
        for entry in (tierLimits ?? "").split(separator: ",") {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let tier = Tier(rawValue: String(parts[0])), let limit = Int(parts[1]), limit > 0 else {
                throw ValidationError("--tier-limits: '\(entry)' is not TIER=N with a tier of \(Tier.allCases.map(\.rawValue).joined(separator: ", ")) and N > 0.")
            }
            limits[tier] = limit
        }
        return limits
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxComponents = maxComponents
        configuration.requireAuth = requireAuth
        configuration.trustProxy = trustProxy
        configuration.idleTimeout = idleTimeout
        configuration.bodyTimeout = bodyTimeout
        configuration.maxConnections = maxConnections
        configuration.rateLimits = rateLimit == .on ? try limits() : nil
        if let dataDir { configuration.store.dataDirectory = URL(fileURLWithPath: dataDir) }
        if let database { configuration.store.databaseURL = database }
        if let model { configuration.startModel = .model(try loadModel(model)) }
        if demo { configuration.startModel = .demo }
        var logger = logFormat == .json ? Logger(label: "faultray", factory: JSONLogHandler.init)
                                                 : Logger(label: "faultray", factory: TextLogHandler.init)
        logger.logLevel = .info
        try await buildApplication(configuration, logger: logger).runService()
    }
}
