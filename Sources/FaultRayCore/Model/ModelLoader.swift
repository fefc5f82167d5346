import Foundation
import Yams

/// Reads infrastructure models from YAML or JSON text, strictly: every problem is reported with its position.
public enum ModelLoader {
    /// Largest accepted document, in bytes.
    public static let defaultMaxBytes = 64 << 20

    private static let topLevelKeys = ["schema_version", "name", "description", "components", "dependencies", "failure_domains"]

    /// Loads a model from a file (YAML or JSON; JSON is read as YAML, of which it is a subset).
    public static func load(contentsOf url: URL, maxBytes: Int = defaultMaxBytes) throws -> InfrastructureModel {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelError(file: url.path, issues: [ModelIssue(line: 0, column: 0, path: "", message: "cannot read file (\(error.localizedDescription))")])
        }
        return try load(data: data, file: url.path, maxBytes: maxBytes)
    }

    /// Loads a model from raw bytes, which must be UTF-8 text.
    public static func load(data: Data, file: String = "<input>", maxBytes: Int = defaultMaxBytes) throws -> InfrastructureModel {
        guard data.count <= maxBytes else {
            throw ModelError(file: file, issues: [ModelIssue(line: 0, column: 0, path: "", message: "model is \(data.count) bytes; the limit is \(maxBytes) bytes")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelError(file: file, issues: [ModelIssue(line: 0, column: 0, path: "", message: "model is not UTF-8 text")])
        }
        return try load(text: text, file: file)
    }

    /// JSON writes a character beyond the Basic Multilingual Plane as two escapes (`\ud83d\ude00`),
    /// which YAML does not read; each such pair (not itself escaped) becomes the character it encodes.
    static func joiningSurrogateEscapes(_ text: String) -> String {
        guard text.range(of: #"\\u[dD][89abAB]"#, options: .regularExpression) != nil,
              let pattern = try? NSRegularExpression(pattern: #"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"#) else { return text }
        let source = text as NSString
        var result = ""
        var last = 0
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let high = UInt32(source.substring(with: match.range(at: 2)), radix: 16)!, low = UInt32(source.substring(with: match.range(at: 3)), radix: 16)!
            let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            result += source.substring(with: match.range(at: 1)) + String(Character(scalar))
            last = match.range.location + match.range.length
        }
        return result + source.substring(from: last)
    }

    /// Loads a model from YAML or JSON text.
    public static func load(text: String, file: String = "<input>") throws -> InfrastructureModel {
        let tree = try YAMLSubsetReader.read(text) ?? composedWithYams(text, file: file)
        let ctx = DecodeContext(tree: tree)
        let model = decode(ctx)
        guard ctx.issues.isEmpty else { throw ModelError(file: file, issues: ctx.allIssues) }
        return model
    }

    /// The tree of a document beyond the reader's subset, or with an error for Yams to describe.
    private static func composedWithYams(_ text: String, file: String) throws -> DocumentTree {
        let root: Node?
        do {
            root = try Yams.compose(yaml: joiningSurrogateEscapes(text), .basic)
        } catch let error as YamlError {
            throw ModelError(file: file, issues: [issue(from: error)])
        } catch {
            throw ModelError(file: file, issues: [ModelIssue(line: 0, column: 0, path: "", message: "\(error)")])
        }
        guard let root else {
            throw ModelError(file: file, issues: [ModelIssue(line: 0, column: 0, path: "", message: "the document is empty; expected 'components' and 'dependencies'")])
        }
        guard let tree = DocumentTree.converting(root, budget: text.utf8.count / 2 + 16) else {
            throw ModelError(file: file, issues: [ModelIssue(line: 0, column: 0, path: "", message: "the document expands far beyond its size (YAML aliases are not supported)")])
        }
        return tree
    }

    private static func decode(_ ctx: DecodeContext) -> InfrastructureModel {
        var model = InfrastructureModel()
        let tree = ctx.tree, root = tree.root
        guard let mapping = Read.mapping(root, "", ctx) else { return model }
        var componentNodes: ArraySlice<DocumentTree.ID> = []
        var dependencyNodes: ArraySlice<DocumentTree.ID> = []
        for (keyNode, value) in mapping {
            let key = tree.text(keyNode) ?? ""
            switch key {
            case "schema_version":
                if tree.kind(value) != .scalar { ctx.report(value, key, "expected a version string, found \(tree.kindDescription(value))") }
            case "name": model.name = Read.string(value, key, ctx) ?? ""
            case "description": model.description = Read.string(value, key, ctx) ?? ""
            case "components": componentNodes = Read.sequence(value, key, ctx) ?? []
            case "dependencies": dependencyNodes = tree.type(value) == .null ? [] : Read.sequence(value, key, ctx) ?? []
            case "failure_domains": Read.section(into: &model.failureDomains, value, key, ctx)
            default:
                ctx.report(keyNode, key, "unknown key '\(key)'" + Suggestion.hint(for: key, among: topLevelKeys))
            }
        }
        if tree.value("components", in: root) == nil {
            ctx.report(root, "", "missing required key 'components'")
        }

        var firstPosition: [String: Int] = [:]
        firstPosition.reserveCapacity(componentNodes.count)
        model.components.reserveCapacity(componentNodes.count)
        for (position, node) in componentNodes.enumerated() {
            let path = "components[\(position)]"
            var component = Component(id: "")
            component.name = ""
            Read.section(into: &component, schema: Component.schema, node, path, ctx)
            if component.name.isEmpty { component.name = component.id }
            if !component.id.isEmpty {
                if let earlier = firstPosition[component.id] {
                    ctx.report(tree.value("id", in: node) ?? node, "\(path).id", "duplicate component id '\(component.id)' (first used by components[\(earlier)])")
                } else {
                    firstPosition[component.id] = position
                }
            } else if let idNode = tree.value("id", in: node) {
                ctx.report(idNode, "\(path).id", "component id must not be empty")
            }
            if component.autoscaling.enabled, component.autoscaling.maxReplicas < component.autoscaling.minReplicas {
                ctx.report(tree.value("autoscaling", in: node), "\(path).autoscaling", "max_replicas (\(component.autoscaling.maxReplicas)) is below min_replicas (\(component.autoscaling.minReplicas))")
            }
            model.components.append(component)
        }

        lazy var knownIDs = firstPosition.keys.sorted()
        var seenEdges: [String: Int] = [:]
        seenEdges.reserveCapacity(dependencyNodes.count)
        model.dependencies.reserveCapacity(dependencyNodes.count)
        for (position, node) in dependencyNodes.enumerated() {
            let path = { "dependencies[\(position)]" }  // worked out only for a problem
            var dependency = Dependency(source: "", target: "")
            Read.section(into: &dependency, schema: Dependency.schema, node, path(), ctx)
            for (end, id) in [("source", dependency.source), ("target", dependency.target)] where !id.isEmpty && firstPosition[id] == nil {
                let keyNode = tree.value(end, in: node) ?? tree.value("\(end)_id", in: node) ?? node
                ctx.report(keyNode, "\(path()).\(end)", "unknown component '\(id)'" + Suggestion.hint(for: id, among: knownIDs))
            }
            if !dependency.source.isEmpty, dependency.source == dependency.target {
                ctx.report(node, path(), "'\(dependency.source)' cannot depend on itself")
            }
            let pair = dependency.source + "\u{0}" + dependency.target
            if let earlier = seenEdges[pair] {
                ctx.report(node, path(), "duplicate dependency \(dependency.source) -> \(dependency.target) (first at dependencies[\(earlier)])")
            } else {
                seenEdges[pair] = position
            }
            if dependency.fallback.enabled, !dependency.fallback.target.isEmpty, firstPosition[dependency.fallback.target] == nil {
                ctx.report(tree.value("fallback", in: node) ?? node, "\(path()).fallback.target",
                           "unknown component '\(dependency.fallback.target)'" + Suggestion.hint(for: dependency.fallback.target, among: knownIDs))
            }
            model.dependencies.append(dependency)
        }
        checkRedundancyGroups(model, componentNodes, ctx)
        return model
    }

    /// Every member of a redundancy group is a dependency of its component, named once, and
    /// `min_healthy` is at most the number of members.
    private static func checkRedundancyGroups(_ model: InfrastructureModel, _ nodes: ArraySlice<DocumentTree.ID>, _ ctx: DecodeContext) {
        let tree = ctx.tree
        for (position, component) in model.components.enumerated() where !component.redundancyGroups.isEmpty {
            let targets = Set(model.dependencies.lazy.filter { $0.source == component.id }.map(\.target))
            var grouped: Set<String> = []
            let node = nodes[nodes.startIndex + position]
            let groupsNode = tree.value("redundancy_groups", in: node) ?? node
            for (g, group) in component.redundancyGroups.enumerated() {
                let path = "components[\(position)].redundancy_groups[\(g)]"
                for member in group.members {
                    if !targets.contains(member) {
                        ctx.report(groupsNode, "\(path).members", "'\(member)' is not a dependency of '\(component.id)'" + Suggestion.hint(for: member, among: targets.sorted()))
                    } else if !grouped.insert(member).inserted {
                        ctx.report(groupsNode, "\(path).members", "'\(member)' belongs to more than one redundancy group of '\(component.id)'")
                    }
                }
                if group.minHealthy > group.members.count {
                    ctx.report(groupsNode, "\(path).min_healthy", "min_healthy (\(group.minHealthy)) is more than the \(group.members.count) members")
                }
            }
        }
    }

    /// A Yams error as a problem at its position.
    static func issue(from error: YamlError) -> ModelIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return ModelIssue(line: mark.line, column: mark.column, path: "", message: "invalid YAML: \(text)")
        default:
            return ModelIssue(line: 0, column: 0, path: "", message: "invalid YAML: \(error)")
        }
    }
}
