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

    /// Parses an ISO-8601 date-time that states its offset (`Z` or `±hh:mm`), with or without
    /// fractional seconds; `nil` for anything else, a time without an offset included.
    public static func parse(_ text: String) -> Date? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// `date` in UTC as RFC 5545 `DATE-TIME` (`20260315T103000Z`).
    public static func iCalendar(_ date: Date) -> String {
        iso8601(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "+0000", with: "Z")
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
