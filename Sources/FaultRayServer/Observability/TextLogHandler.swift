import FaultRayCore
import Foundation
import Logging

/// Writes each log record as one line of text on standard error (`--log-format text`, the default), in the
/// layout of swift-log's `StreamLogHandler`: `2026-11-30T19:29:55+0000 info faultray: key=value … [source] message`,
/// the metadata sorted by key, the time in UTC. It does less work per line than that handler, as every request
/// logs one: the time is formatted once per second, and info lines are written in batches (`LogOutput`).
public struct TextLogHandler: LogHandler {
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
        LogOutput.write(Self.line(time: Date(), level: level, label: label, message: "\(message)", metadata: fields, source: source), level: level)
    }

    /// One record, as a line.
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                     source: String) -> String {
        var text = LogOutput.secondStamp(time)
        text.reserveCapacity(160 + message.utf8.count)
        text += " "
        text += level.rawValue
        text += " "
        text += label
        text += ":"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            text += " "
            text += key
            text += "="
            text += value.description
        }
        text += " ["
        text += source
        text += "] "
        text += message
        text += "\n"
        return text
    }
}
