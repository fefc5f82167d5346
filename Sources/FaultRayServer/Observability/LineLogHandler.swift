import Foundation
import Logging

/// How a log record is written as one line (with its newline): `TextLogLine` or `JSONLogLine`.
public protocol LogLineFormat: Sendable {
    /// Appends the record, as one line, to `line`: `fields` are its metadata sorted by key, each value as its text.
    static func write(into line: inout [UInt8], time: Date, level: Logger.Level, label: String, message: String,
                      fields: [(key: String, value: String)], source: String)
}

extension LogLineFormat {
    /// The metadata as a line's fields: sorted by key, each value as its text.
    static func fields(_ metadata: Logger.Metadata) -> [(key: String, value: String)] {
        metadata.map { ($0.key, $0.value.description) }.sorted { $0.key < $1.key }
    }

    /// The record, as one line.
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                            source: String) -> String {
        var line: [UInt8] = []
        write(into: &line, time: time, level: level, label: label, message: message, fields: fields(metadata), source: source)
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
        write(level: event.level, message: "\(event.message)", fields: Format.fields(fields), source: event.source)
    }

    /// Writes one line now (or with the next batch, by its level), stamped with the current time.
    private func write(level: Logger.Level, message: String, fields: [(key: String, value: String)], source: String) {
        let time = Date()
        LogOutput.write(level: level) { line in
            Format.write(into: &line, time: time, level: level, label: label, message: message, fields: fields, source: source)
        }
    }
}

extension LineLogHandler: RequestLineWriting {
    var addsMetadata: Bool { !metadata.isEmpty || metadataProvider != nil }

    func writeRequestLine(_ message: String, fields: [(key: String, value: String)], source: String) {
        write(level: .info, message: message, fields: fields, source: source)
    }
}

/// The text handler (`--log-format text`, the default).
public typealias TextLogHandler = LineLogHandler<TextLogLine>
/// The JSON handler (`--log-format json`).
public typealias JSONLogHandler = LineLogHandler<JSONLogLine>
