import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// How the server runs.
public struct ServerConfiguration: Sendable {
    /// Which model the default project serves when the server starts.
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
    /// Where the store lives: the embedded SQLite directory or a PostgreSQL database shared by several servers.
    public var store = StoreLocation()
    /// The largest request body accepted (413 beyond).
    public var maxBodyBytes = 10 << 20
    /// The most components a model sent to the server may have (413 beyond).
    public var maxComponents = 100_000
    public var startModel = StartModel.stored
    /// When the process started (for uptime).
    public var startedAt = Date()
    /// Require keys even before one exists (otherwise: as soon as one active key exists).
    public var requireAuth = false
    /// Trust `X-Forwarded-For` for the client address (only behind a proxy that sets it).
    public var trustProxy = false
    /// Seconds a connection may stay without a complete request head (after it opened or since its last
    /// answer) before it is closed: idle keep-alive connections and half-sent heads alike.
    public var idleTimeout = 60.0
    /// Seconds a request body may take to arrive in full after its head before the connection is closed.
    public var bodyTimeout = 60.0
    /// The most connections open at once; one beyond gets a 503 and is closed.
    public var maxConnections = 4096
    /// Requests per minute per tier; `nil` turns rate limiting off.
    public var rateLimits: [Tier: Int]? = Dictionary(uniqueKeysWithValues: Tier.allCases.map { ($0, $0.defaultRequestsPerMinute) })

    public init() {}
}

/// What route handlers share.
struct API: Sendable {
    let state: ServerState
    let routes: RouteTable.Builder
    let startedAt: Date
    var access: Access { routes.access }
    var store: MonitoredStore { state.store }
    var maxBodyBytes: Int { routes.maxBodyBytes }
    var maxComponents: Int { routes.maxComponents }

    /// The project a call is about (`?project=ID`, absent or empty: `default`), checked to exist and to
    /// be within the caller's key; another key's project answers 404, as if it did not exist. Inlined, as `project(id:_:)`,
    /// into the routes: the store is awaited only for a project other than the default.
    @inline(__always)
    func project(_ request: Request, _ context: FaultRayContext) async throws -> String {
        try await project(id: projectID(request), context)
    }

    /// The project `?project=` names, unchecked (absent or empty: `default`).
    func projectID(_ request: Request) -> String {
        projectID(request.uri.queryParameters["project"].map(String.init))
    }

    /// The project a `project` query value names (absent or empty: `default`), unchecked.
    func projectID(_ name: String?) -> String {
        name.flatMap { $0.isEmpty ? nil : $0 } ?? Project.defaultID
    }

    /// The project `id`, checked as above.
    @inline(__always)
    func project(id: String, _ context: FaultRayContext) async throws -> String {
        let notFound = { UnknownNameError(.project, name: id, known: []) }  // made only when thrown
        if let confined = context.caller.project, confined != id { throw notFound() }
        if id == Project.defaultID { return id }
        guard try await store.project(id: id) != nil else { throw notFound() }
        return id
    }
}

/// Builds the router of every route, behind the request-record, access and error middleware.
func buildRouter(state: ServerState, configuration: ServerConfiguration) -> (LiteralRoutes, RouteTable) {
    let router = Router(context: FaultRayContext.self, options: .autoGenerateHeadEndpoints)
    let access = Access(store: state.store, configuration: configuration, clock: state.clock)
    let builder = RouteTable.Builder(access: access, maxBodyBytes: configuration.maxBodyBytes, maxComponents: configuration.maxComponents)
    let api = API(state: state, routes: builder, startedAt: configuration.startedAt)
    ModelRoutes.register(api)
    SimulationRoutes.register(api)
    SystemRoutes.register(api)
    AnalysisRoutes.register(api)
    BadgeRoutes.register(api)
    DiffRoutes.register(api)
    CalendarRoutes.register(api)
    DashboardRoutes.register(api)
    OperationHandler.register(api)
    let routes = builder.build()
    let middleware = RequestMiddleware(record: RequestRecordMiddleware(metrics: state.metrics, log: RequestLog(logger: state.logger)),
                                       access: AccessMiddleware(access: access, metrics: state.metrics),
                                       errors: ErrorMiddleware(routes: routes))
    var literalRoutes = LiteralRoutes(router: router, middleware: middleware)
    routes.add(to: &literalRoutes)
    return (literalRoutes, routes)
}

/// Builds the server for `faultray serve` and for tests: opens the store (`StoreLocation.open`, unless
/// `store` is given; when it cannot be opened the server still starts, degraded), loads the start model
/// and wires the routes. A store it opened is closed when the application shuts down (`StoreService`);
/// a given one stays the caller's to close.
public func buildApplication(_ configuration: ServerConfiguration, store given: (any Store)? = nil,
                             clock: @escaping @Sendable () -> Date = Date.init,
                             logger: Logger = Logger(label: "faultray")) async -> some ApplicationProtocol {
    let store: any Store
    if let given {
        store = given
    } else {
        do {
            store = try await configuration.store.open(logger: logger)
        } catch let error as StoreError {
            logger.error("the store is unavailable; serving without it (state changes answer 503)", metadata: ["error": "\(error)"])
            store = UnavailableStore(reason: error)
        } catch {
            store = UnavailableStore(reason: StoreError("\(error)"))
        }
    }
    let services: [any Service] = given == nil ? [StoreService(store: store)] : []
    let state = ServerState(store: MonitoredStore(store, clock: clock), clock: clock, logger: logger)
    switch configuration.startModel {
    case .stored: _ = try? await state.current(Project.defaultID)
    case .demo: _ = try? await state.replace(Project.defaultID, with: DemoModel.load(), evenIfUnsaved: true)
    case .model(let model): _ = try? await state.replace(Project.defaultID, with: model, evenIfUnsaved: true)
    }
    let (router, _) = buildRouter(state: state, configuration: configuration)
    let connections = ConnectionCounter(limit: configuration.maxConnections)
    let bodyTimeout = TimeAmount.nanoseconds(Int64(configuration.bodyTimeout * 1e9))
    return Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionHandler(counter: connections, bodyTimeout: bodyTimeout)],
            idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1e9)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "FaultRay/\(FaultRayVersion.current)"),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            logger.info("FaultRay \(FaultRayVersion.current) listening on http://\(configuration.host):\(port)")
        },
        logger: logger)
}
