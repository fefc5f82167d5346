import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// A gate worker jobs wait at until the test opens it.
final class ThreadGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}

/// What happened, in order.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    func add(_ event: String) { events.withLock { $0.append(event) } }
    var all: [String] { events.withLock { $0 } }
}

/// Opens `gate` after `seconds` unless cancelled first: a test whose jobs would otherwise wait at the
/// gate forever fails (its events show `watchdog`) instead of hanging.
func watchdog(_ gate: ThreadGate, _ log: EventLog, seconds: Double = 60) -> Task<Void, Never> {
    Task {
        guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
        log.add("watchdog")
        gate.open()
    }
}

/// Issue 18, item 12: expensive analyses of one project starved the others, and were made anew on every call.
@Suite("Analyses: fair between projects, made once per model")
struct AnalysisSchedulingTests {
    @Test func aSmallProjectIsNotQueuedBehindALargeOne() async throws {
        let queue = FairQueue(threads: WorkerThreads(name: "test-fair", count: 2), slots: 2)
        let gate = ThreadGate(), log = EventLog()
        let large = (0..<6).map { _ in Task { try await queue.run("large") { gate.wait(); log.add("large") } } }
        // Let every large job be queued before the small one.
        for _ in 0..<100 { await Task.yield() }
        let guardDog = watchdog(gate, log)
        try await queue.run("small") { log.add("small") }
        log.add("release")
        guardDog.cancel()
        gate.open()
        for job in large { try await job.value }
        #expect(log.all == ["small", "release"] + Array(repeating: "large", count: 6))
    }

    @Test func freeSlotsServeTheProjectsInTurn() async {
        let queue = FairQueue(threads: WorkerThreads(name: "test-turns", count: 1), slots: 1)
        let gate = ThreadGate(), log = EventLog()
        // One job holds the only slot while the others queue up: a1 a2 a3 b1 c1 c2.
        queue.submit("x") { gate.wait() }
        let done = Mutex(0)
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            for job in ["a1", "a2", "a3", "b1", "c1", "c2"] {
                queue.submit(String(job.prefix(1))) {
                    log.add(job)
                    if done.withLock({ $0 += 1; return $0 }) == 6 { finished.resume() }
                }
            }
            gate.open()
        }
        #expect(log.all == ["a1", "b1", "c1", "a2", "c2", "a3"])
    }

    /// Runs `test` on a state with the demo in `default`, `large` and `small`, its analyses on two
    /// threads of their own, over a throw-away store closed afterwards.
    static func withState(_ test: (ServerState) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let store = try await memoryStore()
        let state = ServerState(store: MonitoredStore(store), clock: Date.init, logger: logger,
                                analyses: FairQueue(threads: WorkerThreads(name: "test-state", count: 2), slots: 2))
        do {
            for project in [Project.defaultID, "large", "small"] { try await state.replace(project, with: try DemoModel.load()) }
            try await test(state)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    @Test func aSlowAnalysisOfOneProjectLeavesAnotherProjectsAnswerWaitingForNothing() async throws {
        try await Self.withState { state in
            let gate = ThreadGate(), log = EventLog()
            let slow = (0..<4).map { index in
                Task { try await state.answer("large", "slow-\(index)") { _ in gate.wait(); log.add("large"); return Data() } }
            }
            for _ in 0..<100 { await Task.yield() }
            let guardDog = watchdog(gate, log)
            _ = try await state.answer("small", "quick") { _ in log.add("small"); return Data() }
            log.add("release")
            guardDog.cancel()
            gate.open()
            for task in slow { _ = try await task.value }
            #expect(log.all == ["small", "release"] + Array(repeating: "large", count: 4))
        }
    }

    @Test func concurrentRequestsForOneAnswerMakeItOnceAndAModelChangeMakesItAgain() async throws {
        try await Self.withState { state in
            let gate = ThreadGate(), made = Mutex(0)
            let make: @Sendable (Assessment) throws -> Data = { _ in
                gate.wait()
                made.withLock { $0 += 1 }
                return Data("answer".utf8)
            }
            let requests = (0..<6).map { _ in Task { try await state.answer("large", "advice?target=4") { try make($0) } } }
            for _ in 0..<100 { await Task.yield() }
            gate.open()
            for request in requests { #expect(try await request.value == Data("answer".utf8)) }
            _ = try await state.answer("large", "advice?target=4", make)
            #expect(made.withLock { $0 } == 1)
            try await state.replace("large", with: try DemoModel.load())
            _ = try await state.answer("large", "advice?target=4", make)
            #expect(made.withLock { $0 } == 2)
        }
    }

    @Test func analysisRoutesAreKeptPerModelByRouteAndQuery() async throws {
        try await Self.withState { state in
            let router = buildRouter(state: state, configuration: ServerConfiguration()).0
            try await Application(router: router).testRouter { client async throws in
                for uri in ["/api/architecture-advice?target_nines=3", "/api/architecture-advice?target_nines=3.0", "/api/risk-heatmap",
                            "/api/cost-attribution?revenue_per_hour=500", "/api/benchmark/all", "/api/v1/risk-heatmap"] {
                    #expect(try await client.execute(uri: uri, method: .get).status == .ok, "\(uri)")
                }
            }
            #expect(await state.cachedKeys(Project.defaultID).isSuperset(of: [
                "architecture-advice?target_nines=3.0", "risk-heatmap", "cost-attribution?revenue_per_hour=500.0&degraded=0.3", "benchmark/all",
            ]))
            #expect(await state.cachedKeys(Project.defaultID).filter { $0.hasPrefix("architecture-advice") }.count == 1)
        }
    }
}
