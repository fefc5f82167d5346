/// The heat-map view of one component.
public struct RiskProfile: Codable, Sendable, Equatable {
    public var componentId: String
    public var componentName: String
    public var componentType: ComponentType
    public var layer: ComponentLayer
    /// Each dimension, 3 decimals.
    public var riskScores: RiskDimensions
    /// `Σ weight × dimension`, in [0, 1], 3 decimals.
    public var overallRisk: Double
    public var heatLevel: RiskLevel
    /// Why the component scores high: one sentence per dimension above 0.5.
    public var riskFactors: [String]
}

/// The components of one layer.
public struct RiskZone: Codable, Sendable, Equatable {
    public var layer: ComponentLayer
    public var description: String
    /// Component ids, in model order.
    public var components: [String]
    /// Mean overall risk of the zone's components, 3 decimals.
    public var zoneRisk: Double
    public var maxRisk: Double
}

/// How many components fall in each risk level.
public struct RiskDistribution: Codable, Sendable, Equatable {
    public var critical: Int, high: Int, medium: Int, low: Int

    init(_ levels: [RiskLevel]) {
        let count = { (level: RiskLevel) in levels.filter { $0 == level }.count }
        (critical, high, medium, low) = (count(.critical), count(.high), count(.medium), count(.low))
    }
}

/// Lowest overall risk of each level above `low`.
public struct HeatLevelThresholds: Codable, Sendable, Equatable {
    public var medium = 0.25, high = 0.5, critical = 0.75
}

/// Risk heat map: every component scored on seven documented dimensions (see `RiskDimensions`),
/// combined with the weights in `RiskDimensions.weights` into an overall risk in [0, 1].
///
/// Level of the overall risk: below 0.25 low, below 0.5 medium, below 0.75 high, else critical. It ranks
/// the heat map; the topology's `Assessment.riskLevel` (SPOF and utilization only) is a different rule.
/// Zones group components by `ComponentLayer` (layers in declaration order, empty ones left out).
/// Hotspots are the five highest overall risks, ties in model order. Components are in model order.
public struct RiskHeatMap: Codable, Sendable, Equatable {
    public static let hotspotCount = 5
    public static let thresholds = HeatLevelThresholds()

    public var components: [RiskProfile]
    public var zones: [RiskZone]
    public var hotspots: [RiskProfile]
    /// Mean overall risk over all components, 3 decimals (0 for an empty model).
    public var overallRiskScore: Double
    public var riskDistribution: RiskDistribution
    public var dimensionWeights: RiskDimensions
    public var levelThresholds: HeatLevelThresholds

    public init(_ assessment: Assessment) {
        let graph = assessment.graph
        let loss = LossImpact(assessment)
        let depth = RiskRules.upstreamDepth(graph, assessment.groups)
        let deepest = depth.max() ?? 0
        let profiles = graph.model.components.enumerated().map { i, component in
            let scores = RiskDimensions(
                blastRadius: loss.blastRadius[i],
                spof: assessment.spofs.isSPOF[i] ? 1 : 0,
                utilization: min(1, max(0, graph.utilization[i] / 100)),
                dependencyDepth: deepest == 0 ? 0 : Double(depth[i]) / Double(deepest),
                recovery: RiskRules.recovery(component),
                security: RiskRules.security(component),
                externalDependency: RiskRules.externalDependency(component))
            let overall = Format.round(min(1, max(0, scores.overall)), places: 3)
            return RiskProfile(
                componentId: component.id, componentName: component.name, componentType: component.type,
                layer: ComponentLayer(component.type), riskScores: scores.rounded(places: 3), overallRisk: overall,
                heatLevel: Self.level(overall),
                riskFactors: RiskRules.factors(scores, component: component, affected: loss.affected[i], count: graph.count, depth: depth[i]))
        }
        components = profiles
        zones = ComponentLayer.allCases.compactMap { layer in
            let members = profiles.filter { $0.layer == layer }
            guard !members.isEmpty else { return nil }
            return RiskZone(layer: layer, description: layer.description, components: members.map(\.componentId),
                            zoneRisk: Self.mean(members.map(\.overallRisk)), maxRisk: members.map(\.overallRisk).max() ?? 0)
        }
        hotspots = Array(profiles.enumerated()
            .sorted { ($0.element.overallRisk, -$0.offset) > ($1.element.overallRisk, -$1.offset) }
            .prefix(Self.hotspotCount).map(\.element))
        overallRiskScore = Self.mean(profiles.map(\.overallRisk))
        riskDistribution = RiskDistribution(profiles.map(\.heatLevel))
        dimensionWeights = RiskDimensions.weights
        levelThresholds = Self.thresholds
    }

    /// Risk level of an overall heat-map risk.
    public static func level(_ overall: Double) -> RiskLevel {
        overall >= thresholds.critical ? .critical : overall >= thresholds.high ? .high : overall >= thresholds.medium ? .medium : .low
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : Format.round(values.reduce(0, +) / Double(values.count), places: 3)
    }
}
