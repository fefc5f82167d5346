import Yams

/// Collects the problems found while reading one document.
final class DecodeContext {
    private(set) var issues: [ModelIssue] = []
    /// Nodes still allowed to be visited; guards against alias expansion bombs.
    var nodeBudget: Int

    init(nodeBudget: Int) { self.nodeBudget = nodeBudget }

    func report(_ node: Node?, _ path: String, _ message: String) {
        let mark = node?.mark
        issues.append(ModelIssue(line: mark?.line ?? 0, column: mark?.column ?? 0, path: path, message: message))
    }
}

/// One key of a model section: how to read it from YAML and write it back.
struct Field<Root>: @unchecked Sendable {
    /// The canonical key first, then accepted alternative spellings.
    let names: [String]
    let read: (inout Root, Node, DecodeContext, String) -> Void
    /// The value to write, or nil when it equals the default.
    let write: (Root, Root) -> ModelValue?
}

/// The keys of a section, indexed by every accepted spelling.
struct Schema<Root>: @unchecked Sendable {
    let fields: [Field<Root>]
    let required: Set<String>
    let index: [String: Int]

    init(_ fields: [Field<Root>], required: Set<String> = []) {
        self.fields = fields
        self.required = required
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            for name in field.names { index[name] = position }
        }
        self.index = index
    }

    var canonicalNames: [String] { fields.map { $0.names[0] } }
}

/// A part of the model read from a YAML mapping with a fixed set of keys.
protocol ModelSection: Equatable {
    init()
    static var schema: Schema<Self> { get }
}

extension Node {
    /// The resolved YAML tag (str, int, float, bool, null, …).
    /// The node's tag. Models are composed with Yams' rule-less resolver (its default rules run
    /// regular expressions on every key, several times); plain scalars are resolved here instead, the
    /// common shapes (words, decimal integers and fractions) directly, the rest by the default rules.
    var tagName: Tag.Name {
        guard case .scalar(let scalar) = self else { return Tag.Name(rawValue: tag.rawValue) }
        let explicit = scalar.tag.rawValue
        guard scalar.style == .plain || scalar.style == .any, explicit.isEmpty || explicit == Tag.Name.str.rawValue else {
            return explicit.isEmpty || explicit == "!" ? .str : Tag.Name(rawValue: explicit)
        }
        let text = scalar.string, bytes = text.utf8
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        if let first = bytes.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A {
            return Self.wordTags[text] ?? .str
        }
        if let first = bytes.first, first != 0x30, isDigit(first) {
            if bytes.allSatisfy(isDigit) { return .int }
            if let dot = bytes.firstIndex(of: 0x2E), bytes[..<dot].allSatisfy(isDigit), bytes[bytes.index(after: dot)...].allSatisfy(isDigit) {
                return .float
            }
        }
        return Resolver.default.resolveTag(of: Node.scalar(.init(text)))
    }

    /// The text of a plain decimal scalar without a leading zero (`42`, `12.5`), which Swift's number
    /// parsers read exactly as Yams does (and faster); `nil` for any other shape.
    var plainDecimal: String? {
        guard case .scalar(let scalar) = self, let first = scalar.string.utf8.first, first >= 0x31, first <= 0x39,
              scalar.string.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) else { return nil }
        return scalar.string
    }

    /// Words the default rules resolve to something other than a string.
    private static let wordTags: [String: Tag.Name] = {
        var tags: [String: Tag.Name] = [:]
        for word in ["yes", "no", "true", "false", "on", "off"] {
            for form in [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] { tags[form] = .bool }
        }
        for form in ["null", "Null", "NULL"] { tags[form] = .null }
        return tags
    }()

    /// A short description of what kind of value this is, for messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch tagName {
            case .int: return "an integer (\(scalar.string))"
            case .float: return "a number (\(scalar.string))"
            case .bool: return "a boolean (\(scalar.string))"
            case .null: return "null"
            default: return "a string (\"\(scalar.string)\")"
            }
        }
    }
}

/// Reading values of each kind, reporting type errors with their position.
enum Read {
    static func mapping(_ node: Node, _ path: String, _ ctx: DecodeContext) -> Node.Mapping? {
        if case .mapping(let mapping) = node { return mapping }
        ctx.report(node, path, "expected a mapping, found \(node.kindDescription)")
        return nil
    }

    static func sequence(_ node: Node, _ path: String, _ ctx: DecodeContext) -> [Node]? {
        if case .sequence(let sequence) = node { return Array(sequence) }
        ctx.report(node, path, "expected a list, found \(node.kindDescription)")
        return nil
    }

    static func string(_ node: Node, _ path: String, _ ctx: DecodeContext) -> String? {
        if case .scalar(let scalar) = node, node.tagName != .null {
            return scalar.string
        }
        ctx.report(node, path, "expected a string, found \(node.kindDescription)")
        return nil
    }

    static func bool(_ node: Node, _ path: String, _ ctx: DecodeContext) -> Bool? {
        if node.tagName == .bool, let value = node.bool { return value }
        ctx.report(node, path, "expected true or false, found \(node.kindDescription)")
        return nil
    }

    /// The largest magnitude any number in a model may have: far beyond any real figure, small enough
    /// that sums and products of model figures stay finite.
    static let largestInt = 1_000_000_000
    static let largestNumber = 1e12

    static func int(_ node: Node, _ path: String, _ ctx: DecodeContext, min: Int?) -> Int? {
        guard node.tagName == .int, let value = node.plainDecimal.flatMap({ Int($0) }) ?? node.int else {
            ctx.report(node, path, "expected an integer, found \(node.kindDescription)")
            return nil
        }
        if let min, value < min {
            ctx.report(node, path, "must be at least \(min), found \(value)")
            return nil
        }
        if abs(value) > largestInt {
            ctx.report(node, path, "must be at most \(largestInt) in size, found \(value)")
            return nil
        }
        return value
    }

    static func double(_ node: Node, _ path: String, _ ctx: DecodeContext, min: Double?, max: Double?) -> Double? {
        let tag = node.tagName
        guard tag == .int || tag == .float, let value = node.plainDecimal.flatMap({ Double($0) }) ?? node.float else {
            ctx.report(node, path, "expected a number, found \(node.kindDescription)")
            return nil
        }
        guard value.isFinite else {
            ctx.report(node, path, "must be a finite number, found \(value)")
            return nil
        }
        if let min, value < min {
            ctx.report(node, path, "must be at least \(Format.number(min)), found \(value)")
            return nil
        }
        if let max, value > max {
            ctx.report(node, path, "must be at most \(Format.number(max)), found \(value)")
            return nil
        }
        if abs(value) > largestNumber {
            ctx.report(node, path, "must be at most 1e12 in size, found \(value)")
            return nil
        }
        return value
    }

    /// Reports a value outside its allowed set, with a suggestion and the allowed values.
    static func unknown(_ what: String, _ text: String, known: [String], _ node: Node, _ path: String, _ ctx: DecodeContext) {
        ctx.report(node, path, "unknown \(what) '\(text)'" + Suggestion.hint(for: text, among: known)
            + "; expected one of: " + known.joined(separator: ", "))
    }

    /// Reads a section, reporting unknown keys (with a suggestion), duplicate and missing keys.
    static func section<S: ModelSection>(_ node: Node, _ path: String, _ ctx: DecodeContext) -> S {
        var value = S()
        section(into: &value, node, path, ctx)
        return value
    }

    static func section<S>(into value: inout S, schema: Schema<S>, _ node: Node, _ path: String, _ ctx: DecodeContext) {
        ctx.nodeBudget -= 1
        guard ctx.nodeBudget >= 0 else {
            if ctx.nodeBudget == -1 { ctx.report(node, path, "document expands far beyond its size (YAML aliases are not supported)") }
            return
        }
        guard let mapping = mapping(node, path, ctx) else { return }
        var seen = [String?](repeating: nil, count: schema.fields.count)
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                ctx.report(keyNode, path, "keys must be strings")
                continue
            }
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if case .alias = valueNode {
                ctx.report(valueNode, keyPath, "YAML aliases are not supported")
                continue
            }
            guard let position = schema.index[key] else {
                ctx.report(keyNode, keyPath, "unknown key '\(key)'" + Suggestion.hint(for: key, among: schema.canonicalNames))
                continue
            }
            if let earlier = seen[position] {
                let message = earlier == key ? "duplicate key '\(key)'" : "'\(key)' and '\(earlier)' mean the same; give one"
                ctx.report(keyNode, keyPath, message)
                continue
            }
            seen[position] = key
            schema.fields[position].read(&value, valueNode, ctx, keyPath)
        }
        for (position, field) in schema.fields.enumerated() where seen[position] == nil && schema.required.contains(field.names[0]) {
            ctx.report(node, path, "missing required key '\(field.names[0])'")
        }
    }

    static func section<S: ModelSection>(into value: inout S, _ node: Node, _ path: String, _ ctx: DecodeContext) {
        section(into: &value, schema: S.schema, node, path, ctx)
    }
}

/// Writes the fields of a section that differ from their defaults.
enum Write {
    static func section<S>(_ value: S, defaults: S, schema: Schema<S>) -> ModelValue {
        .map(schema.fields.compactMap { field in field.write(value, defaults).map { (field.names[0], $0) } })
    }

    static func section<S: ModelSection>(_ value: S) -> ModelValue {
        section(value, defaults: S(), schema: S.schema)
    }
}

// MARK: - Field builders

extension Field {
    static func custom(_ names: String..., read: @escaping (inout Root, Node, DecodeContext, String) -> Void,
                       write: @escaping (Root, Root) -> ModelValue?) -> Field {
        Field(names: names, read: read, write: write)
    }

    static func double(_ name: String, _ key: WritableKeyPath<Root, Double>, min: Double? = 0, max: Double? = nil) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if let value = Read.double(node, path, ctx, min: min, max: max) { root[keyPath: key] = value }
        }, write: { root, defaults in
            root[keyPath: key] == defaults[keyPath: key] ? nil : .double(root[keyPath: key])
        })
    }

    static func int(_ name: String, _ key: WritableKeyPath<Root, Int>, min: Int? = 0) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if let value = Read.int(node, path, ctx, min: min) { root[keyPath: key] = value }
        }, write: { root, defaults in
            root[keyPath: key] == defaults[keyPath: key] ? nil : .int(root[keyPath: key])
        })
    }

    static func bool(_ name: String, _ key: WritableKeyPath<Root, Bool>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if let value = Read.bool(node, path, ctx) { root[keyPath: key] = value }
        }, write: { root, defaults in
            root[keyPath: key] == defaults[keyPath: key] ? nil : .bool(root[keyPath: key])
        })
    }

    static func string(_ names: String..., key: WritableKeyPath<Root, String>) -> Field {
        Field(names: names, read: { root, node, ctx, path in
            if let value = Read.string(node, path, ctx) { root[keyPath: key] = value }
        }, write: { root, defaults in
            root[keyPath: key] == defaults[keyPath: key] ? nil : .string(root[keyPath: key])
        })
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ names: String..., key: WritableKeyPath<Root, E>) -> Field
    where E.RawValue == String {
        Field(names: names, read: { root, node, ctx, path in
            guard let text = Read.string(node, path, ctx) else { return }
            guard let value = E(rawValue: text) else {
                Read.unknown("value", text, known: E.allCases.map(\.rawValue), node, path, ctx)
                return
            }
            root[keyPath: key] = value
        }, write: { root, defaults in
            root[keyPath: key] == defaults[keyPath: key] ? nil : .string(root[keyPath: key].rawValue)
        })
    }

    static func section<S: ModelSection>(_ name: String, _ key: WritableKeyPath<Root, S>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            Read.section(into: &root[keyPath: key], node, path, ctx)
        }, write: { root, defaults in
            guard root[keyPath: key] != defaults[keyPath: key] else { return nil }
            return Write.section(root[keyPath: key])
        })
    }

    static func optionalSection<S: ModelSection>(_ name: String, _ key: WritableKeyPath<Root, S?>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if node.tagName == .null { return }
            root[keyPath: key] = Read.section(node, path, ctx) as S
        }, write: { root, _ in
            root[keyPath: key].map { Write.section($0) }
        })
    }

    static func sectionList<S: ModelSection>(_ name: String, _ key: WritableKeyPath<Root, [S]>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            guard let items = Read.sequence(node, path, ctx) else { return }
            root[keyPath: key] = items.enumerated().map { Read.section($1, "\(path)[\($0)]", ctx) }
        }, write: { root, _ in
            root[keyPath: key].isEmpty ? nil : .list(root[keyPath: key].map { Write.section($0) })
        })
    }

    static func strings(_ name: String, _ key: WritableKeyPath<Root, [String]>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            guard let items = Read.sequence(node, path, ctx) else { return }
            root[keyPath: key] = items.enumerated().compactMap { Read.string($1, "\(path)[\($0)]", ctx) }
        }, write: { root, _ in
            root[keyPath: key].isEmpty ? nil : .list(root[keyPath: key].map { .string($0) })
        })
    }
}
