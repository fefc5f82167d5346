import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers from the channel pipeline itself, before a request reaches the router: an error envelope,
/// then the connection closes.
enum ChannelAnswer {
    /// Writes `error` as a complete response with `Connection: close`, then closes the channel.
    static func refuse(_ error: APIError, context: ChannelHandlerContext) {
        let envelope = (try? error.envelope()) ?? Data(#"{"error":{"code":\#(error.status.code),"message":"refused"}}"#.utf8)
        let body = ByteBuffer(bytes: envelope)
        var fields: HTTPFields = [.contentType: "application/json", .contentLength: String(body.readableBytes), .connection: "close"]
        fields.append(contentsOf: error.headers)
        context.write(NIOAny(HTTPResponsePart.head(HTTPResponse(status: error.status, headerFields: fields))), promise: nil)
        context.write(NIOAny(HTTPResponsePart.body(body)), promise: nil)
        context.writeAndFlush(NIOAny(HTTPResponsePart.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
