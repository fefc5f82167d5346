/// The statements of `Store.countRequest`, the same on both databases but for their placeholders.
enum RequestCounts {
    /// Counts a request (client ?1, minute ?2) unless the limit (?3) is reached; returns the new count, or no row.
    static let count = """
        INSERT INTO request_counts (client, minute, count) VALUES (?1, ?2, 1)
        ON CONFLICT (client, minute) DO UPDATE SET count = request_counts.count + 1 WHERE request_counts.count < ?3
        RETURNING count
        """
    /// Drops the counts of minutes before the one before ?1 (no limit looks at them again).
    static let sweep = "DELETE FROM request_counts WHERE minute < ?1 - 1"

    /// A statement with PostgreSQL's placeholders (`$1` for `?1`).
    static func postgres(_ sql: String) -> String {
        sql.replacingOccurrences(of: "?", with: "$")
    }
}
