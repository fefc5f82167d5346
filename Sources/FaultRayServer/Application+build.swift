import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird
import Logging

/// How the server runs.
public struct ServerConfiguration: Sendable {
    /// Which model the server serves when it starts.
    public enum StartModel: Sendable {
        /// The model saved by the last run, if any.
        case stored
        /// The bundled demo.
        case demo
        /// A model loaded by the caller (e.g. from `--model`).
        case model(InfrastructureModel)
    }

    public var host = "127.0.0.1"
    public var port = 8000
    /// Where the embedded store lives (`./.faultray` unless `FAULTRAY_DATA_DIR` says otherwise).
    public var dataDirectory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FAULTRAY_DATA_DIR"] ?? ".faultray")
    /// The largest request body accepted (413 beyond).
    public var maxBodyBytes = 10 << 20
    public var startModel = StartModel.stored
    /// When the process started (for uptime).
    public var startedAt = Date()

    public init() {}
}

/// What route handlers share.
struct API: Sendable {
    let state: ServerState
    let routes: RouteTable
    let startedAt: Date
    var maxBodyBytes: Int { routes.maxBodyBytes }
}

/// Builds the router of every route, behind the error and request-log middleware.
func buildRouter(state: ServerState, configuration: ServerConfiguration) -> (Router<BasicRequestContext>, RouteTable) {
    let router = Router(options: .autoGenerateHeadEndpoints)
    let routes = RouteTable(router: router, maxBodyBytes: configuration.maxBodyBytes)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ErrorMiddleware(routes: routes))
    let api = API(state: state, routes: routes, startedAt: configuration.startedAt)
    ModelRoutes.register(api)
    SimulationRoutes.register(api)
    SystemRoutes.register(api)
    return (router, routes)
}

/// Builds the server for `faultray serve` and for tests: opens the store (SQLite in the data
/// directory unless `store` is given), loads the start model and wires the routes.
public func buildApplication(_ configuration: ServerConfiguration, store given: (any Store)? = nil,
                             clock: @escaping @Sendable () -> Date = Date.init,
                             logger: Logger = Logger(label: "faultray")) async throws -> some ApplicationProtocol {
    let store: any Store
    if let given { store = given } else { store = try await SQLiteStore.open(directory: configuration.dataDirectory, logger: logger) }
    let state = ServerState(store: store, clock: clock, logger: logger)
    switch configuration.startModel {
    case .stored: try await state.restore()
    case .demo: try await state.replace(with: try DemoModel.load())
    case .model(let model): try await state.replace(with: model)
    }
    let (router, _) = buildRouter(state: state, configuration: configuration)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "FaultRay/\(FaultRayVersion.current)"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            logger.info("FaultRay \(FaultRayVersion.current) listening on http://\(configuration.host):\(port)")
        },
        logger: logger)
}
