import FaultRayCore
import FaultRayStore
import Foundation
import Logging

/// The server's mutable state: the loaded model of each project, assessed once, over the store.
/// Heavy work (assessing a model, full runs) runs off the request threads.
actor ServerState {
    let store: MonitoredStore
    let clock: @Sendable () -> Date
    let logger: Logger
    /// The server's metrics (the store's).
    nonisolated var metrics: ServerMetrics { store.metrics }
    private var loaded: [String: Assessment] = [:]
    /// Answers of pure functions of a project's model (topology, one failure…), dropped with the model; at
    /// most `cacheLimit` per project: encoded bytes, or the generated value of a generated operation (encoded
    /// once per request by the generated code). Behind a lock of their own, so that a kept answer is read
    /// without a turn on the actor; changed only on the actor.
    private nonisolated let answers = Locked<[String: [String: any Sendable]]>([:])
    static let cacheLimit = 4096
    /// Per project, how many times its model was replaced or dropped: a model read from the store
    /// before a change is not cached after it (it would undo the change).
    private var generations: [String: Int] = [:]
    /// Answers being made, per project and key: a second request for the same answer waits for the first
    /// instead of making it again.
    private var making: [String: [String: Making]] = [:]
    /// Per project, the store's version of the loaded model, when the store is shared (see `refresh`).
    private var versions: [String: String?] = [:]
    /// Until when version checks are skipped after one failed (the database is away: the models held are served).
    private var versionsPausedUntil = Date.distantPast
    /// The reads of the stored model versions, joined: one query serves the requests that come while another runs.
    private let versionReads = JoinedReads<String?>()
    /// How long version checks pause after one failed, in seconds.
    static let versionPause: TimeInterval = 5
    /// The analysis threads, shared fairly between projects.
    nonisolated let analyses: FairQueue
    /// Per project, the model save in progress: each waits for the one before, so saves reach the
    /// store in the order of their generations (the newest model is the one kept).
    private var saves: [String: Task<Result<Void, any Error>, Never>] = [:]

    init(store: MonitoredStore, clock: @escaping @Sendable () -> Date, logger: Logger,
         analyses: FairQueue = FairQueue(threads: Offload.analyses, slots: Offload.analysisSlots)) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.analyses = analyses
    }

    /// The project's model, assessed (loaded from the store on first use), or the 400 that says how
    /// to load one.
    func current(_ project: String) async throws -> Assessment {
        guard let assessment = try await model(project) else { throw APIError.noModel }
        return assessment
    }

    /// The project's model, assessed, or `nil` when none is loaded; a failing store still throws.
    /// When the model is replaced or dropped while it is read and assessed, it is read again.
    func model(_ project: String) async throws -> Assessment? {
        let version = try await refresh(project)
        while true {
            if let assessment = loaded[project] { return assessment }
            let generation = generations[project, default: 0]
            guard let stored = try await store.model(project: project) else { return nil }
            let model: InfrastructureModel
            do {
                model = try ModelLoader.load(text: stored.document, file: "stored model of project '\(project)'")
            } catch {
                logger.warning("a stored model no longer loads", metadata: ["project": "\(project)", "error": "\(error)"])
                return nil
            }
            let assessment = try await Offload.run { _ in Assessment(model) }
            guard generations[project, default: 0] == generation else { continue }
            loaded[project] = assessment
            versions[project] = version
            return assessment
        }
    }

    /// With a store several servers share: reads the project's stored model version (one small query, begun after
    /// this call and shared with the calls that come while it waits: `JoinedReads`) and drops the model held when
    /// another server (or this one) changed it since it was loaded, so every server answers from the model last
    /// acknowledged. Returns the version read (read before the model is, so a model loaded after it is at least as new;
    /// at worst it is loaded once more).
    /// When the read fails, the model held is served and checks pause for `versionPause` seconds.
    private func refresh(_ project: String) async throws -> String?? {
        guard store.isShared, clock() >= versionsPausedUntil else { return nil }
        let version: String?
        do {
            version = try await versionReads.value(project) { [store] in try await store.modelVersion(project: project) }
        } catch {
            guard loaded[project] != nil else { throw error }
            versionsPausedUntil = clock().addingTimeInterval(Self.versionPause)
            return nil
        }
        if loaded[project] != nil, versions[project] != .some(version) { forget(project) }
        return .some(version)
    }

    /// The number of components in the default project's model (0 when none is loaded).
    var componentsLoaded: Int { loaded[Project.defaultID]?.model.components.count ?? 0 }

    /// Replaces a project's model: persists it and records a history entry, then serves it. When the
    /// store fails, nothing is replaced (503), unless `evenIfUnsaved` (the model given at start-up).
    @discardableResult
    func replace(_ project: String, with model: InfrastructureModel, evenIfUnsaved: Bool = false) async throws -> Assessment {
        // Both grow with the model (a second for 100,000 components): off the actor and the request threads.
        let (assessment, document) = try await Offload.run { _ in (Assessment(model), model.json()) }
        let now = Timestamp.iso8601(clock())
        let entry = ScoreEntry(timestamp: now, trigger: .modelChange, score: assessment.score.score,
                               grade: ResilienceScore.grade(assessment.score.score), components: model.components.count,
                               dependencies: model.dependencies.count, spofCount: assessment.spofs.count)
        let generation = changed(project)
        let saved = await inTurn(project) { [store] in
            try await store.saveModel(StoredModel(document: document, updatedAt: now), project: project)
            _ = try await store.appendScore(entry, project: project)
        }
        if case .failure(let error) = saved {
            guard evenIfUnsaved else { throw error }
            logger.error("the model is served but could not be saved", metadata: ["error": "\(error)"])
        }
        // A later replacement or a delete that came in while this one was saved wins.
        if generations[project] == generation {
            loaded[project] = assessment
            answers.withLock { $0[project] = nil }
            // Its stored version is unknown here (another server may have saved since): a shared
            // store's next request loads the stored model again.
            versions[project] = nil
        }
        return assessment
    }

    /// Runs `save` once the project's earlier saves are done.
    private func inTurn(_ project: String, _ save: @escaping @Sendable () async throws -> Void) async -> Result<Void, any Error> {
        let previous = saves[project]
        let turn = Task { () -> Result<Void, any Error> in
            _ = await previous?.value
            do {
                try await save()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        saves[project] = turn
        let result = await turn.value
        if saves[project] == turn { saves[project] = nil }
        return result
    }

    /// Marks the project's model as changed: returns the new generation.
    @discardableResult
    private func changed(_ project: String) -> Int {
        generations[project, default: 0] += 1
        return generations[project, default: 0]
    }

    /// The answer `key` (a route and its normalised query) for the project's current model: from the cache, or
    /// made by `make` on the analysis threads (in the project's turn, see `FairQueue`), once however many ask
    /// at the same time, and kept unless the model changed meanwhile. A key always answers the same type
    /// (encoded bytes for the hand-written routes, the generated value for the generated operations).
    @inline(__always)  // into the routes: a kept answer is returned without an async call of its own
    nonisolated func answer<T: Sendable>(_ project: String, _ key: String, _ make: @escaping @Sendable (Assessment) throws -> T) async throws -> T {
        // Kept answers are dropped with their model (on the actor, before a change is acknowledged); only a
        // shared store's model may have changed elsewhere, which `made` checks first.
        if !store.isShared, let hit = kept(project, key) { return Self.typed(hit, key) }
        return Self.typed(try await made(project, key, make), key)
    }

    /// The answer `key` of the project's current model, as `answer`, on the actor: kept, being made, or made now.
    private func made(_ project: String, _ key: String, _ make: @escaping @Sendable (Assessment) throws -> some Sendable) async throws -> any Sendable {
        let assessment = try await current(project)
        if let hit = kept(project, key) { return hit }
        if let pending = making[project]?[key], pending.graph === assessment.graph {
            making[project]?[key]?.waiters += 1
            return try await wait(for: pending.task, project, key).get()
        }
        let analyses = self.analyses, metrics = self.metrics
        let task = Task { () -> any Sendable in
            let start = ContinuousClock.now
            let result = try await analyses.run(project) { Result { try make(assessment) as any Sendable } }
            metrics.analysis(String(key.prefix { !"?\u{0}".contains($0) }), duration: .now - start)
            return try result.get()
        }
        making[project, default: [:]][key] = Making(graph: assessment.graph, task: task, waiters: 1)
        let result = await wait(for: task, project, key)
        if making[project]?[key]?.task == task { making[project]?[key] = nil }
        let value = try result.get()
        if loaded[project]?.graph === assessment.graph {
            answers.withLock { kept in
                if kept[project, default: [:]].count >= Self.cacheLimit { kept[project] = [:] }
                kept[project, default: [:]][key] = value
            }
        }
        return value
    }

    /// The answer `key` kept for the project's model, if any.
    private nonisolated func kept(_ project: String, _ key: String) -> (any Sendable)? {
        answers.withLock { $0[project]?[key] }
    }

    /// `answer` as the type its key answers (another type is a programming error).
    private static func typed<T>(_ answer: any Sendable, _ key: String) -> T {
        guard let answer = answer as? T else { preconditionFailure("the answer '\(key)' is not a \(T.self)") }
        return answer
    }

    /// An answer being made: the graph it is made from, the task making it, and how many requests wait for it.
    private struct Making {
        var graph: CompiledGraph
        var task: Task<any Sendable, any Error>
        var waiters: Int
    }

    /// What `task` (making the answer `key` of `project`) gives one of its waiters. A waiter that is cancelled (its
    /// client went away) leaves; when the last one leaves, the task is cancelled (a job still queued does not start,
    /// see `FairQueue.run`) and forgotten, so a later request makes the answer anew.
    private func wait(for task: Task<any Sendable, any Error>, _ project: String, _ key: String) async -> Result<any Sendable, any Error> {
        await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            Task { await self.leave(task, project, key) }
        }
    }

    private func leave(_ task: Task<any Sendable, any Error>, _ project: String, _ key: String) {
        guard var pending = making[project]?[key], pending.task == task else { return }
        pending.waiters -= 1
        guard pending.waiters == 0 else {
            making[project]?[key] = pending
            return
        }
        making[project]?[key] = nil
        task.cancel()
    }

    /// The keys of the answers kept for the project's current model.
    func cachedKeys(_ project: String) -> Set<String> { answers.withLock { Set($0[project].map { Array($0.keys) } ?? []) } }

    /// Records a finished full run in the project's history.
    func recordRun(_ report: FullRunReport, on assessment: Assessment, project: String) async throws -> ScoreEntry {
        try await store.appendScore(ScoreEntry(
            timestamp: Timestamp.iso8601(clock()), trigger: .simulation, score: report.resilienceScore, grade: report.grade,
            components: assessment.model.components.count, dependencies: assessment.model.dependencies.count,
            spofCount: assessment.spofs.count, scenarios: report.run, critical: report.critical,
            warning: report.warning, passed: report.passed), project: project)
    }

    /// Drops a deleted project's model (and any read of it still in progress).
    func forget(_ project: String) {
        changed(project)
        loaded[project] = nil
        versions[project] = nil
        answers.withLock { $0[project] = nil }
    }
}

/// Runs CPU-heavy work off the request threads and Swift's cooperative pool, on threads of its own
/// (`WorkerThreads`), with bounded parallelism: analyses run at most one per core at once, full runs
/// (which use every core themselves) one at a time; the rest wait their turn.
enum Offload {
    /// The threads of analyses, model loads and what-ifs.
    static let analyses = WorkerThreads(name: "faultray-analysis", count: analysisSlots)
    /// The thread of full scenario runs.
    static let fullRuns = WorkerThreads(name: "faultray-full-run", count: 1)

    /// How many analyses run at once: one per core.
    static let analysisSlots = ProcessInfo.processInfo.activeProcessorCount

    /// Runs `work` on `threads` and returns its result. When the calling task is cancelled (the client went
    /// away), `work`'s `Cancellation` is set so long work can stop at its next check, and this throws
    /// `CancellationError`, discarding the result; a job not started yet does not start, so its thread
    /// is free for the next.
    static func run<T: Sendable>(on threads: WorkerThreads = analyses, _ work: @escaping @Sendable (Cancellation) -> T) async throws -> T {
        let cancellation = Cancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                threads.submit {
                    let result = cancellation.isCancelled ? nil : work(cancellation)
                    if let result, !cancellation.isCancelled {
                        continuation.resume(returning: result)
                    } else {
                        continuation.resume(throwing: CancellationError())
                    }
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
