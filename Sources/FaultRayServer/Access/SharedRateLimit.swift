import FaultRayCore
import FaultRayStore
import Foundation

/// Rate limits across the servers that share a store: each client's requests are counted in its row for the
/// current minute (`Store.countRequests`, one atomic statement), so a client gets at most its limit per calendar
/// minute however its requests are spread. Unlike the one server's sliding log, the window is the calendar minute:
/// a client may send its limit at the end of one minute and again at the start of the next.
///
/// A server counts a client's requests in the store in batches of `batch(for:)` (a hundredth of the limit, at least
/// one) and admits them from that reservation until it is used, asking again only then: one statement per batch
/// instead of one per request. While a client's reservation is being asked for, its other requests on this server
/// wait for it rather than ask too. Once the store refuses, the client is refused here until the minute ends (a
/// minute's count never goes down).
///
/// The bound: a client is never admitted more than its limit in a minute (what is admitted was counted first); it
/// may be refused early by what other servers reserved and have not used, at most `batch - 1` each, so with `S`
/// servers at least `limit - (S - 1) * (batch - 1)` are admitted before a refusal. Limits under 200 (the free tier's
/// 30, the basic tier's 120) have batches of one or two. When a reservation would pass the limit, single requests
/// are counted.
final class SharedRateLimit: Sendable {
    /// How long, in seconds, the store is not asked after it failed (each server limits alone meanwhile).
    static let pause: Double = 5
    private let pausedUntil = Locked(-Double.infinity)
    private let held = Locked(Held())

    /// The requests of `limit` counted in the store at once for one reservation.
    static func batch(for limit: Int) -> Int { max(1, (limit + 99) / 100) }

    /// A client in one minute under one limit.
    private struct Client: Hashable {
        var name: String
        var minute: Int
        var limit: Int
    }

    /// What this server holds, by client; those of past minutes are dropped as each minute's first reservation is made.
    private struct Held {
        var clients: [Client: Holding] = [:]
        var minute = Int.min
    }

    /// What this server holds of a client's minute.
    private struct Holding {
        /// Requests counted in the store and not yet admitted here.
        var slots = 0
        /// The store's count after this server's last reservation.
        var counted = 0
        /// The store refused: the limit is reached for this minute.
        var full = false
        /// The reservation being asked for, which this server's other requests of the client wait for.
        var asking: Task<Bool, Never>?
    }

    /// The verdict on one request; `nil` when the store fails or was failing less than `pause` seconds ago (the
    /// caller then limits alone, per server, until the database answers again).
    func check(_ name: String, limit: Int, now: Double, in store: any Store) async -> RateLimiter.Decision? {
        guard now >= pausedUntil.withLock({ $0 }) else { return nil }
        let client = Client(name: name, minute: Int((now / 60).rounded(.down)), limit: limit)
        let reset = max(1, Int((Double(client.minute + 1) * 60 - now).rounded(.up)))
        enum Next {
            case decided(RateLimiter.Decision)
            case wait(Task<Bool, Never>)
        }
        while true {
            let next = held.withLock { held -> Next in
                var holding = held.clients[client] ?? Holding()
                defer { held.clients[client] = holding }
                if holding.slots > 0 {
                    holding.slots -= 1
                    return .decided(.init(allowed: true, limit: limit, remaining: limit - holding.counted + holding.slots, resetSeconds: reset))
                }
                if holding.full { return .decided(.init(allowed: false, limit: limit, remaining: 0, resetSeconds: reset)) }
                if let asking = holding.asking { return .wait(asking) }
                let asking = Task { await self.reserve(client, now: now, in: store) }
                holding.asking = asking
                return .wait(asking)
            }
            switch next {
            case .decided(let decision): return decision
            case .wait(let asking): guard await asking.value else { return nil }
            }
        }
    }

    /// Counts a batch of `client`'s requests in the store (single requests when a batch would pass the limit) and
    /// holds them; `false` when the store failed.
    private func reserve(_ client: Client, now: Double, in store: any Store) async -> Bool {
        var wanted = Self.batch(for: client.limit)
        let counted: Int?
        do {
            if let batch = try await store.countRequests(client: client.name, minute: client.minute, limit: client.limit, count: wanted) {
                counted = batch
            } else if wanted > 1 {
                wanted = 1
                counted = try await store.countRequests(client: client.name, minute: client.minute, limit: client.limit, count: 1)
            } else {
                counted = nil
            }
        } catch {
            pausedUntil.withLock { $0 = now + Self.pause }
            held.withLock { $0.clients[client]?.asking = nil }
            return false
        }
        held.withLock { held in
            if client.minute > held.minute {
                held.minute = client.minute
                held.clients = held.clients.filter { $0.key.minute >= client.minute }
            }
            var holding = held.clients[client] ?? Holding()
            holding.asking = nil
            if let counted {
                holding.slots += wanted
                holding.counted = counted
            } else {
                holding.full = true
            }
            held.clients[client] = holding
        }
        return true
    }
}
