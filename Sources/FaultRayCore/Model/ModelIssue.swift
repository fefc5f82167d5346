/// One problem found in a model file, with where it is.
public struct ModelIssue: Equatable, Sendable, CustomStringConvertible {
    /// 1-based line, or 0 when the problem has no position.
    public var line: Int
    /// 1-based column, or 0 when the problem has no position.
    public var column: Int
    /// Where in the document, e.g. `components[2].replicas`.
    public var path: String
    public var message: String

    public init(line: Int, column: Int, path: String, message: String) {
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(line):\(column): " : ""
        return path.isEmpty ? "\(place)\(message)" : "\(place)\(path): \(message)"
    }
}

/// A model file that could not be loaded; lists every problem found.
public struct ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ModelIssue]

    public init(file: String, issues: [ModelIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        issues.map { "\(file):\($0)" }.joined(separator: "\n")
    }
}

/// Suggests the closest known name to a misspelt one ("did you mean …").
public enum Suggestion {
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= max(2, candidate.count / 3), distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    public static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        hint(naming: closest(to: word, among: candidates))
    }

    /// ` (did you mean 'x'?)` for the suggestion `x`; nothing without one.
    public static func hint(naming suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
