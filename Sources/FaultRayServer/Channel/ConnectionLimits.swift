import FaultRayCore
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

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

/// Admits a connection while fewer than the limit are open. A connection beyond it is refused: its
/// first request is answered 503 in the error envelope and the connection closed, or, when no request
/// comes within `grace`, it is closed without an answer.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    static let refusal = APIError(.serviceUnavailable, "Too many open connections; try again shortly.", headers: [.retryAfter: "1"])

    private let counter: ConnectionCounter
    private let grace: TimeAmount
    private var admitted = false
    private var refused = false
    private var answered = false

    init(counter: ConnectionCounter, grace: TimeAmount = .seconds(1)) {
        self.counter = counter
        self.grace = grace
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        context.fireChannelActive()
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !admitted, !refused else { return }
        if counter.enter() {
            admitted = true
        } else {
            refused = true
            context.eventLoop.assumeIsolated().scheduleTask(in: grace) { context.close(promise: nil) }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard refused else { return context.fireChannelRead(data) }
        if case .head = unwrapInboundIn(data), !answered {
            answered = true
            ChannelAnswer.refuse(Self.refusal, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { leave() }

    private func leave() {
        if admitted { counter.leave() }
        admitted = false
    }
}

/// Closes a connection whose request body does not arrive in full within `timeout` of its head, however
/// slowly it trickles (an idle connection, or one that never completes its head, is closed by the
/// server's idle timeout). The clock starts when the read that brought the head is done, so a request
/// whose end came in the same read (most requests without a body) costs no timer.
final class BodyTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    /// A head was read and its end was not.
    private var awaitingEnd = false
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            stopClock()
            awaitingEnd = true
        case .body:
            break
        case .end:
            stopClock()
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if awaitingEnd, deadline == nil {
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { context.close(promise: nil) }
        }
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stopClock() }

    private func stopClock() {
        awaitingEnd = false
        deadline?.cancel()
        deadline = nil
    }
}
