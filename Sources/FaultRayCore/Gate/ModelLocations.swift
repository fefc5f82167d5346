import Foundation

/// Where each component is in a model file: the line its entry under `components` starts on, so CI
/// annotations (SARIF) point at it.
public struct ModelLocations: Sendable {
    /// The file, as the annotations name it.
    public var file: String
    /// Line of each component's entry, by id.
    public var lines: [String: Int]
    /// Line of the `components` key (for findings about the model as a whole).
    public var componentsLine: Int

    public init(file: String, lines: [String: Int], componentsLine: Int = 1) {
        self.file = file
        self.lines = lines
        self.componentsLine = componentsLine
    }

    /// The locations in a model's text (YAML or JSON, read as the loader reads it); empty for text it cannot read.
    public init(file: String, text: String) {
        self.file = file
        lines = [:]
        componentsLine = 1
        guard let root = (try? SourceDocuments.read(text, file: file))?.first else { return }
        if let key = root.tree.pairs(root.id)?.first(where: { root.tree.text($0.key) == "components" })?.key {
            componentsLine = Int(root.tree.entries[Int(key)].line)
        }
        for item in root["components"]?.items ?? [] {
            if let id = item["id"]?.string, lines[id] == nil { lines[id] = item.line }
        }
    }

    /// The line of component `id`, or of the `components` key when it has none.
    public func line(of id: String?) -> Int { id.flatMap { lines[$0] } ?? componentsLine }
}
