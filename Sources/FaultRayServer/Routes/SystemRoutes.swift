import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Health, versions, the OpenAPI document, metrics, score history and the v2 dashboard. Health, versions and
/// the score history are generated operations (below); the document and the metrics are not JSON values, and
/// the dashboard summary is served only under /api/v2, so they stay hand-written routes.
enum SystemRoutes {
    static let guards: [String: RouteTable.Guard] = [
        "GET /health": .init(permission: nil),
        "GET /versions": .init(permission: nil),
        "GET /score-history": .init(permission: .viewResults),
    ]

    static func register(_ api: API) {
        let document = OpenAPIDocument.served  // expanded at start, once
        api.routes.on(.get, "/openapi.json", permission: nil) { _, _ in
            JSONBody.text(document, contentType: "application/json")
        }

        api.routes.on(.get, "/metrics", .root, permission: nil) { _, _ in
            JSONBody.text(api.state.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }

        api.routes.on(.get, "/dashboard/summary", .v2, permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let assessment = try await api.state.current(project)
            let lastRun = try await api.store.scoreHistory(project: project, limit: 1, trigger: .simulation).first
            return try JSONBody.response(DashboardSummary(assessment, lastRun: lastRun))
        }
    }
}

extension OperationHandler {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(startedAt: api.startedAt, now: api.state.clock(), componentsLoaded: await api.state.componentsLoaded,
                                    storeAvailable: await api.store.isHealthy(), rateLimits: api.access.limits))))
    }

    func getVersions(_ input: Operations.GetVersions.Input) async throws -> Operations.GetVersions.Output {
        .ok(.init(body: .json(.init(versions: Components.Schemas.APIVersion.all))))
    }

    func getScoreHistory(_ input: Operations.GetScoreHistory.Input) async throws -> Operations.GetScoreHistory.Output {
        let limit = try Query.historyLimit.value(input.query.limit)
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let history = try await api.store.scoreHistory(project: project, limit: limit, trigger: nil)
        return .ok(.init(body: .json(.init(history: try history.map(Components.Schemas.ScoreEntry.init(wire:)), count: history.count))))
    }
}

