@testable import FaultRayServer
import Testing

@Suite("Joined reads: one read for many callers, each begun after its caller asked")
struct JoinedReadsTests {
    /// A stored value whose reads each wait until released, and return the value as it was when they began.
    actor Source {
        var value = 1
        private(set) var reads = 0
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func read() async -> Int {
            reads += 1
            let seen = value
            await withCheckedContinuation { waiting.append($0) }
            return seen
        }

        func set(_ value: Int) { self.value = value }

        /// Whether `count` reads have begun and one waits.
        func waits(afterReads count: Int) -> Bool { reads >= count && !waiting.isEmpty }

        /// Releases the reads waiting once `count` reads have begun; `false` if they have not within 10 s.
        func release(afterReads count: Int) async -> Bool {
            guard await JoinedReadsTests.eventually({ await self.waits(afterReads: count) }) else { return false }
            waiting.forEach { $0.resume() }
            waiting = []
            return true
        }
    }

    /// Whether `condition` holds within 10 s.
    static func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }

    @Test(.timeLimit(.minutes(1))) func callersComingDuringAReadShareTheNextAndSeeWhatWasWrittenBeforeThem() async throws {
        let source = Source(), reads = JoinedReads<Int>()
        let first = Task { try await reads.value("p") { await source.read() } }
        #expect(await Self.eventually { await source.reads == 1 })
        await source.set(2)  // acknowledged after the first read began, before the others ask
        let others = (0..<20).map { _ in Task { try await reads.value("p") { await source.read() } } }
        #expect(await Self.eventually { await reads.joined["p"] == 20 })
        #expect(await source.release(afterReads: 1))
        #expect(try await first.value == 1)
        #expect(await source.release(afterReads: 2))
        for other in others { #expect(try await other.value == 2) }
        let readsMade = await source.reads
        #expect(readsMade == 2)
        // Nothing is left running: the next caller begins a read of its own.
        let later = Task { try await reads.value("p") { await source.read() } }
        #expect(await source.release(afterReads: 3))
        #expect(try await later.value == 2)
    }

    @Test func aFailedReadFailsItsCallersOnly() async throws {
        struct Failed: Error {}
        let reads = JoinedReads<Int>()
        await #expect(throws: Failed.self) { try await reads.value("p") { throw Failed() } }
        #expect(try await reads.value("p") { 7 } == 7)
    }
}
