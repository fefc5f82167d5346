import FaultRayCore
import FaultRayStore
import Foundation
import Logging

/// The server's mutable state: the loaded model of the default project and the store behind it.
/// Heavy work (assessing a model, full runs) runs off the request threads.
actor ServerState {
    static let project = "default"

    let store: any Store
    let clock: @Sendable () -> Date
    let logger: Logger
    private var loaded: Assessment?

    init(store: any Store, clock: @escaping @Sendable () -> Date, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// The loaded model, or the 400 that says how to load one.
    func current() throws -> Assessment {
        guard let loaded else { throw APIError.noModel }
        return loaded
    }

    /// The number of components loaded (0 when none).
    var componentsLoaded: Int { loaded?.model.components.count ?? 0 }

    /// Replaces the model: persists it, records a history entry, then serves it.
    @discardableResult
    func replace(with model: InfrastructureModel) async throws -> Assessment {
        let assessment = await Offload.run { Assessment(model) }
        let now = Timestamp.iso8601(clock())
        try await store.saveModel(StoredModel(document: model.json(), updatedAt: now), project: Self.project)
        loaded = assessment
        try await record(ScoreEntry(
            timestamp: now, trigger: .modelChange, score: assessment.score.score,
            grade: ResilienceScore.grade(assessment.score.score), components: model.components.count,
            dependencies: model.dependencies.count, spofCount: assessment.spofs.count))
        return assessment
    }

    /// Loads the model saved by an earlier run of the server, if any; a saved model that no longer
    /// loads is logged and skipped.
    func restore() async throws {
        guard let stored = try await store.model(project: Self.project) else { return }
        do {
            let model = try ModelLoader.load(text: stored.document, file: "stored model")
            loaded = await Offload.run { Assessment(model) }
        } catch {
            logger.warning("the stored model no longer loads; starting without one", metadata: ["error": "\(error)"])
        }
    }

    /// Records a finished full run.
    func recordRun(_ report: FullRunReport, on assessment: Assessment) async throws -> ScoreEntry {
        try await record(ScoreEntry(
            timestamp: Timestamp.iso8601(clock()), trigger: .simulation, score: report.resilienceScore, grade: report.grade,
            components: assessment.model.components.count, dependencies: assessment.model.dependencies.count,
            spofCount: assessment.spofs.count, scenarios: report.run, critical: report.critical,
            warning: report.warning, passed: report.passed))
    }

    @discardableResult
    private func record(_ entry: ScoreEntry) async throws -> ScoreEntry {
        try await store.appendScore(entry, project: Self.project)
    }
}

/// Runs CPU-heavy work on a dispatch queue, so the request threads and Swift's cooperative pool stay free.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
