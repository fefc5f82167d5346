/// The one risk formula of a failure's outcome, 0–10.
///
/// `risk = 10 × (0.7 × entryImpact + 0.3 × spread)`, where `entryImpact` is the mean impact weight over
/// the entry points (how much of the service users see fail) and `spread` is the mean impact weight over
/// all components (how far the damage reaches). Impact weights: down 1, overloaded 0.6, degraded 0.3,
/// healthy 0. The formula only grows with worse health, so failing a superset of components never
/// lowers it; it is bounded by 0 and 10. Rounded to one decimal.
public enum RiskScore {
    public static let entryShare = 0.7
    public static let spreadShare = 0.3

    /// Impact weight of a health.
    public static func weight(_ health: Health) -> Double {
        switch health {
        case .healthy: return 0
        case .degraded: return 0.3
        case .overloaded: return 0.6
        case .down: return 1
        }
    }

    /// Risk from the summed impact weights.
    public static func score(entryWeight: Double, entryCount: Int, totalWeight: Double, componentCount: Int) -> Double {
        guard componentCount > 0 else { return 0 }
        let entryImpact = entryCount > 0 ? entryWeight / Double(entryCount) : 0
        let spread = totalWeight / Double(componentCount)
        return min(10, Format.round(10 * (entryShare * entryImpact + spreadShare * spread), places: 1))
    }

    /// Risk of a set of final healths, given as (component, health) pairs.
    public static func score(_ affected: some Sequence<(node: Int32, health: Health)>, in graph: CompiledGraph) -> Double {
        var entry = 0.0, total = 0.0
        for (node, health) in affected {
            let w = weight(health)
            total += w
            if graph.isEntryPoint[Int(node)] { entry += w }
        }
        return score(entryWeight: entry, entryCount: graph.entryPoints.count, totalWeight: total, componentCount: graph.count)
    }

    /// Severity class of a risk: critical from 7, warning from 4.
    public static func severity(_ risk: Double) -> Severity {
        risk >= 7 ? .critical : risk >= 4 ? .warning : .passed
    }
}

/// How bad a scenario's outcome is.
public enum Severity: String, Codable, Sendable, CaseIterable {
    case critical, warning, passed
}
