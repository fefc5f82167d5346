import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// FaultRay's one handler in every connection's pipeline, between the HTTP codec and Hummingbird's request
/// handling. In this order, it:
/// - answers a request the HTTP parser refused in the error envelope, instead of Hummingbird's 400 with an
///   empty body (`parserError(_:)`), then closes the connection, as the stream cannot be trusted any more;
/// - admits the connection under `--max-connections` (`ConnectionAdmission`);
/// - times a request's body (`BodyClock`, `--body-timeout`);
/// - answers `Expect: 100-continue` with an interim `100 Continue`, so that clients which ask first (curl does
///   for bodies over 1 MiB) send a large model at once instead of waiting a second for leave; the final answer
///   (413 for a body over the limit, say) still follows as usual.
///
/// One handler for the four, so that each part of a request passes one handler of ours and is unwrapped once.
final class ConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private var admission: ConnectionAdmission
    private var bodyClock: BodyClock
    private var answeredParserError = false

    init(counter: ConnectionCounter, bodyTimeout: TimeAmount) {
        admission = ConnectionAdmission(counter: counter)
        bodyClock = BodyClock(timeout: bodyTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admission.admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admission.admit(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard !admission.refused else {
            if case .head = part, admission.answersHead() { ChannelAnswer.refuse(ConnectionAdmission.refusal, context: context) }
            return
        }
        bodyClock.read(part)
        if case .head(let request) = part, request.headerFields[.expect]?.lowercased() == "100-continue" {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        bodyClock.readComplete(context)
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        guard !answeredParserError else { return }
        answeredParserError = true
        ChannelAnswer.refuse(Self.parserError(error), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        admission.leave()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        admission.leave()
        bodyClock.stop()
    }

    /// The answer to a request the parser refused: a head beyond the size limit (an over-long URI or headers)
    /// is a 431, any other malformed request a 400.
    static func parserError(_ error: HTTPParserError) -> APIError {
        switch error {
        case .headerOverflow:
            return APIError(.requestHeaderFieldsTooLarge, "The request line and headers are larger than the server accepts (\(headLimit / 1024) KiB).")
        default:
            return APIError(.badRequest, "Malformed HTTP request: \(error).")
        }
    }

    /// The most bytes of request line and headers (Hummingbird's decoder default).
    static let headLimit = 80 * 1024
}
