import Foundation
import Logging

/// Each log record as one line of text (`--log-format text`, the default), in the layout of swift-log's
/// `StreamLogHandler`: `2026-11-30T19:29:55+0000 info faultray: key=value … [source] message`, the metadata sorted
/// by key, the time in UTC. It does less work per line than that handler, as every request logs one: the time is
/// formatted once per second, and the line is written straight into the output's batch (`LogOutput`).
public enum TextLogLine: LogLineFormat {
    /// Appends one record, as a line, to `line`.
    public static func write(into line: inout [UInt8], time: Date, level: Logger.Level, label: String, message: String,
                             fields: [(key: String, value: String)], source: String) {
        line.append(contentsOf: LogOutput.secondStamp(time).utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: level.rawValue.utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: label.utf8)
        line.append(UInt8(ascii: ":"))
        for (key, value) in fields {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            line.append(contentsOf: value.utf8)
        }
        line.append(contentsOf: " [".utf8)
        line.append(contentsOf: source.utf8)
        line.append(contentsOf: "] ".utf8)
        line.append(contentsOf: message.utf8)
        line.append(UInt8(ascii: "\n"))
    }
}
