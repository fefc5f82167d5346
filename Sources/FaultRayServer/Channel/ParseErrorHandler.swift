import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser refused in the error envelope, instead of Hummingbird's 400 with
/// an empty body: a head beyond the size limit (an over-long URI or headers) is a 431, any other
/// malformed request a 400. The connection then closes, as the stream cannot be trusted any more.
final class ParseErrorHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        guard !answered else { return }
        answered = true
        ChannelAnswer.refuse(Self.apiError(for: error), context: context)
    }

    /// The answer to a parser error.
    static func apiError(for error: HTTPParserError) -> APIError {
        switch error {
        case .headerOverflow:
            return APIError(.requestHeaderFieldsTooLarge, "The request line and headers are larger than the server accepts (\(limit / 1024) KiB).")
        default:
            return APIError(.badRequest, "Malformed HTTP request: \(error).")
        }
    }

    /// The most bytes of request line and headers (Hummingbird's decoder default).
    static let limit = 80 * 1024
}
