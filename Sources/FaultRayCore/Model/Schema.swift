import Foundation
import Yams

/// The document being read and the problems found in it.
final class DecodeContext {
    /// Problems described in full; a document with more gets a count of the rest, so that a huge model
    /// full of one mistake is answered at once (every description may search all the component ids).
    static let issueLimit = 100

    let tree: DocumentTree
    private(set) var issues: [ModelIssue] = []
    /// Problems found beyond `issueLimit`.
    private(set) var omitted = 0

    init(tree: DocumentTree) { self.tree = tree }

    /// Records a problem at a node's position. The path and message are only worked out when the problem
    /// is one of those described.
    func report(_ node: DocumentTree.ID?, _ path: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        guard issues.count < Self.issueLimit else {
            omitted += 1
            return
        }
        let entry = node.map { tree.entries[Int($0)] }
        issues.append(ModelIssue(line: Int(entry?.line ?? 0), column: Int(entry?.column ?? 0), path: path(), message: message()))
    }

    /// Every problem found, the count of undescribed ones last.
    var allIssues: [ModelIssue] {
        guard omitted > 0 else { return issues }
        return issues + [ModelIssue(line: 0, column: 0, path: "", message: omitted == 1 ? "1 more problem not shown" : "\(omitted) more problems not shown")]
    }
}

/// One key of a model section: how to read it from YAML and write it back.
struct Field<Root>: @unchecked Sendable {
    /// The canonical key first, then accepted alternative spellings.
    let names: [String]
    let read: (inout Root, DocumentTree.ID, DecodeContext, () -> String) -> Void
    /// The value to write, or nil when it equals the default.
    let write: (Root, Root) -> ModelValue?
}

/// The keys of a section, indexed by every accepted spelling.
struct Schema<Root>: @unchecked Sendable {
    let fields: [Field<Root>]
    /// The fields that must be given, as a mask of their positions.
    let required: UInt64
    let index: NameIndex

    init(_ fields: [Field<Root>], required: Set<String> = []) {
        precondition(fields.count <= 64, "a section's keys are tracked in one 64-bit mask")
        self.fields = fields
        self.required = fields.enumerated().reduce(0) { mask, field in required.contains(field.element.names[0]) ? mask | 1 << field.offset : mask }
        index = NameIndex(fields.enumerated().flatMap { position, field in field.names.map { ($0, position) } })
    }

    var canonicalNames: [String] { fields.map { $0.names[0] } }
}

/// A part of the model read from a YAML mapping with a fixed set of keys.
protocol ModelSection: Equatable {
    init()
    static var schema: Schema<Self> { get }
}

/// Reading values of each kind, reporting type errors with their position. Paths are passed unevaluated:
/// building one for every value read would cost more than reading the value.
enum Read {
    typealias ID = DocumentTree.ID

    static func mapping(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) -> DocumentTree.Pairs? {
        if let pairs = ctx.tree.pairs(node) { return pairs }
        ctx.report(node, path(), "expected a mapping, found \(ctx.tree.kindDescription(node))")
        return nil
    }

    static func sequence(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) -> ArraySlice<ID>? {
        if let items = ctx.tree.items(node) { return items }
        ctx.report(node, path(), "expected a list, found \(ctx.tree.kindDescription(node))")
        return nil
    }

    static func string(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) -> String? {
        if ctx.tree.type(node) != .null, let text = ctx.tree.text(node) { return text }
        ctx.report(node, path(), "expected a string, found \(ctx.tree.kindDescription(node))")
        return nil
    }

    static func bool(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) -> Bool? {
        if ctx.tree.type(node) == .bool, let value = ctx.tree.text(node).flatMap(DocumentTree.booleanValue) { return value }
        ctx.report(node, path(), "expected true or false, found \(ctx.tree.kindDescription(node))")
        return nil
    }

    /// The largest magnitude any number in a model may have: far beyond any real figure, small enough
    /// that sums and products of model figures stay finite.
    static let largestInt = 1_000_000_000
    static let largestNumber = 1e12

    /// Whether a text is a plain decimal integer without a leading zero (`42`), which Swift's parser reads
    /// exactly as Yams does, and faster; other shapes (`0x1F`, `1_000`, `1:30`, octal `012`) go to Yams.
    private static func isPlainInteger(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 0x31, first <= 0x39 else { return false }
        return text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Powers of ten a double holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// The value of a plain decimal (`42`, `0.25`, `12.5`): its digits divided by a power of ten, both
    /// exact, which is correctly rounded (Clinger's fast path). `nil` for any other shape (octal `012`,
    /// `1_000`, `1e3`, more than 15 digits), which Yams' constructor reads.
    private static func plainDecimalValue(_ text: String) -> Double? {
        var digits: UInt64 = 0, count = 0, fractionDigits = 0, seenDot = false
        for byte in text.utf8 {
            if byte == 0x2E, !seenDot {
                seenDot = true
            } else if byte >= 0x30, byte <= 0x39, count < 15 {
                digits = digits * 10 + UInt64(byte - 0x30)
                count += 1
                if seenDot { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        guard count > 0, seenDot || text.utf8.first != 0x30 || count == 1 else { return nil }
        return Double(digits) / exactPowersOfTen[fractionDigits]
    }

    static func int(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext, min: Int?) -> Int? {
        guard ctx.tree.type(node) == .int, let text = ctx.tree.text(node),
              let value = isPlainInteger(text) ? Int(text) : Int.construct(from: Node.Scalar(text)) else {
            ctx.report(node, path(), "expected an integer, found \(ctx.tree.kindDescription(node))")
            return nil
        }
        if let min, value < min {
            ctx.report(node, path(), "must be at least \(min), found \(value)")
            return nil
        }
        if abs(value) > largestInt {
            ctx.report(node, path(), "must be at most \(largestInt) in size, found \(value)")
            return nil
        }
        return value
    }

    static func double(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext, min: Double?, max: Double?) -> Double? {
        let type = ctx.tree.type(node)
        guard type == .int || type == .float, let text = ctx.tree.text(node),
              let value = plainDecimalValue(text) ?? Double.construct(from: Node.Scalar(text)) else {
            ctx.report(node, path(), "expected a number, found \(ctx.tree.kindDescription(node))")
            return nil
        }
        guard value.isFinite else {
            ctx.report(node, path(), "must be a finite number, found \(value)")
            return nil
        }
        if let min, value < min {
            ctx.report(node, path(), "must be at least \(Format.number(min)), found \(value)")
            return nil
        }
        if let max, value > max {
            ctx.report(node, path(), "must be at most \(Format.number(max)), found \(value)")
            return nil
        }
        if abs(value) > largestNumber {
            ctx.report(node, path(), "must be at most 1e12 in size, found \(value)")
            return nil
        }
        return value
    }

    /// Reports a value outside its allowed set, with a suggestion and the allowed values.
    static func unknown(_ what: String, _ text: String, known: [String], _ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) {
        ctx.report(node, path(), "unknown \(what) '\(text)'" + Suggestion.hint(for: text, among: known)
            + "; expected one of: " + known.joined(separator: ", "))
    }

    /// The path of a key inside a section.
    static func keyPath(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Reads a section, reporting unknown keys (with a suggestion), duplicate and missing keys.
    static func section<S: ModelSection>(_ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) -> S {
        var value = S()
        section(into: &value, schema: S.schema, node, path(), ctx)
        return value
    }

    static func section<S>(into value: inout S, schema: Schema<S>, _ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) {
        guard let mapping = mapping(node, path(), ctx) else { return }
        var seen: UInt64 = 0
        for (keyNode, valueNode) in mapping {
            guard let key = ctx.tree.text(keyNode) else {
                ctx.report(keyNode, path(), "keys must be strings")
                continue
            }
            guard let position = schema.index[key] else {
                ctx.report(keyNode, keyPath(path(), key), "unknown key '\(key)'" + Suggestion.hint(for: key, among: schema.canonicalNames))
                continue
            }
            guard seen & (1 << position) == 0 else {
                let earlier = mapping.lazy.compactMap { ctx.tree.text($0.key) }.first { schema.index[$0] == position } ?? key
                let message = earlier == key ? "duplicate key '\(key)'" : "'\(key)' and '\(earlier)' mean the same; give one"
                ctx.report(keyNode, keyPath(path(), key), message)
                continue
            }
            seen |= 1 << position
            schema.fields[position].read(&value, valueNode, ctx, { keyPath(path(), key) })
        }
        guard schema.required & ~seen != 0 else { return }
        for (position, field) in schema.fields.enumerated() where schema.required & ~seen & (1 << position) != 0 {
            ctx.report(node, path(), "missing required key '\(field.names[0])'")
        }
    }

    static func section<S: ModelSection>(into value: inout S, _ node: ID, _ path: @autoclosure () -> String, _ ctx: DecodeContext) {
        section(into: &value, schema: S.schema, node, path(), ctx)
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
    static func custom(_ names: String..., read: @escaping (inout Root, DocumentTree.ID, DecodeContext, () -> String) -> Void,
                       write: @escaping (Root, Root) -> ModelValue?) -> Field {
        Field(names: names, read: read, write: write)
    }

    static func double(_ name: String, _ key: WritableKeyPath<Root, Double>, min: Double? = 0, max: Double? = nil) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if let value = Read.double(node, path(), ctx, min: min, max: max) { root[keyPath: key] = value }
        }, write: { root, defaults in
            let value = root[keyPath: key]
            return value == defaults[keyPath: key] ? nil : .double(value)
        })
    }

    static func int(_ name: String, _ key: WritableKeyPath<Root, Int>, min: Int? = 0) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if let value = Read.int(node, path(), ctx, min: min) { root[keyPath: key] = value }
        }, write: { root, defaults in
            let value = root[keyPath: key]
            return value == defaults[keyPath: key] ? nil : .int(value)
        })
    }

    static func bool(_ name: String, _ key: WritableKeyPath<Root, Bool>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if let value = Read.bool(node, path(), ctx) { root[keyPath: key] = value }
        }, write: { root, defaults in
            let value = root[keyPath: key]
            return value == defaults[keyPath: key] ? nil : .bool(value)
        })
    }

    static func string(_ names: String..., key: WritableKeyPath<Root, String>) -> Field {
        Field(names: names, read: { root, node, ctx, path in
            if let value = Read.string(node, path(), ctx) { root[keyPath: key] = value }
        }, write: { root, defaults in
            let value = root[keyPath: key]
            return value == defaults[keyPath: key] ? nil : .string(value)
        })
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ names: String..., key: WritableKeyPath<Root, E>) -> Field
    where E.RawValue == String {
        Field(names: names, read: { root, node, ctx, path in
            guard let text = Read.string(node, path(), ctx) else { return }
            guard let value = E(rawValue: text) else {
                Read.unknown("value", text, known: E.allCases.map(\.rawValue), node, path(), ctx)
                return
            }
            root[keyPath: key] = value
        }, write: { root, defaults in
            let value = root[keyPath: key]
            return value == defaults[keyPath: key] ? nil : .string(value.rawValue)
        })
    }

    static func section<S: ModelSection>(_ name: String, _ key: WritableKeyPath<Root, S>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            Read.section(into: &root[keyPath: key], node, path(), ctx)
        }, write: { root, defaults in
            let value = root[keyPath: key]
            return value == defaults[keyPath: key] ? nil : Write.section(value)
        })
    }

    static func optionalSection<S: ModelSection>(_ name: String, _ key: WritableKeyPath<Root, S?>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            if ctx.tree.type(node) == .null { return }
            root[keyPath: key] = Read.section(node, path(), ctx) as S
        }, write: { root, _ in
            root[keyPath: key].map { Write.section($0) }
        })
    }

    static func sectionList<S: ModelSection>(_ name: String, _ key: WritableKeyPath<Root, [S]>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            guard let items = Read.sequence(node, path(), ctx) else { return }
            root[keyPath: key] = items.enumerated().map { Read.section($1, "\(path())[\($0)]", ctx) }
        }, write: { root, _ in
            root[keyPath: key].isEmpty ? nil : .list(root[keyPath: key].map { Write.section($0) })
        })
    }

    static func strings(_ name: String, _ key: WritableKeyPath<Root, [String]>) -> Field {
        Field(names: [name], read: { root, node, ctx, path in
            guard let items = Read.sequence(node, path(), ctx) else { return }
            root[keyPath: key] = items.enumerated().compactMap { Read.string($1, "\(path())[\($0)]", ctx) }
        }, write: { root, _ in
            root[keyPath: key].isEmpty ? nil : .list(root[keyPath: key].map { .string($0) })
        })
    }
}
