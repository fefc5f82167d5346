import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Testing

/// The rate limit of servers sharing a store, counted in batches (`SharedRateLimit`): never more than the limit,
/// at most `batch - 1` per other server refused early, and a client's concurrent requests ask the store once per batch.
@Suite struct SharedRateLimitTests {
    @Test func aBatchIsAHundredthOfTheLimitAndAtLeastOne() {
        #expect(SharedRateLimit.batch(for: 1) == 1)
        #expect(SharedRateLimit.batch(for: Tier.free.defaultRequestsPerMinute) == 1)
        #expect(SharedRateLimit.batch(for: 120) == 2)
        #expect(SharedRateLimit.batch(for: 3000) == 30)
        #expect(SharedRateLimit.batch(for: 1_000_000_000) == 10_000_000)
    }

    /// Requests spread unevenly over two servers: admitted until the first refusal, at least the limit less one batch
    /// but one (the other server's unused reservation); that server then admits what it still holds, and no more, so
    /// that at most the limit is admitted in all; then both refuse until the next minute. The store is asked about
    /// once per batch, not once per request.
    @Test(arguments: [1000, 30, 250]) func twoServersAdmitAtMostTheLimitAndAtLeastItsBound(limit: Int) async throws {
        try await Backend.sqlite.withStore { base in
            let store = CountingStore(base: base)
            let servers = [SharedRateLimit(), SharedRateLimit()]
            let batch = SharedRateLimit.batch(for: limit), now = 6_000.5
            func admits(_ server: Int, at time: Double = now) async -> Bool {
                let decision = await servers[server].check("key:k", limit: limit, now: time, in: store)
                #expect(decision.map { $0.remaining >= 0 && $0.remaining < limit } == true)
                return decision?.allowed == true
            }
            var admitted = 0
            while await admits(admitted % 7 < 5 ? 0 : 1) { admitted += 1 }
            #expect(admitted >= limit - (batch - 1), "admitted \(admitted) of \(limit) before the first refusal, batch \(batch)")
            while true {
                if await admits(0) { admitted += 1 } else if await admits(1) { admitted += 1 } else { break }
            }
            #expect(admitted == limit, "admitted \(admitted) of \(limit) in all")
            #expect(store.requestCounts <= limit / batch + 2 * batch + 2, "\(store.requestCounts) store calls")
            for server in servers.indices {
                #expect(await !admits(server, at: now + 1))
                #expect(await servers[server].check("key:other", limit: limit, now: now + 1, in: store)?.allowed == true)
                #expect(await admits(server, at: now + 60))
            }
        }
    }

    /// Many requests of one client at once on one server wait for one reservation instead of each asking the store.
    @Test func concurrentRequestsOfAClientAskTheStoreOncePerBatch() async throws {
        try await Backend.sqlite.withStore { base in
            let store = CountingStore(base: base)
            let server = SharedRateLimit()
            let limit = 10_000, batch = SharedRateLimit.batch(for: limit)
            let allowed = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<(2 * batch) { group.addTask { await server.check("ip:10.0.0.1", limit: limit, now: 120, in: store)?.allowed == true } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(allowed == 2 * batch)
            #expect(store.requestCounts == 2)
        }
    }
}
