/// Mermaid flowcharts of a model. Node ids are positions (`n0`, `n1`, …), so no component id needs
/// escaping; labels are quoted with `"`, `<`, `>`, `#` and `&` written as Mermaid entities.
public enum Mermaid {
    /// Style of each class a diagram may use.
    static let classStyles = [
        "changed": "fill:#d4edda,stroke:#2e7d32,stroke-width:2px",
        "added": "fill:#d4edda,stroke:#2e7d32,stroke-width:2px",
        "modified": "fill:#fff3cd,stroke:#b8860b,stroke-width:2px",
        "removed": "fill:#f8d7da,stroke:#c62828,stroke-dasharray:4 3",
    ]

    /// `graph TD` of every component and dependency; `highlighting` components get the `changed` class.
    public static func diagram(_ model: InfrastructureModel, highlighting: Set<String>) -> String {
        diagram(model, classes: Dictionary(uniqueKeysWithValues: highlighting.map { ($0, "changed") }))
    }

    /// `graph TD` of every component and dependency, components in `classes` styled by their class
    /// (`changed`, `added`, `modified`, `removed`), and dependencies from index `dashedEdgesFrom` on
    /// drawn red and dashed (removed). Requires edges are solid, optional ones dotted, async ones dotted
    /// and labelled; a circuit breaker labels its edge `CB`.
    public static func diagram(_ model: InfrastructureModel, classes: [String: String], dashedEdgesFrom: Int = .max) -> String {
        var lines = ["graph TD"]
        var index: [String: Int] = [:]
        for (i, component) in model.components.enumerated() {
            index[component.id] = i
            let replicas = component.replicas > 1 ? " ×\(component.replicas)" : ""
            let label = escape("\(component.name.isEmpty ? component.id : component.name) (\(component.type.rawValue))\(replicas)")
            lines.append("    n\(i)[\"\(label)\"]" + (classes[component.id].map { ":::" + $0 } ?? ""))
        }
        var links = 0
        var dashed: [Int] = []
        for (e, dependency) in model.dependencies.enumerated() {
            guard let source = index[dependency.source], let target = index[dependency.target] else { continue }
            var labels: [String] = []
            if dependency.type == .async { labels.append("async") }
            if dependency.circuitBreaker.enabled { labels.append("CB") }
            let arrow = dependency.type == .requires ? "-->" : "-.->"
            let label = labels.isEmpty ? "" : "|\(labels.joined(separator: ", "))|"
            lines.append("    n\(source) \(arrow)\(label) n\(target)")
            if e >= dashedEdgesFrom { dashed.append(links) }
            links += 1
        }
        for name in Set(classes.values).sorted() {
            if let style = classStyles[name] { lines.append("    classDef \(name) \(style)") }
        }
        if !dashed.isEmpty {
            lines.append("    linkStyle \(dashed.map(String.init).joined(separator: ",")) stroke:#c62828,stroke-dasharray:4 3")
        }
        return lines.joined(separator: "\n")
    }

    /// Text safe inside a quoted Mermaid label.
    public static func escape(_ text: String) -> String {
        Format.escaping(text, ["\"": "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "&": "#amp;", "\n": " ", "\r": " ", "\r\n": " "])
    }
}
