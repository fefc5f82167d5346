/// A name that names nothing of its kind: a component, a project, a catalogue entry. The one error of
/// every lookup by name, with the names that are known and the closest of them; the server answers it
/// with 404 (`ErrorMiddleware`) and the CLI prints `sentence` and exits with 2 (`FaultRayCommand`).
public struct UnknownNameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was looked up.
    public enum Kind: String, Sendable {
        case component, project, experiment, blackout, badge, incident, package, industry
        case framework = "compliance framework"

        /// Whether messages list the known names: catalogues are public and short, while a model may have
        /// 100,000 components and projects (with their experiments and blackouts) are private to the keys
        /// confined to them.
        var listsKnown: Bool {
            switch self {
            case .component, .project, .experiment, .blackout: return false
            case .badge, .incident, .package, .industry, .framework: return true
            }
        }
    }

    public var kind: Kind
    /// The name as given.
    public var name: String
    /// The names that are known, in their catalogue's order (empty when they may not be shown).
    public var known: [String]
    /// The known name closest to `name`, if one is close.
    public var suggestion: String?
    /// Words accepted besides the known names, e.g. `list` and `all` for industries.
    public var alsoAccepted: [String]

    public init(_ kind: Kind, name: String, known: [String], alsoAccepted: [String] = []) {
        self.kind = kind
        self.name = name
        self.known = known
        self.suggestion = Suggestion.closest(to: name, among: known)
        self.alsoAccepted = alsoAccepted
    }

    /// `Unknown incident 'x' (did you mean 'y'?). Known: a, b` or `Component 'x' not found (did you
    /// mean 'y'?)`; the name is shortened to `Clip.limit` characters.
    public var description: String {
        let shown = Clip.text(name)
        let hint = Suggestion.hint(naming: suggestion)
        guard kind.listsKnown else { return "\(kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) '\(shown)' not found\(hint)" }
        let label = kind == .framework ? "Supported" : "Known"
        let also = alsoAccepted.isEmpty ? "" : ", or " + alsoAccepted.map { "'\($0)'" }.joined(separator: " and ")
        return "Unknown \(kind.rawValue) '\(shown)'\(hint). \(label): \(known.joined(separator: ", "))\(also)"
    }

    /// The description as a sentence, for the API's envelope and the CLI's stderr.
    public var sentence: String { description + "." }
}

/// Shortens user input echoed in messages, so a 5 KB id does not come back whole.
public enum Clip {
    public static let limit = 100

    public static func text(_ text: String) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
