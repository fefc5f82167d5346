import Synchronization

/// A request to stop long work, made from another thread (a cancelled request's task) and checked by the
/// work between steps: work on threads of its own (`WorkerThreads`) is outside Swift's task tree and
/// cannot see `Task.isCancelled`.
public final class Cancellation: Sendable {
    private let cancelled = Atomic(false)

    public init() {}

    /// Asks the work to stop at its next check.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
