import FaultRayCore
import Foundation

/// Shares worker threads fairly between projects. Each project's jobs wait in a queue of their own; a
/// free slot takes the oldest job of the next project in turn (round-robin), and no project runs more
/// than `perProject` jobs at once (by default one slot fewer than there are, so with two or more slots
/// another project's job starts at once even while one project has many long ones queued).
final class FairQueue: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        /// Waiting jobs per project, oldest first; a project with none has no entry.
        var waiting: [String: [Job]] = [:]
        /// The projects with waiting jobs, in turn order.
        var turn: [String] = []
        var running: [String: Int] = [:]
        var busy = 0
    }

    private let threads: WorkerThreads
    /// The most jobs running at once.
    let slots: Int
    /// The most jobs of one project running at once.
    let perProject: Int
    private let state = Locked(State())

    init(threads: WorkerThreads, slots: Int, perProject: Int? = nil) {
        self.threads = threads
        self.slots = max(1, slots)
        self.perProject = max(1, min(self.slots, perProject ?? self.slots - 1))
    }

    /// Runs `work` for `project` when its turn comes, and returns its result. When the calling task is cancelled
    /// before the turn comes (the client went away), `work` does not start and this throws `CancellationError`, as
    /// `Offload.run` does; once started, `work` (which has no check to stop at) runs to its end and its result is
    /// returned.
    func run<T: Sendable>(_ project: String, _ work: @escaping @Sendable () -> T) async throws -> T {
        let cancellation = Cancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                submit(project) {
                    if cancellation.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume(returning: work())
                    }
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Queues `job` for `project`.
    func submit(_ project: String, _ job: @escaping Job) {
        let ready = state.withLock { state in
            if state.waiting[project] == nil { state.turn.append(project) }
            state.waiting[project, default: []].append(job)
            return Self.takeReady(&state, slots: slots, perProject: perProject)
        }
        start(ready)
    }

    private func start(_ jobs: [(project: String, job: Job)]) {
        for (project, job) in jobs {
            threads.submit {
                job()
                let ready = self.state.withLock { state in
                    state.busy -= 1
                    state.running[project, default: 1] -= 1
                    if state.running[project] == 0 { state.running[project] = nil }
                    return Self.takeReady(&state, slots: self.slots, perProject: self.perProject)
                }
                self.start(ready)
            }
        }
    }

    /// Takes the jobs that may start now: while a slot is free, the oldest job of the first project in
    /// turn that is under its limit, which then goes to the back of the turn.
    private static func takeReady(_ state: inout State, slots: Int, perProject: Int) -> [(project: String, job: Job)] {
        var ready: [(project: String, job: Job)] = []
        var index = 0
        while state.busy < slots, index < state.turn.count {
            let project = state.turn[index]
            guard state.running[project, default: 0] < perProject, var jobs = state.waiting[project] else {
                index += 1
                continue
            }
            ready.append((project, jobs.removeFirst()))
            state.busy += 1
            state.running[project, default: 0] += 1
            state.turn.remove(at: index)
            if jobs.isEmpty {
                state.waiting[project] = nil
            } else {
                state.waiting[project] = jobs
                state.turn.append(project)
            }
        }
        return ready
    }
}
