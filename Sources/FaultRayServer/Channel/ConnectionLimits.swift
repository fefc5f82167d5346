import FaultRayCore
import Foundation
import NIOCore

/// The open connections, counted against `--max-connections`.
final class ConnectionCounter: Sendable {
    let limit: Int
    private let open = Locked(0)

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection; `false` (and not counted) when the limit is reached.
    func enter() -> Bool {
        open.withLock { open in
            guard open < limit else { return false }
            open += 1
            return true
        }
    }

    func leave() { open.withLock { $0 -= 1 } }

    var count: Int { open.withLock { $0 } }
}

/// One connection's place under `--max-connections`: admitted while fewer than the limit are open. A
/// connection beyond it is refused: its first request is answered 503 in the error envelope and the
/// connection closed, or, when no request comes within `grace`, it is closed without an answer.
struct ConnectionAdmission {
    static let refusal = APIError(.serviceUnavailable, "Too many open connections; try again shortly.", headers: [.retryAfter: "1"])

    private let counter: ConnectionCounter
    private let grace: TimeAmount
    private var admitted = false
    /// Whether the connection was refused: its requests go no further.
    private(set) var refused = false
    private var answered = false

    init(counter: ConnectionCounter, grace: TimeAmount = .seconds(1)) {
        self.counter = counter
        self.grace = grace
    }

    /// Counts the connection (once it is active), or refuses it and closes it after `grace`.
    mutating func admit(_ context: ChannelHandlerContext) {
        guard !admitted, !refused else { return }
        if counter.enter() {
            admitted = true
        } else {
            refused = true
            context.eventLoop.assumeIsolated().scheduleTask(in: grace) { context.close(promise: nil) }
        }
    }

    /// Whether a refused connection's request head is to be answered with `refusal` (the first only). The caller
    /// answers, outside this mutation: answering closes the connection, which leaves (`leave()`) at once.
    mutating func answersHead() -> Bool {
        guard refused, !answered else { return false }
        answered = true
        return true
    }

    /// Stops counting the connection (closed, or its handler removed).
    mutating func leave() {
        if admitted { counter.leave() }
        admitted = false
    }
}
