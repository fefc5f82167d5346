import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import HummingbirdTesting
import Testing

/// A full run asked of several servers at once is made once: claimed through the store
/// (`Store.claimFullRun`, `ClaimedFullRun`), on each backend.
@Suite("Full runs claimed through the store")
struct FullRunClaimTests {
    @Test(arguments: Backend.tested) func aRunIsClaimedOnceUntilItFinishesOrExpires(_ backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.fullRunClaim(project: "p") == nil)
            let first = try await store.claimFullRun(project: "p", input: "x", claim: "a", now: 0, until: 1000)
            #expect(first == FullRunClaim(id: "a", input: "x", expiresAt: 1000))
            #expect(try await store.fullRunClaim(project: "p") == first)
            // Another server asking for the same run gets the claim that holds it, renewed or not.
            #expect(try await store.claimFullRun(project: "p", input: "x", claim: "b", now: 500, until: 1500) == first)
            #expect(try await store.renewFullRun(project: "p", claim: "a", until: 2000))
            #expect(try await store.claimFullRun(project: "p", input: "x", claim: "b", now: 1500, until: 2500).id == "a")
            // Abandoned: once it expired the next claim takes the run over, and the old one can neither renew nor finish.
            #expect(try await store.claimFullRun(project: "p", input: "x", claim: "b", now: 2000, until: 3000).id == "b")
            #expect(try await store.renewFullRun(project: "p", claim: "a", until: 4000) == false)
            #expect(try await store.finishFullRun(project: "p", claim: "a", result: "{}") == false)
            // Finished: the answer is kept for the servers waiting, and no longer renewed.
            #expect(try await store.finishFullRun(project: "p", claim: "b", result: "{\"run\": 1} ü"))
            #expect(try await store.fullRunClaim(project: "p") == FullRunClaim(id: "b", input: "x", expiresAt: 3000, result: "{\"run\": 1} ü"))
            #expect(try await store.renewFullRun(project: "p", claim: "b", until: 5000) == false)
            // A run asked for after it finished is a new run; so is one of another input (the model changed).
            #expect(try await store.claimFullRun(project: "p", input: "x", claim: "c", now: 2100, until: 3100).id == "c")
            #expect(try await store.claimFullRun(project: "p", input: "y", claim: "d", now: 2200, until: 3200) == FullRunClaim(id: "d", input: "y", expiresAt: 3200))
            // Each project has its own.
            #expect(try await store.claimFullRun(project: "q", input: "y", claim: "e", now: 2200, until: 3200).id == "e")
            // Given up (an expiry in the past): the next claim takes it at once.
            #expect(try await store.renewFullRun(project: "p", claim: "d", until: 0))
            #expect(try await store.claimFullRun(project: "p", input: "y", claim: "f", now: 2300, until: 3300).id == "f")
            #expect(try await store.fullRunClaim(project: "q")?.id == "e")
        }
    }

    /// A request that waited for a claim keeps a run finished since (another server took the expired claim and
    /// finished it between the request's last look and its claim): the finished claim is its answer, not replaced.
    /// An unfinished expired claim, or one of another input, is still taken over.
    @Test(arguments: Backend.tested) func aRequestThatWaitedKeepsARunFinishedSince(_ backend: Backend) async throws {
        try await backend.withStore { store in
            _ = try await store.claimFullRun(project: "p", input: "x", claim: "a", now: 0, until: 1000)
            #expect(try await store.finishFullRun(project: "p", claim: "a", result: "{}"))
            let finished = FullRunClaim(id: "a", input: "x", expiresAt: 1000, result: "{}")
            #expect(try await store.claimFullRun(project: "p", input: "x", claim: "b", now: 2000, until: 3000, keepingFinished: true) == finished)
            #expect(try await store.claimFullRun(project: "p", input: "y", claim: "b", now: 2000, until: 3000, keepingFinished: true).id == "b")
            #expect(try await store.claimFullRun(project: "p", input: "y", claim: "c", now: 3000, until: 4000, keepingFinished: true).id == "c")
            #expect(try await store.claimFullRun(project: "p", input: "y", claim: "d", now: 3500, until: 4500, keepingFinished: true).id == "c")
        }
    }

    /// Claims made together through two stores on the same data (two servers): one wins, and every
    /// caller is told the same winner.
    @Test(arguments: Backend.tested) func claimsMadeTogetherHaveOneWinner(_ backend: Backend) async throws {
        let place = try await backend.place()
        defer { place.remove() }
        let first = try await place.open(), second = try await place.open()
        try await closing(second) { try await closing(first) {
            let winners = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await (index % 2 == 0 ? first : second).claimFullRun(project: "p", input: "x", claim: "c\(index)", now: 0, until: 60_000).id
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(winners.count == 1)
            #expect(try await first.fullRunClaim(project: "p")?.id == winners.first)
        } }
    }

    @Test(arguments: Backend.tested) func aDeletedProjectTakesItsClaimAlong(_ backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.createProject(StoreContractTests.project))
            _ = try await store.claimFullRun(project: "p", input: "x", claim: "a", now: 0, until: 1000)
            #expect(try await store.deleteProject(id: "p"))
            #expect(try await store.fullRunClaim(project: "p") == nil)
        }
    }

    /// Two servers on one store asked for the same full run while a claim left by a server that died
    /// holds it: both wait; once the claim expires one of them runs it, and both answer the same
    /// bytes, recorded once in the history that both read.
    @Test(arguments: Backend.tested) func aFullRunAskedOfTwoServersRunsOnce(_ backend: Backend) async throws {
        let place = try await backend.place()
        defer { place.remove() }
        let first = CountingStore(base: try await place.open()), second = CountingStore(base: try await place.open())
        let clock = TestClock()
        try await closing(second) { try await closing(first) {
            try await withServer(store: first, clock: clock, configure: { $0.rateLimits = nil }) { one async throws in
                try await withServer(store: second, clock: clock, configure: { $0.rateLimits = nil }) { two async throws in
                    // A first run, through one server, tells the input both servers claim (the demo).
                    #expect(try await one.post("/api/simulate").status == .ok)
                    let input = try #require(try await first.base.fullRunClaim(project: Project.defaultID)?.input)
                    let runs = try await Self.fullRuns(one) + Self.fullRuns(two)
                    #expect(runs == 1)
                    // A server claimed the run again and was killed: its claim holds for 30 s more.
                    let now = Int(clock.now().timeIntervalSince1970 * 1000)
                    _ = try await first.base.claimFullRun(project: Project.defaultID, input: input, claim: "killed", now: now, until: now + 30_000)
                    let polled = (first.polls, second.polls)
                    async let answerOne = one.post("/api/simulate")
                    async let answerTwo = two.post("/api/simulate")
                    // Both wait (each reads the claim it waits for); then the claim expires.
                    let deadline = ContinuousClock.now + .seconds(60)
                    while (first.polls == polled.0 || second.polls == polled.1), ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    #expect(first.polls > polled.0 && second.polls > polled.1, "both servers wait for the claim")
                    clock.advance(by: 31)
                    let (a, b) = try await (answerOne, answerTwo)
                    #expect(a.status == .ok && b.status == .ok)
                    #expect(a.body == b.body, "both servers answer the same bytes")
                    #expect(try await Self.fullRuns(one) + Self.fullRuns(two) == runs + 1, "the run was made once")
                    // Recorded once, and read as the last run through both servers.
                    let run = try #require(try Body(a.body)["run_id"] as? Int)
                    for client in [one, two] {
                        let history = try Body(try await client.get("/api/score-history?limit=100").body)
                        let entries = try #require(history["history"] as? [[String: Any]])
                        #expect(entries.first?["id"] as? Int == run)
                        #expect(entries.filter { $0["trigger"] as? String == "simulation" }.count == 2)
                        let summary = try Body(try await client.get("/api/v2/dashboard/summary").body)
                        #expect((summary["last_run"] as? [String: Any])?["id"] as? Int == run)
                    }
                }
            }
        } }
    }

    /// How many full runs a server made (its `/metrics` histogram's count).
    static func fullRuns(_ client: some TestClientProtocol) async throws -> Int {
        let text = String(buffer: try await client.get("/metrics").body)
        let line = text.split(separator: "\n").first { $0.hasPrefix("faultray_full_run_duration_seconds_count") }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }.map { Int($0) } ?? 0
    }
}
