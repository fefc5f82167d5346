import FaultRayCore
import Foundation

/// Sliding-log rate limiting: each client's accepted requests of the last `window` are kept (times
/// only); a request is accepted while fewer than the limit are in the window. Exact at every instant,
/// and rejected requests are not counted. Memory is bounded by the clients active in the last window:
/// clients idle for a whole window are evicted in sweeps.
final class RateLimiter: Sendable {
    /// The verdict on one request, with what the `X-RateLimit-*` headers report.
    struct Decision: Equatable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until the oldest request in the window leaves it (a slot frees).
        var resetSeconds: Int
    }

    let window: Double
    private let state = Locked(State())
    private static let sweepEvery = 4096

    private struct State {
        var logs: [String: Log] = [:]
        var requestsSinceSweep = 0
    }

    /// The accepted times of one client, oldest first, in a ring that never exceeds the limit.
    private struct Log {
        var times: [Double] = []
        var start = 0
        var count: Int { times.count - start }

        /// Drops the times that left the window and appends `now` when fewer than `limit` remain:
        /// whether it was appended, the count after, and the oldest time in the window (`now` if none).
        mutating func record(_ now: Double, limit: Int, window: Double) -> (allowed: Bool, count: Int, oldest: Double) {
            drop(before: now - window)
            let allowed = count < limit
            if allowed { times.append(now) }
            return (allowed, count, count > 0 ? times[start] : now)
        }

        mutating func drop(before cutoff: Double) {
            while start < times.count, times[start] <= cutoff { start += 1 }
            if start > 64, start * 2 > times.count {
                times.removeFirst(start)
                start = 0
            }
        }
    }

    init(window: Double = 60) { self.window = window }

    /// Counts a request of `client` at `now` against `limit`.
    func check(_ client: String, limit: Int, now: Double) -> Decision {
        let window = self.window
        return state.withLock { state in
            state.requestsSinceSweep += 1
            if state.requestsSinceSweep >= Self.sweepEvery {
                state.requestsSinceSweep = 0
                state.logs = state.logs.filter { _, log in log.count > 0 && log.times[log.times.count - 1] > now - window }
            }
            // In place: a copy of the log taken out of the dictionary would copy its times on append.
            let (allowed, count, oldest) = state.logs[client, default: Log()].record(now, limit: limit, window: window)
            let reset = Int((oldest + window - now).rounded(.up))
            return Decision(allowed: allowed, limit: limit, remaining: limit - count, resetSeconds: max(allowed ? 0 : 1, reset))
        }
    }

    /// The number of clients currently tracked.
    var trackedClients: Int { state.withLock { $0.logs.count } }
}
