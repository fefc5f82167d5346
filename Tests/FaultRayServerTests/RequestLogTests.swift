@testable import FaultRayServer
import Foundation
import Logging
import Testing

/// The request line (`RequestLog`): written straight to FaultRay's own handlers, through the logger otherwise,
/// the same line both ways.
@Suite("Request log line")
struct RequestLogTests {
    /// Fields a `Logger` call with the line's metadata would write, in the order it would write them.
    @Test func theDirectFieldsAreTheOnesALoggerCallWrites() {
        let fields = RequestLog.fields(id: "0a1b", method: "GET", path: "/api/topology?project=p q")
        let metadata = Logger.Metadata(uniqueKeysWithValues: fields.map { ($0.key, .string($0.value)) })
        #expect(fields.map(\.key) == TextLogLine.fields(metadata).map(\.key))
        #expect(fields.map(\.value) == TextLogLine.fields(metadata).map(\.value))
        #expect(fields.map(\.key) == ["hb.request.id", "hb.request.method", "hb.request.path"])
    }

    /// FaultRay's handlers, text or JSON, are written to directly; a handler with metadata of its own to add, or
    /// another handler, through its logger; a logger above info not at all.
    @Test func theWayFollowsTheHandler() {
        func way(_ logger: Logger) -> String {
            switch RequestLog(logger: logger).way {
            case .off: "off"
            case .direct: "direct"
            case .logger: "logger"
            }
        }
        #expect(way(Logger(label: "faultray", factory: TextLogHandler.init)) == "direct")
        #expect(way(Logger(label: "faultray", factory: JSONLogHandler.init)) == "direct")
        var withMetadata = Logger(label: "faultray", factory: TextLogHandler.init)
        withMetadata[metadataKey: "server"] = "a"
        #expect(way(withMetadata) == "logger")
        var provided = TextLogHandler(label: "faultray")
        provided.metadataProvider = .init { ["trace": "t"] }
        #expect(way(Logger(label: "faultray", factory: { _ in provided })) == "logger")
        #expect(way(Logger(label: "faultray", factory: { StreamLogHandler.standardError(label: $0) })) == "logger")
        var quiet = Logger(label: "faultray", factory: TextLogHandler.init)
        quiet.logLevel = .notice
        #expect(way(quiet) == "off")
    }
}
