/// The one risk formula of a failure's outcome, 0–10, and the one severity rule.
///
/// `risk = 10 × (0.7 × entryImpact + 0.3 × spread)`, where `entryImpact` is the mean impact weight over
/// the entry points, each counted with its `entry_point.weight` (how much of the service users see
/// fail), and `spread` is the mean impact weight over all components (how far the damage reaches).
/// Impact weights: down 1, overloaded 0.6, degraded 0.3, healthy 0. The formula only grows with worse
/// health, so failing a superset of components never lowers it; it is bounded by 0 and 10. Rounded to
/// one decimal.
///
/// Severity does not shrink as a model grows: critical from risk 7, or when an entry point marked
/// `critical` is down, or when entry points carrying `criticalEntryShare` of the entry weight are down;
/// warning from risk 4, or when any entry point is down; passed otherwise.
public enum RiskScore {
    public static let entryShare = 0.7
    public static let spreadShare = 0.3
    /// Share of the entry weight whose loss is critical at any model size.
    public static let criticalEntryShare = 0.5

    /// Impact weight of a health.
    public static func weight(_ health: Health) -> Double {
        switch health {
        case .healthy: return 0
        case .degraded: return 0.3
        case .overloaded: return 0.6
        case .down: return 1
        }
    }

    /// Risk of a set of final healths, given as (component, health) pairs.
    public static func score(_ affected: some Sequence<(node: Int32, health: Health)>, in graph: CompiledGraph) -> Double {
        guard graph.count > 0 else { return 0 }
        var entry = 0.0, total = 0.0
        for (node, health) in affected {
            let w = weight(health)
            total += w
            if graph.isEntryPoint[Int(node)] { entry += w * graph.entryWeight[Int(node)] }
        }
        let entryImpact = graph.totalEntryWeight > 0 ? entry / graph.totalEntryWeight : 0
        return min(10, Format.round(10 * (entryShare * entryImpact + spreadShare * total / Double(graph.count)), places: 1))
    }

    /// Severity of an outcome (see the type's documentation).
    public static func severity(risk: Double, _ affected: some Sequence<(node: Int32, health: Health)>, in graph: CompiledGraph) -> Severity {
        if risk >= 7 { return .critical }
        var downWeight = 0.0, entryDown = false
        for (node, health) in affected where health == .down && graph.isEntryPoint[Int(node)] {
            if graph.model.components[Int(node)].entryPoint.critical { return .critical }
            entryDown = true
            downWeight += graph.entryWeight[Int(node)]
        }
        if graph.totalEntryWeight > 0, downWeight >= criticalEntryShare * graph.totalEntryWeight { return .critical }
        return risk >= 4 || entryDown ? .warning : .passed
    }
}

/// How bad a scenario's outcome is.
public enum Severity: String, Codable, Sendable, CaseIterable {
    case critical, warning, passed
}
