import FaultRayCore
import Foundation
import Synchronization
import Testing

/// Why they exist (requests answered while a full run keeps the cores busy) is checked by the live
/// server test `otherRequestsAreAnsweredWhileAFullRunIsInProgress`.
@Suite("Worker threads")
struct WorkerThreadsTests {
    @Test(arguments: [(0, 2), (1, 4), (7, 1), (100, 3), (16, 16)])
    func everyIndexRunsExactlyOnce(iterations: Int, workers: Int) {
        let counts = Mutex([Int](repeating: 0, count: iterations))
        WorkerThreads.forEach(iterations, workers: workers) { index in counts.withLock { $0[index] += 1 } }
        #expect(counts.withLock { $0 } == [Int](repeating: 1, count: iterations))
    }

    @Test func submittedJobsRunOldestFirstOnOneThread() async {
        let threads = WorkerThreads(name: "test-serial", count: 1)
        let order = Mutex([Int]())
        for job in 0 ..< 50 { threads.submit { order.withLock { $0.append(job) } } }
        await withCheckedContinuation { done in threads.submit { done.resume() } }
        #expect(order.withLock { $0 } == Array(0 ..< 50))
    }
}
