import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Health, versions, the OpenAPI document, metrics, score history and the v2 dashboard. Versions and the score
/// history are generated operations (below); the document and the metrics are not JSON values, the dashboard
/// summary is served only under /api/v2, and health answers load balancers' polls from bytes encoded once per
/// change (`HealthAnswer`, of the generated `HealthReport` type), so they stay hand-written routes.
enum SystemRoutes {
    static let guards: [String: RouteTable.Guard] = [
        "GET /versions": .init(permission: nil),
        "GET /score-history": .init(permission: .viewResults),
        "GET /dashboard/summary": .init(permission: .viewResults, availability: .v2),
    ]

    static func register(_ api: API) {
        let health = HealthAnswer(startedAt: api.startedAt, rateLimits: api.access.limits)
        api.routes.on(.get, "/health", permission: nil) { _, _ in
            JSONBody.response(encoded: try health.body(now: api.state.clock(), componentsLoaded: await api.state.componentsLoaded,
                                                       storeAvailable: await api.store.isHealthy()))
        }

        let document = OpenAPIDocument.served  // expanded at start, once
        api.routes.on(.get, "/openapi.json", permission: nil) { _, _ in
            JSONBody.text(document, contentType: "application/json")
        }

        api.routes.on(.get, "/metrics", .root, permission: nil) { _, _ in
            JSONBody.text(api.state.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }

    }
}

extension OperationHandler {
    func getVersions(_ input: Operations.GetVersions.Input) async throws -> Operations.GetVersions.Output {
        .ok(.init(body: .json(.init(versions: Components.Schemas.APIVersion.all))))
    }

    /// `GET /api/v2/dashboard/summary` (beta: v2 only).
    func getDashboardSummary(_ input: Operations.GetDashboardSummary.Input) async throws -> Operations.GetDashboardSummary.Output {
        let project = try await project(input.query.project)
        let assessment = try await api.state.current(project)
        let lastRun = try await api.store.scoreHistory(project: project, limit: 1, trigger: .simulation).first
        return .ok(.init(body: .json(try .init(wire: DashboardSummary(assessment, lastRun: lastRun)))))
    }

    func getScoreHistory(_ input: Operations.GetScoreHistory.Input) async throws -> Operations.GetScoreHistory.Output {
        let limit = try Query.historyLimit.value(input.query.limit)
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let history = try await api.store.scoreHistory(project: project, limit: limit, trigger: nil)
        return .ok(.init(body: .json(.init(history: try history.map(Components.Schemas.ScoreEntry.init(wire:)), count: history.count))))
    }
}

/// `GET /api/health`'s body, encoded again only when it changes: a `HealthReport` depends on the
/// time only through the uptime to the second and to the tenth and the current second, so within a
/// tenth of a second (at most) every request with the same store status and component count gets the
/// same bytes.
final class HealthAnswer: Sendable {
    /// Everything a report is made from besides the constants.
    private struct Inputs: Equatable {
        var storeAvailable: Bool
        var componentsLoaded: Int
        var uptimeWhole: Int
        var uptimeTenths: Double
        var second: Double
    }

    private let startedAt: Date
    private let rateLimits: [Tier: Int]?
    private let last = Locked<(inputs: Inputs, body: ByteBuffer)?>(nil)

    init(startedAt: Date, rateLimits: [Tier: Int]?) {
        self.startedAt = startedAt
        self.rateLimits = rateLimits
    }

    /// The encoded report at `now`.
    func body(now: Date, componentsLoaded: Int, storeAvailable: Bool) throws -> ByteBuffer {
        let uptime = max(0, now.timeIntervalSince(startedAt))
        let inputs = Inputs(storeAvailable: storeAvailable, componentsLoaded: componentsLoaded, uptimeWhole: Int(uptime),
                            uptimeTenths: Format.round(uptime, places: 1), second: now.timeIntervalSince1970.rounded(.down))
        if let last = last.withLock({ $0 }), last.inputs == inputs { return last.body }
        let report = Components.Schemas.HealthReport(startedAt: startedAt, now: now, componentsLoaded: componentsLoaded,
                                                     storeAvailable: storeAvailable, rateLimits: rateLimits)
        let body = ByteBuffer(bytes: try WireJSON.encoder(snakeCaseKeys: false).encode(report))
        last.withLock { $0 = (inputs, body) }
        return body
    }
}
