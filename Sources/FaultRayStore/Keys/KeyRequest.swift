import FaultRayCore

/// Validation of key requests, shared by the API and the CLI.
public enum KeyRequest {
    /// A key's name: 1 to 200 characters once trimmed, without control characters.
    public static func name(_ text: String) throws(InvalidFieldError) -> String {
        try FieldRules.name(text)
    }

    /// Parses permission names; an unknown one is an error naming it.
    public static func permissions(_ names: [String]) throws(InvalidFieldError) -> [Permission] {
        guard !names.isEmpty else { throw InvalidFieldError("permissions", "give at least one of \(known)") }
        var permissions: [Permission] = []
        for name in names {
            guard let permission = Permission(rawValue: name) else {
                throw InvalidFieldError("permissions", "unknown permission '\(Clip.text(name))'\(Suggestion.hint(for: name, among: Permission.allCases.map(\.rawValue))); expected: \(known)")
            }
            permissions.append(permission)
        }
        return permissions
    }

    /// Parses a tier name; an unknown one is an error naming it.
    public static func tier(_ name: String) throws(InvalidFieldError) -> Tier {
        guard let tier = Tier(rawValue: name) else {
            throw InvalidFieldError("tier", "unknown tier '\(Clip.text(name))'; expected: \(Tier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return tier
    }

    private static var known: String { Permission.allCases.map(\.rawValue).joined(separator: ", ") }
}
