/// Mermaid flowcharts of a model. Node ids are positions (`n0`, `n1`, …), so no component id needs
/// escaping; labels are quoted with `"`, `<`, `>`, `#` and `&` written as Mermaid entities.
public enum Mermaid {
    /// `graph TD` of every component and dependency; `highlighting` components get the `changed` class.
    /// Requires edges are solid, optional ones dotted, async ones dotted and labelled; a circuit breaker
    /// labels its edge `CB`.
    public static func diagram(_ model: InfrastructureModel, highlighting: Set<String> = []) -> String {
        var lines = ["graph TD"]
        var index: [String: Int] = [:]
        for (i, component) in model.components.enumerated() {
            index[component.id] = i
            let replicas = component.replicas > 1 ? " ×\(component.replicas)" : ""
            let label = escape("\(component.name.isEmpty ? component.id : component.name) (\(component.type.rawValue))\(replicas)")
            lines.append("    n\(i)[\"\(label)\"]" + (highlighting.contains(component.id) ? ":::changed" : ""))
        }
        for dependency in model.dependencies {
            guard let source = index[dependency.source], let target = index[dependency.target] else { continue }
            var labels: [String] = []
            if dependency.type == .async { labels.append("async") }
            if dependency.circuitBreaker.enabled { labels.append("CB") }
            let arrow = dependency.type == .requires ? "-->" : "-.->"
            let label = labels.isEmpty ? "" : "|\(labels.joined(separator: ", "))|"
            lines.append("    n\(source) \(arrow)\(label) n\(target)")
        }
        lines.append("    classDef changed fill:#d4edda,stroke:#2e7d32,stroke-width:2px")
        return lines.joined(separator: "\n")
    }

    /// Text safe inside a quoted Mermaid label.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "#quot;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "#": result += "#35;"
            case "&": result += "#amp;"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
