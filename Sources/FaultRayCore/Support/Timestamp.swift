import Foundation

/// ISO-8601 timestamps with an explicit offset (`2026-03-15T10:30:00+00:00`), the one format of every
/// time FaultRay writes.
public enum Timestamp {
    /// `date` in UTC, to the second, with a `+00:00` offset.
    public static func iso8601(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
                      c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
