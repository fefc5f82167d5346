import Foundation
import Logging

/// Each log record as one JSON object per line (`--log-format json`): `time` (ISO 8601, UTC, milliseconds),
/// `level`, `logger`, `message`, then the metadata (the request id as `hb.request.id`, for one), values as strings.
public enum JSONLogLine: LogLineFormat {
    /// Appends one record, as a JSON line, to `line`.
    public static func write(into line: inout [UInt8], time: Date, level: Logger.Level, label: String, message: String,
                             fields: [(key: String, value: String)], source: String) {
        var record = Dictionary(fields, uniquingKeysWith: { $1 })
        record["time"] = time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        record["level"] = level.rawValue
        record["logger"] = label
        record["message"] = message
        line.append(contentsOf: (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data())
        line.append(UInt8(ascii: "\n"))
    }
}
