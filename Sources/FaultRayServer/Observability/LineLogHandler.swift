import Foundation
import Logging

/// How a log record is written as one line (with its newline): `TextLogLine` or `JSONLogLine`.
public protocol LogLineFormat: Sendable {
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                     source: String) -> String
}

/// A log handler writing each record as one line in `Format` on standard error, through `LogOutput` (info lines
/// in batches): the metadata is the logger's, then its provider's, then the call's, the later winning.
public struct LineLogHandler<Format: LogLineFormat>: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let explicit = event.metadata { fields.merge(explicit) { $1 } }
        LogOutput.write(Format.line(time: Date(), level: event.level, label: label, message: "\(event.message)", metadata: fields,
                                    source: event.source), level: event.level)
    }
}

/// The text handler (`--log-format text`, the default).
public typealias TextLogHandler = LineLogHandler<TextLogLine>
/// The JSON handler (`--log-format json`).
public typealias JSONLogHandler = LineLogHandler<JSONLogLine>
