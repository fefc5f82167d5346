import Logging

/// The line every request logs, at info: message `Request` with `hb.request.id`, `hb.request.method` and
/// `hb.request.path` (as Hummingbird's `LogRequestsMiddleware` does). FaultRay's own handler (`LineLogHandler`, the
/// one `faultray serve` logs with) is given the three fields already in order, which spares the dictionaries a
/// `Logger` call builds, merges and sorts for each request; any other handler, or one with metadata of its own to
/// add, gets the line through its logger. Both ways give the same line (`RequestLogTests`).
struct RequestLog: Sendable {
    static let message = "Request"
    /// The module the line is from, as a `Logger` call in this module would say.
    static let source = String(#fileID.prefix { $0 != "/" })

    /// How the lines are written.
    enum Way: Sendable {
        /// Not at all: the logger's level is above info.
        case off
        /// Given to the handler as they are to be written.
        case direct(any RequestLineWriting)
        /// Through a `Logger` call.
        case logger(Logger)
    }

    let way: Way

    /// Logs through `logger`'s handler, or writes to it directly when it is one of FaultRay's own.
    init(logger: Logger) {
        if logger.logLevel > .info {
            way = .off
        } else if let handler = logger.handler as? any RequestLineWriting, !handler.addsMetadata {
            way = .direct(handler)
        } else {
            way = .logger(logger)
        }
    }

    /// Logs one request.
    func write(id: String, method: String, path: String) {
        switch way {
        case .off:
            return
        case .direct(let handler):
            handler.writeRequestLine(Self.message, fields: Self.fields(id: id, method: method, path: path), source: Self.source)
        case .logger(let logger):
            let metadata = Self.fields(id: id, method: method, path: path).map { ($0.key, Logger.MetadataValue.string($0.value)) }
            logger.info(.init(stringLiteral: Self.message), metadata: Dictionary(uniqueKeysWithValues: metadata), source: Self.source)
        }
    }

    /// The line's metadata, sorted by key (as a line writes them).
    static func fields(id: String, method: String, path: String) -> [(key: String, value: String)] {
        [("hb.request.id", id), ("hb.request.method", method), ("hb.request.path", path)]
    }
}

/// A log handler that writes request lines (`RequestLog`) given as they are to be written.
protocol RequestLineWriting: Sendable {
    /// Whether the handler adds metadata of its own (its logger's or its provider's) to every line.
    var addsMetadata: Bool { get }
    /// Writes the request line, at info, with `fields` in the order they are written.
    func writeRequestLine(_ message: String, fields: [(key: String, value: String)], source: String)
}
