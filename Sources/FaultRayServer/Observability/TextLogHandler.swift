import FaultRayCore
import Foundation
import Logging

/// Writes each log record as one line of text on standard error (`--log-format text`, the default), in the
/// layout of swift-log's `StreamLogHandler`: `2026-11-30T19:29:55+0000 info faultray: key=value … [source] message`,
/// the metadata sorted by key, the time in UTC. It does less work per line than that handler, as every request
/// logs one: the time is formatted once per second, and the line is written with one `write(2)` (see
/// `LogOutput`), without stdio's lock and flush.
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
        LogOutput.write(Self.line(time: Date(), level: level, label: label, message: "\(message)", metadata: fields, source: source))
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

/// Where the log handlers write: standard error, one `write(2)` per line (a line of up to `PIPE_BUF` bytes is
/// never interleaved with another on a pipe; on a file each write lands whole at the end of the last).
enum LogOutput {
    /// Writes `text` as `write(_:)` does.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes `data` as `write(_:)` does.
    static func write(_ data: Data) {
        data.withUnsafeBytes { write($0) }
    }

    /// Writes `bytes` in full to standard error, retrying after an interrupted or partial write; a failure
    /// (standard error closed) drops the line, as there is nowhere left to say so.
    private static func write(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// `time` to the second in UTC, as `2026-11-30T19:29:55+0000`: formatted once per second.
    static func secondStamp(_ time: Date) -> String {
        let second = Int(time.timeIntervalSince1970.rounded(.down))
        return lastStamp.withLock { last in
            if last.second != second {
                var seconds = time_t(second), parts = tm()
                gmtime_r(&seconds, &parts)
                last = (second, "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))T"
                    + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec))+0000")
            }
            return last.text
        }
    }

    private static let lastStamp = Locked((second: Int.min, text: ""))

    private static func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
