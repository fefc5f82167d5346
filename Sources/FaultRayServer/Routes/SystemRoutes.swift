import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Health, versions, the OpenAPI document, metrics, score history and the v2 dashboard.
enum SystemRoutes {
    static func register(_ api: API) {
        let health = HealthAnswer(startedAt: api.startedAt, rateLimits: api.access.limits)
        api.routes.on(.get, "/health", permission: nil) { _, _ in
            JSONBody.response(encoded: try health.body(now: api.state.clock(), componentsLoaded: await api.state.componentsLoaded,
                                                       storeAvailable: await api.store.isHealthy()))
        }

        api.routes.on(.get, "/versions", permission: nil) { _, _ in
            try JSONBody.response(["versions": APIVersion.all])
        }

        api.routes.on(.get, "/openapi.json", permission: nil) { _, _ in
            JSONBody.text(OpenAPIDocument.text, contentType: "application/json")
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
        let body = ByteBuffer(bytes: try WireJSON.encode(HealthReport(startedAt: startedAt, now: now, componentsLoaded: componentsLoaded,
                                                                     storeAvailable: storeAvailable, rateLimits: rateLimits)))
        last.withLock { $0 = (inputs, body) }
        return body
    }
}

/// The OpenAPI 3.1 document served at `/api/openapi.json` (kept in `Sources/FaultRayServer/openapi.json`).
enum OpenAPIDocument {
    static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }()
}
