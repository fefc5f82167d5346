import Foundation

/// Dedicated threads for long computations.
///
/// `DispatchQueue.concurrentPerform` and `OperationQueue` run on libdispatch's shared worker pool, which on
/// Linux also runs Swift concurrency's tasks, the server's request handlers among them; a computation
/// that keeps every pool thread busy for seconds leaves requests waiting that long. These threads are
/// the computation's own, so the scheduler shares the cores between it and the requests.
public final class WorkerThreads: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var next = 0

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
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            job()
        }
    }

    /// Runs `body` for every index in `0 ..< iterations` on `workers` threads (the caller and new ones),
    /// each taking the next index when it finishes one; returns when every index is done.
    public static func forEach(_ iterations: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let counter = NextIndex()
        let drain: @Sendable () -> Void = {
            while let index = counter.take(below: iterations) { body(index) }
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

    private final class NextIndex: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
