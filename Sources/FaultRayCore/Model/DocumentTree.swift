import Yams

/// A parsed YAML (or JSON) document held in flat arrays, which the model decoder walks by node number.
///
/// Node `id` is `entries[id]`. A scalar's text is `texts[first]`; a sequence's items are
/// `children[first ..< first + count]`; a mapping's keys and values alternate in
/// `children[first ..< first + 2 * count]`. Positions are 1-based lines and columns (characters), as
/// YAML parsers report them.
final class DocumentTree: Equatable {
    /// A node number in a tree.
    typealias ID = Int32

    enum Kind: UInt8 { case scalar, mapping, sequence }

    /// What a scalar means, resolved once when the document is read (collections are `.string`).
    enum ScalarType: UInt8 {
        case string, int, float, bool, null
        /// An explicit tag other than the core ones (`!!binary`, `!custom`): readable only as text.
        case otherTag
    }

    struct Entry: Equatable {
        let kind: Kind
        let type: ScalarType
        let line: Int32
        let column: Int32
        let first: Int32
        let count: Int32
    }

    let entries: [Entry]
    let texts: [String]
    let children: [ID]
    let root: ID

    fileprivate init(entries: [Entry], texts: [String], children: [ID], root: ID) {
        self.entries = entries
        self.texts = texts
        self.children = children
        self.root = root
    }

    static func == (left: DocumentTree, right: DocumentTree) -> Bool {
        left.root == right.root && left.entries == right.entries && left.texts == right.texts && left.children == right.children
    }

    func kind(_ id: ID) -> Kind { entries[Int(id)].kind }
    func type(_ id: ID) -> ScalarType { entries[Int(id)].type }

    /// The text of a scalar; `nil` for a collection.
    func text(_ id: ID) -> String? {
        let entry = entries[Int(id)]
        return entry.kind == .scalar ? texts[Int(entry.first)] : nil
    }

    /// The items of a sequence; `nil` for any other node.
    func items(_ id: ID) -> ArraySlice<ID>? {
        let entry = entries[Int(id)]
        guard entry.kind == .sequence else { return nil }
        return children[Int(entry.first) ..< Int(entry.first + entry.count)]
    }

    /// The key and value pairs of a mapping, in document order; `nil` for any other node.
    func pairs(_ id: ID) -> Pairs? {
        let entry = entries[Int(id)]
        guard entry.kind == .mapping else { return nil }
        return Pairs(children: children[Int(entry.first) ..< Int(entry.first + 2 * entry.count)])
    }

    /// The keys and values of a mapping, read in place.
    struct Pairs: RandomAccessCollection {
        let children: ArraySlice<ID>
        var startIndex: Int { 0 }
        var endIndex: Int { children.count / 2 }
        subscript(position: Int) -> (key: ID, value: ID) {
            let key = children.startIndex + 2 * position
            return (children[key], children[key + 1])
        }
    }

    /// The value stored under a scalar key of a mapping.
    func value(_ key: String, in id: ID) -> ID? {
        pairs(id)?.first { text($0.key) == key }?.value
    }

    /// A short description of what kind of value a node is, for messages.
    func kindDescription(_ id: ID) -> String {
        switch kind(id) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            let text = self.text(id) ?? ""
            switch type(id) {
            case .int: return "an integer (\(text))"
            case .float: return "a number (\(text))"
            case .bool: return "a boolean (\(text))"
            case .null: return "null"
            case .string, .otherTag: return "a string (\"\(text)\")"
            }
        }
    }
}

// MARK: - Building

extension DocumentTree {
    /// Builds a tree bottom-up: scalars as they are read, collections when they end.
    struct Builder {
        private var entries: [Entry] = []
        private var texts: [String] = []
        private var children: [ID] = []
        /// The finished nodes not yet placed in a collection.
        private var pending: [ID] = []
        /// Where each open collection's nodes start in `pending`.
        private var openings: [Int] = []

        init(capacity: Int = 0) {
            entries.reserveCapacity(capacity)
            texts.reserveCapacity(capacity)
            children.reserveCapacity(capacity)
        }

        /// Nodes made so far.
        var count: Int { entries.count }

        /// Adds a scalar of the meaning given (`resolvePlain` for a plain one).
        mutating func scalar(_ text: String, type: ScalarType, line: Int, column: Int) {
            pending.append(ID(entries.count))
            entries.append(Entry(kind: .scalar, type: type, line: Int32(line), column: Int32(column), first: Int32(texts.count), count: 1))
            texts.append(text)
        }

        /// Opens a sequence or mapping: the nodes added until `end` are its items, or its keys and values.
        mutating func begin() {
            openings.append(pending.count)
        }

        /// Closes the innermost open collection, positioned where it started.
        mutating func end(_ kind: Kind, line: Int, column: Int) {
            let start = openings.removeLast()
            let members = pending.count - start
            let count = kind == .mapping ? members / 2 : members
            pending.append(ID(entries.count))
            entries.append(Entry(kind: kind, type: .string, line: Int32(line), column: Int32(column), first: Int32(children.count), count: Int32(count)))
            children.append(contentsOf: pending[start ..< pending.count - 1])
            pending.removeSubrange(start ..< pending.count - 1)
        }

        /// The tree whose root is the one node left; `nil` when there is none (an empty document).
        func finish() -> DocumentTree? {
            guard openings.isEmpty, pending.count == 1 else { return nil }
            return DocumentTree(entries: entries, texts: texts, children: children, root: pending[0])
        }
    }

    /// The meaning of a plain scalar under YAML 1.1's core rules, as Yams resolves it: the common shapes
    /// (words, decimal integers and fractions) directly, the rest by Yams' default rules.
    static func resolvePlain(_ text: String) -> ScalarType {
        let bytes = text.utf8
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        if let first = bytes.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A {
            return wordTypes[text] ?? .string
        }
        if let first = bytes.first, isDigit(first) {
            if bytes.allSatisfy(isDigit) {
                if first != 0x30 || bytes.count == 1 { return .int }  // `012` is octal: left to the rules
            } else if let dot = bytes.firstIndex(of: 0x2E), bytes[..<dot].allSatisfy(isDigit), bytes[bytes.index(after: dot)...].allSatisfy(isDigit) {
                return .float
            }
        }
        return type(ofTag: Resolver.default.resolveTag(of: Node.scalar(.init(text))))
    }

    /// The value of a word the default rules read as a boolean (`yes`, `Off`, `TRUE`, …).
    static func booleanValue(_ text: String) -> Bool? { booleanWords[text] }

    private static let booleanWords: [String: Bool] = {
        var words: [String: Bool] = [:]
        for (word, value) in [("yes", true), ("no", false), ("true", true), ("false", false), ("on", true), ("off", false)] {
            for form in [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] { words[form] = value }
        }
        return words
    }()

    /// Words the default rules resolve to something other than a string.
    private static let wordTypes: [String: ScalarType] = {
        var types = booleanWords.mapValues { _ in ScalarType.bool }
        for form in ["null", "Null", "NULL"] { types[form] = .null }
        return types
    }()

    fileprivate static func type(ofTag name: Tag.Name) -> ScalarType {
        switch name {
        case .str: return .string
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .null: return .null
        default: return .otherTag
        }
    }
}

// MARK: - From Yams

extension DocumentTree {
    /// The tree of a document Yams composed (with its rule-less resolver), or `nil` when it holds more
    /// than `budget` nodes, which only YAML aliases can make of a document of that size.
    static func converting(_ root: Node, budget: Int) -> DocumentTree? {
        var builder = Builder()
        return builder.add(root, budget: budget) ? builder.finish() : nil
    }
}

private extension DocumentTree.Builder {
    mutating func add(_ node: Node, budget: Int) -> Bool {
        guard count < budget else { return false }
        let line = node.mark?.line ?? 0, column = node.mark?.column ?? 0
        switch node {
        case .scalar(let scalar):
            let explicit = scalar.tag.rawValue
            let type: DocumentTree.ScalarType
            if scalar.style == .plain || scalar.style == .any, explicit.isEmpty || explicit == Tag.Name.str.rawValue {
                type = DocumentTree.resolvePlain(scalar.string)
            } else if explicit.isEmpty || explicit == "!" {
                type = .string
            } else {
                type = DocumentTree.type(ofTag: Tag.Name(rawValue: explicit))
            }
            self.scalar(scalar.string, type: type, line: line, column: column)
        case .mapping(let mapping):
            begin()
            for (key, value) in mapping {
                guard add(key, budget: budget), add(value, budget: budget) else { return false }
            }
            end(.mapping, line: line, column: column)
        case .sequence(let sequence):
            begin()
            for item in sequence {
                guard add(item, budget: budget) else { return false }
            }
            end(.sequence, line: line, column: column)
        case .alias:
            return false
        }
        return true
    }
}
