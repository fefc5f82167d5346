import Foundation

/// An ordered document tree written as YAML or JSON: models, and the served OpenAPI document.
public indirect enum ModelValue: Equatable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([ModelValue])
    case map([(String, ModelValue)])
    /// JSON's and YAML's null (the model writer never writes one; documents read from YAML may hold it).
    case null

    public static func == (lhs: ModelValue, rhs: ModelValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.null, .null): return true
        default: return false
        }
    }

    /// The value as YAML (block style, strings quoted JSON-style, which YAML reads back exactly; keys
    /// plain only when they are plain-safe identifiers, otherwise quoted the same way).
    public func yaml() -> String {
        var out = ""
        writeYAML(into: &out, indent: 0, inList: false)
        return out
    }

    /// The value as compact JSON.
    public func json() -> String {
        var out = ""
        writeJSON(into: &out)
        return out
    }

    private var scalarText: String? {
        switch self {
        case .string(let text): return Self.quoted(text)
        case .int(let value): return String(value)
        case .double(let value): return Self.number(value)
        case .bool(let value): return value ? "true" : "false"
        case .list(let items): return items.isEmpty ? "[]" : nil
        case .map(let pairs): return pairs.isEmpty ? "{}" : nil
        case .null: return "null"
        }
    }

    private func writeYAML(into out: inout String, indent: Int, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let pairs) where !pairs.isEmpty:
            for (offset, (key, value)) in pairs.enumerated() {
                if !(inList && offset == 0) { out += pad }
                out += Self.yamlKey(key) + ":"
                if let text = value.scalarText {
                    out += " " + text + "\n"
                } else if case .list = value {
                    out += "\n"
                    value.writeYAML(into: &out, indent: indent, inList: false)
                } else {
                    out += "\n"
                    value.writeYAML(into: &out, indent: indent + 2, inList: false)
                }
            }
        case .list(let items) where !items.isEmpty:
            for item in items {
                out += pad + "- "
                if let text = item.scalarText {
                    out += text + "\n"
                } else {
                    item.writeYAML(into: &out, indent: indent + 2, inList: true)
                }
            }
        default:
            out += pad + (scalarText ?? "") + "\n"
        }
    }

    private func writeJSON(into out: inout String) {
        switch self {
        case .list(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                item.writeJSON(into: &out)
            }
            out += "]"
        case .map(let pairs):
            out += "{"
            for (offset, (key, value)) in pairs.enumerated() {
                if offset > 0 { out += "," }
                Self.appendQuoted(key, to: &out)
                out += ":"
                value.writeJSON(into: &out)
            }
            out += "}"
        case .string(let text):
            Self.appendQuoted(text, to: &out)
        default:
            out += scalarText ?? "null"
        }
    }

    /// Shortest text that reads back as the same double.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return "\(value)"
    }

    /// `key` as a YAML mapping key: as it is when it is an identifier that every YAML reader takes as
    /// that very string (a letter or `_`, then letters, digits, `_` or `-`, and no word YAML 1.1 or
    /// 1.2 reads as a boolean or null), otherwise quoted. Anything else written plain could end the
    /// key early (`: `, `#`), start a flow collection (`{`, `[`), become another type or inject lines.
    static func yamlKey(_ key: String) -> String {
        let bytes = key.utf8
        guard let first = bytes.first, first == 0x5F || isASCIILetter(first),
              bytes.allSatisfy({ isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }),
              !reservedWords.contains(key.lowercased()) else { return quoted(key) }
        return key
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Plain words some YAML reader resolves to a boolean or null (YAML 1.1 and 1.2 core schemas).
    private static let reservedWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null"]

    /// A JSON string literal (also a valid YAML double-quoted scalar).
    static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal; text of printable ASCII without quotes or backslashes,
    /// the usual case, as it is.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        defer { out += "\"" }
        guard !text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // C0, DEL and C1 controls, the line/paragraph separators, the byte order mark and
                // the two non-characters YAML does not allow in a stream, written escaped so YAML
                // and JSON readers take them back.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
                    || scalar.value == 0xFEFF || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
