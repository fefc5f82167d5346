import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body does not arrive in full within `timeout` of its head, however
/// slowly it trickles (an idle connection, or one that never completes its head, is closed by the
/// server's idle timeout). The clock starts when the read that brought the head is done, so a request
/// whose end came in the same read (most requests without a body) costs no timer.
struct BodyClock {
    private let timeout: TimeAmount
    /// A head was read and its end was not.
    private var awaitingEnd = false
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    /// Follows the request's parts: a head starts waiting for its end, the end stops the clock.
    mutating func read(_ part: HTTPRequestPart) {
        switch part {
        case .head:
            stop()
            awaitingEnd = true
        case .body:
            break
        case .end:
            stop()
        }
    }

    /// Starts the clock when a read ended with a head whose end has not come.
    mutating func readComplete(_ context: ChannelHandlerContext) {
        if awaitingEnd, deadline == nil {
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { context.close(promise: nil) }
        }
    }

    /// Stops the clock.
    mutating func stop() {
        awaitingEnd = false
        deadline?.cancel()
        deadline = nil
    }
}
