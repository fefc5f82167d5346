/// What an importer did with its input: what became which component, what it assumed, what it left out.
/// Nothing is dropped silently: every input object is mapped, folded into a component, or skipped by name.
public struct ImportReport: Codable, Sendable, Equatable {
    /// One line of the report.
    public struct Item: Codable, Sendable, Equatable {
        /// The input object (`aws_db_instance.orders`, `Deployment/cart`, `service web`).
        public var source: String
        /// Where it is: `file:line`.
        public var location: String
        /// The component it became or concerns, if any.
        public var component: String?
        /// What happened to it, or what was assumed.
        public var note: String
    }

    /// Input objects that became a component, or were folded into one (a listener into its load balancer).
    public var mapped: [Item] = []
    /// What the importer assumed where the input does not say (also written as comments in the model).
    public var assumed: [Item] = []
    /// Input objects left out, by name, with the reason.
    public var skipped: [Item] = []

    /// The report as text, one line per item under three headings.
    public var text: String {
        var lines: [String] = []
        for (title, items) in [("mapped", mapped), ("assumed", assumed), ("skipped", skipped)] {
            lines.append("\(title): \(items.count)")
            for item in items {
                let component = item.component.map { " -> \($0)" } ?? ""
                lines.append("  \(item.location) \(item.source)\(component): \(item.note)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// A model built by an importer, with the comments it writes beside each component and dependency.
public struct ImportedModel: Sendable {
    public var model: InfrastructureModel
    public var report: ImportReport
    /// Comment lines written above each component, by component id.
    public var componentNotes: [String: [String]]
    /// Comment lines written above each dependency, by its position in `model.dependencies`.
    public var dependencyNotes: [[String]]
    /// Comment lines at the top of the file.
    public var header: [String]
    /// Where each component came from in the input (its first input object), for annotations on the input.
    public var locations: ModelLocations

    /// The model as YAML that `ModelLoader` reads, with the importer's notes as comments.
    public func yaml() -> String {
        var out = header.map { "# " + $0 + "\n" }.joined()
        var top: [(String, ModelValue)] = [("schema_version", .string(InfrastructureModel.schemaVersion))]
        if !model.name.isEmpty { top.append(("name", .string(model.name))) }
        if !model.description.isEmpty { top.append(("description", .string(model.description))) }
        out += ModelValue.map(top).yaml()
        out += model.components.isEmpty ? "components: []\n" : "components:\n"
        let componentDefaults = Component(id: "", name: "")
        for component in model.components {
            for note in componentNotes[component.id] ?? [] { out += "# " + note + "\n" }
            out += ModelValue.list([Write.section(component, defaults: componentDefaults, schema: Component.schema)]).yaml()
        }
        out += model.dependencies.isEmpty ? "dependencies: []\n" : "dependencies:\n"
        let dependencyDefaults = Dependency(source: "", target: "")
        for (position, dependency) in model.dependencies.enumerated() {
            for note in dependencyNotes[position] { out += "# " + note + "\n" }
            out += ModelValue.list([Write.section(dependency, defaults: dependencyDefaults, schema: Dependency.schema)]).yaml()
        }
        return out
    }
}

/// Collects components, dependencies, notes and the report while an importer reads its input.
struct ImportBuilder {
    let file: String
    private(set) var model = InfrastructureModel()
    var report = ImportReport()
    private var notes: [String: [String]] = [:]
    private var dependencyNotes: [[String]] = []
    private var edges: [String: Int] = [:]
    private var lines: [String: Int] = [:]
    /// Position of each component in `model.components`, by id.
    private var positions: [String: Int] = [:]

    init(file: String, name: String) {
        self.file = file
        model.name = name
    }

    /// `file:line` of a node.
    func location(_ node: SourceNode?) -> String { node?.location ?? file }

    /// `name` in lower case with every character but letters, digits, `-`, `_` and `.` made a `-`.
    func sanitized(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        let text = String(name.lowercased().map { allowed.contains($0) ? $0 : "-" })
        return text.isEmpty ? "component" : text
    }

    /// A component id made of `name`: lower case letters, digits, `-`, `_` and `.`, unique in the model.
    func uniqueID(_ name: String) -> String {
        let base = sanitized(name)
        var id = base, n = 2
        while positions[id] != nil { id = "\(base)-\(n)"; n += 1 }
        return id
    }

    /// Adds a component made of input object `source` at `node` (its id made unique); returns the id.
    @discardableResult
    mutating func add(_ component: Component, from source: String, at node: SourceNode?, note: String) -> String {
        var component = component
        // On a clash, the input object's own name (`aws_autoscaling_group.web`, `Deployment/cart`) before a number.
        let wanted = uniqueID(component.id)
        component.id = wanted == sanitized(component.id) ? wanted : uniqueID(source)
        if component.name.isEmpty { component.name = component.id }
        positions[component.id] = model.components.count
        lines[component.id] = node?.line
        model.components.append(component)
        notes[component.id, default: []].append("\(source) (\(location(node)))")
        report.mapped.append(.init(source: source, location: location(node), component: component.id, note: note))
        return component.id
    }

    /// Records an input object folded into a component (it becomes no component of its own).
    mutating func fold(_ source: String, at node: SourceNode?, into component: String?, note: String) {
        report.mapped.append(.init(source: source, location: location(node), component: component, note: note))
    }

    /// Records an assumption about a component: a comment above it in the model and a line of the report.
    mutating func assume(_ component: String, _ note: String, source: String, at node: SourceNode?) {
        guard notes[component]?.contains("assumed: " + note) != true else { return }
        notes[component, default: []].append("assumed: " + note)
        report.assumed.append(.init(source: source, location: location(node), component: component, note: note))
    }

    /// Records an input object left out, with the reason.
    mutating func skip(_ source: String, at node: SourceNode?, _ reason: String) {
        report.skipped.append(.init(source: source, location: location(node), component: nil, note: reason))
    }

    /// Adds `source` depends on `target` once (the first reason is kept); nothing for a self-dependency.
    mutating func depend(_ source: String, on target: String, _ type: DependencyType, because reason: String) {
        guard source != target, edges["\(source)\u{0}\(target)"] == nil else { return }
        edges["\(source)\u{0}\(target)"] = model.dependencies.count
        model.dependencies.append(Dependency(source: source, target: target, type: type))
        dependencyNotes.append([reason])
    }

    /// Whether a dependency between the two exists, in either direction.
    func connected(_ a: String, _ b: String) -> Bool {
        edges["\(a)\u{0}\(b)"] != nil || edges["\(b)\u{0}\(a)"] != nil
    }

    /// The component with `id`, to adjust after adding it.
    mutating func update(_ id: String, _ change: (inout Component) -> Void) {
        guard let i = positions[id] else { return }
        change(&model.components[i])
    }

    func component(_ id: String) -> Component? { positions[id].map { model.components[$0] } }

    /// Places a component in the zones its instances run in: one zone is its `availability_zone`; more
    /// than one leaves the zone empty (no single zone outage takes every instance), which is noted.
    mutating func place(_ id: String, zones: [String], region: String, source: String, at node: SourceNode?) {
        let distinct = Array(Set(zones.filter { !$0.isEmpty })).sorted()
        update(id) { component in
            if !region.isEmpty { component.region.region = region }
            if distinct.count == 1 { component.region.availabilityZone = distinct[0] }
        }
        if distinct.count > 1 {
            assume(id, "spread over zones \(distinct.joined(separator: ", ")): no zone set, so no single zone outage takes it down "
                   + "(the model gives a component one zone)", source: source, at: node)
        }
    }

    /// The finished model; `kind` names the importer in the header.
    func finish(kind: String) -> ImportedModel {
        let header = [
            "Imported by `faultray import \(kind)` from \(file).",
            "\(model.components.count) components, \(model.dependencies.count) dependencies; \(report.assumed.count) assumptions "
                + "(comments starting with 'assumed:'), \(report.skipped.count) input objects skipped (see the import report).",
            "Check the assumptions, then `faultray validate` and `faultray simulate` this file.",
        ]
        return ImportedModel(model: model, report: report, componentNotes: notes, dependencyNotes: dependencyNotes, header: header,
                             locations: ModelLocations(file: file, lines: lines))
    }
}
