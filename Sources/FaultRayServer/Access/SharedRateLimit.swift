import FaultRayCore
import FaultRayStore
import Foundation

/// Rate limits across the servers that share a store: each request is counted in its client's row
/// for the current minute (`Store.countRequest`, one atomic statement), so a client gets at most its
/// limit per calendar minute however its requests are spread. Unlike the one server's sliding log,
/// the window is the calendar minute: a client may send its limit at the end of one minute and again
/// at the start of the next.
final class SharedRateLimit: Sendable {
    /// How long, in seconds, the store is not asked after it failed (each server limits alone meanwhile).
    static let pause: Double = 5
    private let pausedUntil = Locked(-Double.infinity)

    /// The store's verdict on one request; `nil` when the store fails or was failing less than
    /// `pause` seconds ago (the caller then limits alone, per server, until the database answers again).
    func check(_ client: String, limit: Int, now: Double, in store: any Store) async -> RateLimiter.Decision? {
        guard now >= pausedUntil.withLock({ $0 }) else { return nil }
        let minute = Int((now / 60).rounded(.down))
        let reset = max(1, Int((Double(minute + 1) * 60 - now).rounded(.up)))
        let counted: Int?
        do {
            counted = try await store.countRequest(client: client, minute: minute, limit: limit)
        } catch {
            pausedUntil.withLock { $0 = now + Self.pause }
            return nil
        }
        guard let count = counted else { return RateLimiter.Decision(allowed: false, limit: limit, remaining: 0, resetSeconds: reset) }
        return RateLimiter.Decision(allowed: true, limit: limit, remaining: limit - count, resetSeconds: reset)
    }
}
