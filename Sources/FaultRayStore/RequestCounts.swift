/// The statements of `Store.countRequests`, the same on both databases but for their placeholders.
enum RequestCounts {
    /// Counts ?4 requests (client ?1, minute ?2, at most the limit ?3) unless that would pass the limit; returns the
    /// new count, or no row.
    static let count = """
        INSERT INTO request_counts (client, minute, count) VALUES (?1, ?2, ?4)
        ON CONFLICT (client, minute) DO UPDATE SET count = request_counts.count + ?4 WHERE request_counts.count + ?4 <= ?3
        RETURNING count
        """

    /// Whether `count` requests may be counted at once under `limit` (`Store.countRequests`' precondition).
    static func isValid(count: Int, limit: Int) -> Bool { count >= 1 && count <= limit }
    /// Drops the counts of minutes before the one before ?1 (no limit looks at them again).
    static let sweep = "DELETE FROM request_counts WHERE minute < ?1 - 1"

    /// A statement with PostgreSQL's placeholders (`$1` for `?1`).
    static func postgres(_ sql: String) -> String {
        sql.replacingOccurrences(of: "?", with: "$")
    }
}
