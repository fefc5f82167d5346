import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Health, versions, the OpenAPI document, metrics, score history and the v2 dashboard.
enum SystemRoutes {
    static func register(_ api: API) {
        api.routes.on(.get, "/health", permission: nil) { _, _ in
            try JSONBody.response(HealthReport(startedAt: api.startedAt, now: api.state.clock(), componentsLoaded: await api.state.componentsLoaded,
                                           storeAvailable: await api.store.isHealthy(), rateLimits: api.access.limits))
        }

        api.routes.on(.get, "/versions", permission: nil) { _, _ in
            try JSONBody.response(["versions": APIVersion.all])
        }

        let document = OpenAPIDocument.served  // expanded at start, once
        api.routes.on(.get, "/openapi.json", permission: nil) { _, _ in
            JSONBody.text(document, contentType: "application/json")
        }

        api.routes.on(.get, "/metrics", .root, permission: nil) { _, _ in
            JSONBody.text(api.state.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }

        api.routes.on(.get, "/score-history", permission: .viewResults) { request, context in
            let limit = try Query.int(request, "limit", default: 30, range: 1...1000)
            let history = try await api.store.scoreHistory(project: try await api.project(request, context), limit: limit, trigger: nil)
            return try JSONBody.response(ScoreHistory(history: history, count: history.count))
        }

        api.routes.on(.get, "/dashboard/summary", .v2, permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let assessment = try await api.state.current(project)
            let lastRun = try await api.store.scoreHistory(project: project, limit: 1, trigger: .simulation).first
            return try JSONBody.response(DashboardSummary(assessment, lastRun: lastRun))
        }
    }
}
