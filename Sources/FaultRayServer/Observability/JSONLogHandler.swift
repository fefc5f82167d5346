import Foundation
import Logging

/// Writes each log record as one JSON object per line on standard error (`--log-format json`):
/// `time` (ISO 8601, UTC, milliseconds), `level`, `logger`, `message`, then the metadata (the
/// request id as `hb.request.id`, for one), values as strings; info lines are written in batches (`LogOutput`).
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        var fields = self.metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let explicit { fields.merge(explicit) { $1 } }
        LogOutput.write(Self.line(time: Date(), level: level, label: label, message: "\(message)", metadata: fields), level: level)
    }

    /// One record, as a JSON line.
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> Data {
        var record: [String: String] = metadata.mapValues { "\($0)" }
        record["time"] = time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        record["level"] = level.rawValue
        record["logger"] = label
        record["message"] = message
        var data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
