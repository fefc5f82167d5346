import FaultRayCore
@testable import FaultRayServer
import Foundation
import Testing

/// Work offloaded to worker threads stops when the request's task is cancelled, and frees its thread.
@Suite struct CancellationTests {
    @Test("a cancelled full run stops at its next check, throws, and frees the full-run thread")
    func aCancelledFullRunStops() async throws {
        let assessment = Assessment(try DemoModel.load())
        let (started, starting) = AsyncStream<Void>.makeStream()
        let resume = DispatchSemaphore(value: 0)
        let reports = Locked<[Int]>([])
        let task = Task {
            try await Offload.run(on: Offload.fullRuns) { cancellation in
                var run = FullRun(assessment)
                run.cancellation = cancellation
                return run.run { done, _ in
                    reports.withLock { $0.append(done) }
                    // At the first report (after the first scenario), wait until the test has cancelled.
                    if done == 0 {
                        starting.yield()
                        resume.wait()
                    }
                }
            }
        }
        var waiting = started.makeAsyncIterator()
        _ = await waiting.next()
        task.cancel()
        resume.signal()
        await #expect(throws: CancellationError.self) { try await task.value }
        // Nothing was reported after the first scenario: the run stopped there and never reached its total.
        #expect(reports.withLock { $0 } == [0])
        // The one full-run thread is free: the next run on it goes to the end.
        let full = try await Offload.run(on: Offload.fullRuns) { _ in FullRun(assessment).run() }
        #expect(full.run + full.merged == full.totalScenarios)
    }

    @Test("a job whose task is cancelled before it starts never runs")
    func aCancelledJobDoesNotStart() async throws {
        let release = DispatchSemaphore(value: 0)
        let (started, starting) = AsyncStream<Void>.makeStream()
        let busy = Task {
            try await Offload.run(on: Offload.fullRuns) { _ in
                starting.yield()
                release.wait()
            }
        }
        // The one full-run thread is busy: the next job waits in the queue.
        var waitingForBusy = started.makeAsyncIterator()
        _ = await waitingForBusy.next()
        let ran = Locked(false)
        let waiting = Task { try await Offload.run(on: Offload.fullRuns) { _ in ran.withLock { $0 = true } } }
        waiting.cancel()
        release.signal()
        try await busy.value
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ran.withLock { $0 } == false)
    }
}
