import Foundation
import Yams

/// A node of a parsed input file (a Terraform JSON document, a Kubernetes manifest, a Compose file),
/// with its position, read leniently: importers take what they recognise and report the rest.
struct SourceNode {
    let tree: DocumentTree
    let id: DocumentTree.ID
    /// The file the node was read from.
    let file: String

    /// 1-based line of the node.
    var line: Int { Int(tree.entries[Int(id)].line) }
    /// 1-based column of the node.
    var column: Int { Int(tree.entries[Int(id)].column) }

    /// The value under `key` of a mapping, also from mappings merged in with YAML's `<<` key.
    subscript(key: String) -> SourceNode? {
        if let value = tree.value(key, in: id) { return SourceNode(tree: tree, id: value, file: file) }
        return merged.lazy.compactMap { $0[key] }.first
    }

    /// The mappings merged into this one with `<<: *anchor` or `<<: [*a, *b]`.
    private var merged: [SourceNode] {
        guard let merge = tree.value("<<", in: id) else { return [] }
        let node = SourceNode(tree: tree, id: merge, file: file)
        return node.isSequence ? node.items : [node]
    }

    /// The value at a path of keys.
    subscript(path: String...) -> SourceNode? {
        var node: SourceNode? = self
        for key in path { node = node?[key] }
        return node
    }

    var isMapping: Bool { tree.kind(id) == .mapping }
    var isSequence: Bool { tree.kind(id) == .sequence }
    var isNull: Bool { tree.kind(id) == .scalar && tree.type(id) == .null }

    /// A scalar's text (numbers and booleans as written); `nil` for null or a collection.
    var string: String? { isNull ? nil : tree.text(id) }

    /// A whole number, written as an integer, a float without a fraction or a quoted integer.
    var int: Int? {
        guard let text = string?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 1e15 { return Int(value) }
        return nil
    }

    /// A number (integer or float, plain or quoted).
    var double: Double? { string.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0.isFinite ? $0 : nil } }

    /// A boolean, as YAML reads one (`true`, `yes`, `on` …) or a quoted `"true"`/`"false"`.
    var bool: Bool? { string.flatMap { DocumentTree.booleanValue($0) ?? DocumentTree.booleanValue($0.lowercased()) } }

    /// The items of a list (nothing for any other node).
    var items: [SourceNode] { tree.items(id).map { $0.map { SourceNode(tree: tree, id: $0, file: file) } } ?? [] }

    /// The keys and values of a mapping in document order (nothing for any other node).
    var pairs: [(key: String, value: SourceNode)] {
        guard let pairs = tree.pairs(id) else { return [] }
        var result = pairs.map { (key: tree.text($0.key) ?? "", value: SourceNode(tree: tree, id: $0.value, file: file)) }.filter { $0.key != "<<" }
        for mapping in merged {
            let own = Set(result.map(\.key))
            result += mapping.pairs.filter { !own.contains($0.key) }
        }
        return result
    }

    /// Every scalar text in this node and below, in document order (keys left out).
    func scalars(into out: inout [String]) {
        switch tree.kind(id) {
        case .scalar: if let text = string { out.append(text) }
        case .sequence: for item in items { item.scalars(into: &out) }
        case .mapping: for (_, value) in pairs { value.scalars(into: &out) }
        }
    }

    /// `file:line` of the node, for reports.
    var location: String { "\(file):\(line)" }

    /// A short description of what the node is, for messages.
    var kindDescription: String { tree.kindDescription(id) }
}

/// Reads the documents of an input file: YAML (one or several documents, `---` between them) or JSON.
enum SourceDocuments {
    /// Largest input file an importer reads, in bytes.
    static let maxBytes = 256 << 20

    /// The file's bytes as text, or a problem without a position.
    static func text(of url: URL) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw problem(url.path, "cannot read file (\(error.localizedDescription))")
        }
        guard data.count <= maxBytes else { throw problem(url.path, "file is \(data.count) bytes; the limit is \(maxBytes) bytes") }
        guard let text = String(data: data, encoding: .utf8) else { throw problem(url.path, "file is not UTF-8 text") }
        return text
    }

    /// The documents of `text`, in order; empty documents are left out. Syntax errors are thrown with their position.
    static func read(_ text: String, file: String) throws -> [SourceNode] {
        if let tree = YAMLSubsetReader.read(text) { return [SourceNode(tree: tree, id: tree.root, file: file)] }
        var documents: [SourceNode] = []
        do {
            let parser = try Parser(yaml: ModelLoader.joiningSurrogateEscapes(text), resolver: .basic)
            while let node = try parser.nextRoot() {
                guard let tree = DocumentTree.converting(node, budget: text.utf8.count / 2 + 16) else {
                    throw problem(file, "the document expands far beyond its size (YAML aliases are not supported)", line: node.mark?.line ?? 0)
                }
                if !(tree.kind(tree.root) == .scalar && tree.type(tree.root) == .null) { documents.append(SourceNode(tree: tree, id: tree.root, file: file)) }
            }
        } catch let error as YamlError {
            throw ModelError(file: file, issues: [ModelLoader.issue(from: error)])
        }
        return documents
    }

    /// A problem with an input file, at a position when it has one.
    static func problem(_ file: String, _ message: String, line: Int = 0, column: Int = 0) -> ModelError {
        ModelError(file: file, issues: [ModelIssue(line: line, column: column, path: "", message: message)])
    }

    /// A problem at a node of an input file.
    static func problem(_ message: String, at node: SourceNode) -> ModelError {
        problem(node.file, message, line: node.line, column: node.column)
    }
}
