import Foundation
import Logging

/// How a log record is written as one line (with its newline): `TextLogLine` or `JSONLogLine`.
public protocol LogLineFormat: Sendable {
    /// Appends the record, as one line, to `line`.
    static func write(into line: inout [UInt8], time: Date, level: Logger.Level, label: String, message: String,
                      metadata: Logger.Metadata, source: String)
}

extension LogLineFormat {
    /// The record, as one line.
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                            source: String) -> String {
        var line: [UInt8] = []
        write(into: &line, time: time, level: level, label: label, message: message, metadata: metadata, source: source)
        return String(decoding: line, as: UTF8.self)
    }
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
        let provided = metadataProvider?.get() ?? [:], explicit = event.metadata ?? [:]
        fields.reserveCapacity(fields.count + provided.count + explicit.count)
        fields.merge(provided) { $1 }
        fields.merge(explicit) { $1 }
        let time = Date(), message = "\(event.message)"
        LogOutput.write(level: event.level) { line in
            Format.write(into: &line, time: time, level: event.level, label: label, message: message, metadata: fields, source: event.source)
        }
    }
}

/// The text handler (`--log-format text`, the default).
public typealias TextLogHandler = LineLogHandler<TextLogLine>
/// The JSON handler (`--log-format json`).
public typealias JSONLogHandler = LineLogHandler<JSONLogLine>
