import FaultRayCore

/// Checks shared by several request bodies.
enum Validate {
    /// The longest name (of a project, key, experiment or blackout window), in characters (Unicode code points).
    static let maxNameLength = 200
    /// The longest free text (a description, a blackout's reason), in characters (Unicode code points).
    static let maxTextLength = 4_000
    /// The most entries of a list of ids (an experiment's scenarios or targets).
    static let maxListEntries = 1_000

    /// A `name` field: required, trimmed, 1 to 200 characters, no control characters (a name is one line).
    static func name(_ text: String?, field: String = "name") throws -> String {
        let name = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.count <= maxNameLength else {
            throw APIError(.badRequest, "field '\(field)': required, 1 to \(maxNameLength) characters")
        }
        // Before trimming, which would take a surrounding tab away unnoticed.
        try noControlCharacters(text ?? "", field: field, except: [])
        return name
    }

    /// A free-text field (absent is empty): at most 4,000 characters, and no control characters but
    /// tab and line breaks (a NUL would be stored cut there).
    static func text(_ text: String?, field: String) throws -> String {
        let text = text ?? ""
        let length = text.unicodeScalars.count
        guard length <= maxTextLength else {
            throw APIError(.badRequest, "field '\(field)': at most \(maxTextLength) characters; got \(length)")
        }
        try noControlCharacters(text, field: field, except: ["\t", "\n", "\r"])
        return text
    }

    /// A list of ids (absent is empty): at most 1,000 entries.
    static func list(_ list: [String]?, field: String) throws -> [String] {
        let list = list ?? []
        guard list.count <= maxListEntries else {
            throw APIError(.badRequest, "field '\(field)': at most \(maxListEntries) entries; got \(list.count)")
        }
        return list
    }

    private static func noControlCharacters(_ text: String, field: String, except allowed: Set<Unicode.Scalar>) throws {
        guard let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else { return }
        let code = String(bad.value, radix: 16, uppercase: true)
        let rule = allowed.isEmpty ? "no control characters" : "no control characters but tab and line breaks"
        throw APIError(.badRequest, "field '\(field)': \(rule); found U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)")
    }

    /// A model sent to the server: at most `--max-components` components (413 beyond).
    static func size(of model: InfrastructureModel, _ what: String, _ api: API) throws {
        guard model.components.count <= api.maxComponents else {
            throw APIError(.contentTooLarge, "\(what) has \(model.components.count) components; this server accepts at most \(api.maxComponents) (serve --max-components).")
        }
    }
}
