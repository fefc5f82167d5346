import Foundation

/// A field of a request (API body or CLI option) that breaks its rule; the message names the field. The
/// server answers it with 400 (`ErrorMiddleware`), the CLI prints it and exits with 2.
public struct InvalidFieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var rule: String

    public init(_ field: String, _ rule: String) {
        self.field = field
        self.rule = rule
    }

    public var description: String { "field '\(field)': \(rule)" }
}

/// Rules of text fields shared by several requests: names, free text and lists of ids.
public enum FieldRules {
    /// The longest name (of a project, key, experiment or blackout window), in characters (Unicode code points).
    public static let maxNameLength = 200
    /// The longest free text (a description, a blackout's reason), in characters (Unicode code points).
    public static let maxTextLength = 4_000
    /// The most entries of a list of ids (an experiment's scenarios or targets).
    public static let maxListEntries = 1_000

    /// A `name` field: required, trimmed, 1 to 200 characters, no control characters (a name is one line).
    public static func name(_ text: String?, field: String = "name") throws(InvalidFieldError) -> String {
        let name = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.count <= maxNameLength else {
            throw InvalidFieldError(field, "required, 1 to \(maxNameLength) characters")
        }
        // Before trimming, which would take a surrounding tab away unnoticed.
        try noControlCharacters(text ?? "", field: field, except: [])
        return name
    }

    /// A free-text field (absent is empty): at most 4,000 characters, and no control characters but
    /// tab and line breaks (a NUL would be stored cut there).
    public static func text(_ text: String?, field: String) throws(InvalidFieldError) -> String {
        let text = text ?? ""
        let length = text.unicodeScalars.count
        guard length <= maxTextLength else {
            throw InvalidFieldError(field, "at most \(maxTextLength) characters; got \(length)")
        }
        try noControlCharacters(text, field: field, except: ["\t", "\n", "\r"])
        return text
    }

    /// A list of ids (absent is empty): at most 1,000 entries.
    public static func list(_ list: [String]?, field: String) throws(InvalidFieldError) -> [String] {
        let list = list ?? []
        guard list.count <= maxListEntries else {
            throw InvalidFieldError(field, "at most \(maxListEntries) entries; got \(list.count)")
        }
        return list
    }

    private static func noControlCharacters(_ text: String, field: String, except allowed: Set<Unicode.Scalar>) throws(InvalidFieldError) {
        guard let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else { return }
        let code = String(bad.value, radix: 16, uppercase: true)
        let rule = allowed.isEmpty ? "no control characters" : "no control characters but tab and line breaks"
        throw InvalidFieldError(field, "\(rule); found U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)")
    }
}
