import Foundation

/// Dedicated threads for long computations.
///
/// `DispatchQueue.concurrentPerform` and `OperationQueue` run on libdispatch's shared worker pool, which on
/// Linux also runs Swift concurrency's tasks, the server's request handlers among them; a computation
/// that keeps every pool thread busy for seconds leaves requests waiting that long. These threads are
/// the computation's own, so the scheduler shares the cores between it and the requests.
public final class WorkerThreads: Sendable {
    /// Submitted jobs not yet taken, oldest first.
    private let jobs = Locked<[@Sendable () -> Void]>([])
    /// Counts the jobs waiting, so an idle thread sleeps until there is one.
    private let waiting = DispatchSemaphore(value: 0)

    /// Starts `count` threads named `name-0`, `name-1`, … that run submitted jobs, oldest first, for as
    /// long as the process lives.
    public init(name: String, count: Int) {
        for index in 0 ..< max(1, count) {
            let thread = Thread { self.work() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = Self.stackSize
            thread.start()
        }
    }

    /// Queues `job` to run on one of the threads.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        waiting.signal()
    }

    private func work() {
        while true {
            waiting.wait()
            jobs.withLock { $0.removeFirst() }()
        }
    }

    /// Runs `body` for every index in `0 ..< iterations` on `workers` threads (the caller and new ones),
    /// each taking the next index when it finishes one; returns when every index is done.
    public static func forEach(_ iterations: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let next = Locked(0)
        let drain: @Sendable () -> Void = {
            while let index = next.withLock({ (next: inout Int) -> Int? in
                guard next < iterations else { return nil }
                defer { next += 1 }
                return next
            }) { body(index) }
        }
        let done = DispatchGroup()
        for _ in 1 ..< max(1, min(workers, iterations)) {
            done.enter()
            let thread = Thread {
                drain()
                done.leave()
            }
            thread.name = "faultray-parallel"
            thread.stackSize = stackSize
            thread.start()
        }
        drain()
        done.wait()
    }

    private static let stackSize = 8 << 20
}
