import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Rate limits: sliding log per key or client address")
struct RateLimitTests {
    @Test(arguments: Tier.allCases)
    func theLimitIsExactForEachTier(tier: Tier) {
        let limiter = RateLimiter()
        let limit = tier.defaultRequestsPerMinute
        for i in 0..<limit {
            let decision = limiter.check("c", limit: limit, now: 1000 + Double(i) * 0.001)
            #expect(decision.allowed && decision.remaining == limit - i - 1)
        }
        let refused = limiter.check("c", limit: limit, now: 1000.5)
        #expect(!refused.allowed && refused.remaining == 0)
        #expect(refused.resetSeconds == 60)
    }

    @Test func theWindowSlidesAndRefusalsAreNotCounted() {
        let limiter = RateLimiter()
        // 30 requests spread over the first 30 seconds, then a refusal at 45 s.
        for i in 0..<30 { #expect(limiter.check("c", limit: 30, now: Double(i)).allowed) }
        let refused = limiter.check("c", limit: 30, now: 45)
        #expect(!refused.allowed && refused.resetSeconds == 15)
        // At 60 s the first request (t = 0) has left the window: exactly one slot.
        #expect(limiter.check("c", limit: 30, now: 60).allowed)
        #expect(!limiter.check("c", limit: 30, now: 60.5).allowed)
        #expect(limiter.check("c", limit: 30, now: 61).allowed)
        // Another client is counted apart.
        #expect(limiter.check("d", limit: 30, now: 61).allowed)
    }

    @Test func memoryStaysBoundedUnderManyDistinctClients() {
        let limiter = RateLimiter()
        for i in 0..<20_000 { _ = limiter.check("ip:\(i)", limit: 30, now: Double(i) * 0.01) }
        // 20,000 clients over 200 s, each seen once: only those of the last window (about 6,000) plus
        // at most one sweep interval stay tracked.
        #expect(limiter.trackedClients <= 6_000 + 4_096)
    }

    @Test func the31stAnonymousCallIsRefusedWithHeadersAndTheContractMessage() async throws {
        let clock = TestClock()
        try await withServer(clock: clock) { client async throws in
            for i in 1...30 {
                let response = try await client.get("/api/health")
                #expect(response.status == .ok)
                #expect(response.headers[.rateLimitLimit] == "30" && response.headers[.rateLimitRemaining] == String(30 - i))
                #expect(response.headers[.rateLimitReset] != nil)
            }
            let refused = try await client.get("/api/topology")
            expectError(refused, .tooManyRequests, containing: "Too many requests. Please try again later.")
            #expect(envelope(refused)?.message == "Too many requests. Please try again later.")
            #expect(refused.headers[.retryAfter] == "60" && refused.headers[.rateLimitRemaining] == "0")
            clock.advance(by: 59)
            #expect(try await client.get("/api/health").status == .tooManyRequests)
            clock.advance(by: 1)
            #expect(try await client.get("/api/health").status == .ok)
        }
    }

    @Test func aKeyIsLimitedAtItsTierAndEveryPathIsCounted() async throws {
        let store = try await memoryStore()
        let key = try await TestKeys(store: store).make([.viewResults], tier: .basic)
        try await withServer(store: store) { client async throws in
            for _ in 1...120 { #expect(try await client.get("/api/health", headers: bearer(key)).status == .ok) }
            let refused = try await client.get("/api/health", headers: bearer(key))
            #expect(refused.status == .tooManyRequests && refused.headers[.rateLimitLimit] == "120")
            // Anonymous calls from the same address have their own (free) budget.
            #expect(try await client.get("/api/health").headers[.rateLimitLimit] == "30")
            let outside = try await client.get("/nope")
            #expect(outside.status == .notFound && outside.headers[.rateLimitRemaining] == "28")
        }
    }

    /// Issue 18, item 7: after the budget was spent, `//api/topology` answered 200 without headers.
    @Test func noSpellingOfAPathEscapesTheLimit() async throws {
        try await withServer(configure: { $0.rateLimits = [.free: 3] }) { client async throws in
            for _ in 1...3 { #expect(try await client.get("/api/health").status == .ok) }
            let variants = [
                "//api/topology", "//demo", "///api/topology", "/./api/topology", "/api/./topology", "/api/../api/topology",
                "/%2Fapi/topology", "/%2Fapi%2Ftopology", "/api%2Ftopology", "/api/topology/", "/api/topology//", "/api//topology",
                "/demo/", "//badge/grade.svg", "/badge/grade.svg", "//api/badge-markdown", "/API/topology", "/api/v1//topology",
                "//api/openapi.json", "//api/health", "/api/topology?project=default", "/api/topology/.",
            ]
            for uri in variants {
                let response = try await client.get(uri)
                #expect([.tooManyRequests, .notFound].contains(response.status), "GET \(uri): \(response.status)")
                #expect(response.headers[.rateLimitLimit] == "3" && response.headers[.rateLimitRemaining] == "0", "GET \(uri)")
            }
            for uri in ["//api/simulate", "//api/simulate-failure/database", "/api/simulate/"] {
                let response = try await client.post(uri)
                #expect([.tooManyRequests, .notFound].contains(response.status), "POST \(uri): \(response.status)")
                #expect(response.headers[.rateLimitRemaining] == "0", "POST \(uri)")
            }
        }
    }

    @Test func forwardedForIsOnlyTrustedBehindAProxy() async throws {
        for trust in [false, true] {
            try await withServer(configure: { $0.trustProxy = trust; $0.rateLimits = [.free: 2] }) { client async throws in
                var statuses: [HTTPResponse.Status] = []
                for i in 0..<4 {
                    statuses.append(try await client.get("/api/health", headers: [.xForwardedFor: "10.0.0.\(i)"]).status)
                }
                #expect(statuses.contains(.tooManyRequests) == !trust)
            }
        }
    }

    @Test func limitingCanBeTurnedOffAndHealthSaysSo() async throws {
        try await withServer(configure: { $0.rateLimits = nil }) { client async throws in
            for _ in 0..<40 { #expect(try await client.get("/api/versions").headers[.rateLimitLimit] == nil) }
            #expect(try Body(try await client.get("/api/health").body)["rate_limiting"] as? String == "off")
        }
    }
}
