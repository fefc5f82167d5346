import FaultRayCore
@testable import FaultRayServer
import Foundation
import Synchronization
import Testing

/// Issue 17: a cached analysis whose requests all went away still waited for its turn and ran.
@Suite("Analyses: a queued job nobody waits for does not start")
struct AnalysisCancellationTests {
    @Test func aQueuedJobWhoseTaskIsCancelledDoesNotStart() async throws {
        let queue = FairQueue(threads: WorkerThreads(name: "test-cancel", count: 1), slots: 1)
        let gate = ThreadGate(), log = EventLog()
        queue.submit("x") { gate.wait() }
        let job = Task { try await queue.run("p") { log.add("ran") } }
        for _ in 0..<100 { await Task.yield() }
        job.cancel()
        gate.open()
        await #expect(throws: CancellationError.self) { try await job.value }
        // The slot is free again: the next job runs.
        try await queue.run("p") { log.add("next") }
        #expect(log.all == ["next"])
    }

    @Test func anAnswerIsMadeWhileOneWaiterWantsItAndNotOnceAllLeft() async throws {
        try await AnalysisSchedulingTests.withState { state in
            let gate = ThreadGate(), log = EventLog()
            let guardDog = watchdog(gate, log)
            // Both analysis slots are held, so the answers below wait in the queue.
            for project in ["x", "y"] { state.analyses.submit(project) { gate.wait() } }
            let make: @Sendable (String) -> @Sendable (Assessment) throws -> Data = { key in
                { _ in log.add(key); return Data(key.utf8) }
            }
            let leaving = (0..<2).map { _ in Task { try await state.answer("large", "leaving", make("leaving")) } }
            let first = Task { try await state.answer("large", "wanted", make("wanted")) }
            let second = Task { try await state.answer("large", "wanted", make("wanted")) }
            for _ in 0..<100 { await Task.yield() }
            for request in leaving + [first] { request.cancel() }
            // Let the cancelled waiters leave (a hop to the state's actor each) before the queue moves on.
            for _ in 0..<100 { await Task.yield() }
            try await Task.sleep(for: .milliseconds(200))
            gate.open()
            for request in leaving { await #expect(throws: CancellationError.self) { try await request.value } }
            // The cancelled waiter of a shared answer does not cancel it for the other.
            #expect(try await second.value == Data("wanted".utf8))
            _ = try? await first.value
            #expect(log.all == ["wanted"])
            // The answer nobody waited for is made when asked again.
            #expect(try await state.answer("large", "leaving", make("leaving")) == Data("leaving".utf8))
            #expect(log.all == ["wanted", "leaving"])
            guardDog.cancel()
        }
    }
}
