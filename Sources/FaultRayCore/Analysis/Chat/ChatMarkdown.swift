/// Markdown pieces of chat answers.
enum Markdown {
    /// A table; `|` in cells is escaped.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let line = { (cells: [String]) in "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }

    /// An id as inline code.
    static func code(_ id: String) -> String { "`\(id.replacingOccurrences(of: "`", with: "'"))`" }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// "1 component", "3 components".
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// A yearly downtime, in minutes or hours.
    static func downtime(minutes: Double) -> String {
        minutes < 120 ? "\(Format.number(minutes)) minutes" : "\(Format.number(minutes / 60)) hours"
    }

    static func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}
