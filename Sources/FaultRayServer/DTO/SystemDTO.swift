import FaultRayCore
import FaultRayStore
import Foundation

extension Components.Schemas.APIVersion {
    /// Every API version, with its status and what changed in it.
    static let all = [
        Self(version: "v1", status: "stable", prefix: "/api/v1", releaseDate: "2026-11-29", changelog: [
            "Every /api route is also served under /api/v1; unversioned /api paths are v1.",
            "Model upload with PUT /api/infrastructure (YAML or JSON), validated with line and column.",
            "Cascade results list each component once, with the time, reason and cause of its health.",
            "One error envelope {\"error\":{\"code\",\"message\"}} for every failure.",
        ]),
        Self(version: "v2", status: "beta", prefix: "/api/v2", releaseDate: "2026-11-29", changelog: [
            "GET /api/v2/dashboard/summary: score, availability, SPOFs, the last full run and the top risks.",
            "Every v1 route is also served under /api/v2.",
        ]),
    ]
}

extension Components.Schemas.HealthReport {
    /// `GET /api/health`: `degraded` while the store fails (state changes answer 503; the store is probed when
    /// asked, at most once a second); the tiers' requests per minute as configured, and `off` when the server
    /// runs with `--rate-limit off`.
    init(startedAt: Date, now: Date, componentsLoaded: Int, storeAvailable: Bool, rateLimits: [Tier: Int]?) {
        func perMinute(_ tier: Tier) -> Int { rateLimits?[tier] ?? tier.defaultRequestsPerMinute }
        let seconds = max(0, now.timeIntervalSince(startedAt))
        let whole = Int(seconds)
        self.init(status: storeAvailable ? .healthy : .degraded, version: FaultRayVersion.current,
                  uptime: "\(whole / 3600)h \(whole / 60 % 60)m \(whole % 60)s", uptimeSeconds: Format.round(seconds, places: 1),
                  componentsLoaded: componentsLoaded, apiVersions: Components.Schemas.APIVersion.all,
                  rateLimitTiers: .init(basic: perMinute(.basic), enterprise: perMinute(.enterprise), free: perMinute(.free), pro: perMinute(.pro)),
                  rateLimiting: rateLimits == nil ? .off : .on, timestamp: now)
    }
}

/// `GET /api/v2/dashboard/summary`: the headline figures of the loaded model.
struct DashboardSummary: Encodable {
    var name: String
    var resilienceScore: Double
    var grade: String
    /// Availability of the weakest entry point, rounded down to three decimals (never overstated), e.g. `99.977%`.
    var slaEstimate: String
    var availability: AvailabilityFigures
    var spofCount: Int
    var components: Int
    var dependencies: Int
    /// The last full run (`POST /api/simulate`) on this project, if any.
    var lastRun: ScoreEntry?
    /// The findings that cost the most points, with their fixes.
    var topRisks: [ResilienceScore.Finding]

    static let topRiskCount = 5

    init(_ assessment: Assessment, lastRun: ScoreEntry?) {
        let figures = AvailabilityFigures(availability: assessment.availability.overall)
        name = assessment.model.name
        resilienceScore = assessment.score.score
        grade = ResilienceScore.grade(assessment.score.score)
        slaEstimate = figures.slaEstimate
        availability = figures
        spofCount = assessment.spofs.count
        components = assessment.model.components.count
        dependencies = assessment.model.dependencies.count
        self.lastRun = lastRun
        topRisks = assessment.score.largestFindings(limit: Self.topRiskCount)
    }
}
