/// Every field of a value as `dotted.snake_case` paths and display strings, in declaration order,
/// found by reflection so that a field added to the model is compared without more code.
enum FieldValues {
    static func flatten(_ value: Any) -> [(path: String, value: String)] {
        var result: [(String, String)] = []
        walk(value, prefix: "", into: &result)
        return result
    }

    private static func walk(_ value: Any, prefix: String, into result: inout [(String, String)]) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .struct, !mirror.children.isEmpty {
            for child in mirror.children {
                guard let label = child.label else { continue }
                walk(child.value, prefix: prefix.isEmpty ? snakeCase(label) : prefix + "." + snakeCase(label), into: &result)
            }
        } else {
            result.append((prefix, display(value)))
        }
    }

    /// A scalar, optional, enum, list or map as text; maps sorted by key.
    static func display(_ value: Any) -> String {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag ? "true" : "false"
        case let number as Int: return String(number)
        case let number as Double: return Format.number(number, places: 6)
        case let health as Health: return health.name
        case let parameter as ParameterValue:
            switch parameter {
            case .number(let number): return Format.number(number, places: 6)
            case .text(let text): return text
            case .flag(let flag): return flag ? "true" : "false"
            }
        case let raw as any RawRepresentable:
            return raw.rawValue as? String ?? String(describing: raw.rawValue)
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { flatten($0.value).map { $0.path.isEmpty ? $0.value : "\($0.path)=\($0.value)" }.joined(separator: ", ") } ?? "none"
        case .collection:
            return "[" + mirror.children.map { display($0.value) }.joined(separator: ", ") + "]"
        case .dictionary:
            let pairs = mirror.children.compactMap { entry -> (String, String)? in
                let parts = Array(Mirror(reflecting: entry.value).children)
                guard parts.count == 2 else { return nil }
                return (display(parts[0].value), display(parts[1].value))
            }
            return "{" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .struct:
            return "{" + flatten(value).map { "\($0.path): \($0.value)" }.joined(separator: ", ") + "}"
        default:
            return String(describing: value)
        }
    }

    /// `externalSLA` → `external_sla`, `mttrMinutes` → `mttr_minutes`.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
            result.append(Character(character.lowercased()))
            previous = character
        }
        return result
    }
}
