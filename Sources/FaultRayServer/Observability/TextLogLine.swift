import FaultRayCore
import Foundation
import Logging

/// Each log record as one line of text (`--log-format text`, the default), in the layout of swift-log's
/// `StreamLogHandler`: `2026-11-30T19:29:55+0000 info faultray: key=value … [source] message`, the metadata sorted
/// by key, the time in UTC. It does less work per line than that handler, as every request logs one: the time is
/// formatted once per second (and lines are written in batches by `LogOutput`).
public enum TextLogLine: LogLineFormat {
    /// One record, as a line.
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
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
