import FaultRayCore
import Foundation

/// `GET /api/topology/layout`: the dependency graph laid out by `LayeredLayout` for the dashboard,
/// either component by component or, when more components match than `limit`, aggregated into groups
/// (by layer, region, zone, team or type) that the dashboard drills into by filtering on one.
struct TopologyLayout: Encodable {
    /// A way to group components; also the name of the filter on it.
    enum Dimension: String, CaseIterable, Encodable {
        case layer, region, zone, team, type

        /// The component's value on this dimension (`unassigned` where the model says nothing).
        func value(of component: Component) -> String {
            let text: String
            switch self {
            case .layer: text = ComponentLayer(component.type).rawValue
            case .region: text = component.region.region
            case .zone: text = component.region.availabilityZone
            case .team: text = component.owner
            case .type: text = component.type.rawValue
            }
            return text.isEmpty ? Self.unassigned : text
        }

        static let unassigned = "unassigned"
    }

    struct Node: Encodable {
        var id: String
        var name: String
        var type: String
        var layer: String
        var region: String
        var zone: String
        var team: String
        var replicas: Int
        var health: Health
        var riskLevel: RiskLevel
        var isSpof: Bool
        var x: Double
        var y: Double
    }

    struct Edge: Encodable {
        var source: String
        var target: String
        var dependencyType: String
        /// As in `GET /api/topology`: a `requires` dependency without a fallback.
        var critical: Bool
    }

    struct Group: Encodable {
        /// The dimension's value the group's components share.
        var key: String
        var count: Int
        var spofs: Int
        /// How many of its components are at each risk level.
        var riskCounts: [String: Int]
        /// The highest risk level among its components.
        var worstRisk: RiskLevel
        var x: Double
        var y: Double
    }

    struct GroupEdge: Encodable {
        var source: String
        var target: String
        /// Dependencies from the source group's components to the target group's.
        var count: Int
        var critical: Int
    }

    /// `components` or `groups`.
    var mode: String
    var groupBy: String?
    var filters: [String: String]
    var totalComponents: Int
    var matchingComponents: Int
    /// Components drawn (fewer than matching only when no dimension splits them and they exceed the limit).
    var shownComponents: Int
    var limit: Int
    var layers: Int
    var nodes: [Node]
    var edges: [Edge]
    var groups: [Group]
    var groupEdges: [GroupEdge]

    /// The most components drawn one by one.
    static let defaultLimit = 1500

    /// The layout of `assessment`'s components that match `filters`, grouped by `groupBy` when given
    /// (`nil`: components when at most `limit` match, else the first dimension that splits them).
    init(_ assessment: Assessment, filters: [Dimension: String], groupBy: Dimension?, limit: Int = defaultLimit) {
        let graph = assessment.graph
        let components = graph.model.components
        let matching = components.indices.filter { i in filters.allSatisfy { $0.key.value(of: components[i]) == $0.value } }
        let grouping = groupBy ?? (matching.count <= limit ? nil : Dimension.allCases.first { dimension in
            filters[dimension] == nil && Set(matching.lazy.map { dimension.value(of: components[$0]) }).count > 1
        })
        mode = grouping == nil ? "components" : "groups"
        self.groupBy = grouping?.rawValue
        self.filters = Dictionary(uniqueKeysWithValues: filters.map { ($0.key.rawValue, $0.value) })
        totalComponents = components.count
        matchingComponents = matching.count
        self.limit = limit
        nodes = []; edges = []; groups = []; groupEdges = []
        if let grouping {
            shownComponents = 0
            layers = 0
            self.aggregate(assessment, matching, by: grouping)
        } else {
            let shown = Array(matching.prefix(limit))
            shownComponents = shown.count
            layers = 0
            self.draw(assessment, shown)
        }
    }

    /// Component by component.
    private mutating func draw(_ assessment: Assessment, _ shown: [Int]) {
        let graph = assessment.graph
        var local = [Int: Int](minimumCapacity: shown.count)
        for (i, node) in shown.enumerated() { local[node] = i }
        var pairs: [(from: Int, to: Int)] = []
        for (i, node) in shown.enumerated() {
            for (dependency, edge) in graph.dependenciesOf(node) {
                guard let j = local[dependency] else { continue }
                pairs.append((i, j))
                let declared = graph.dependency(edge)
                edges.append(Edge(source: graph.model.components[node].id, target: graph.model.components[dependency].id,
                                  dependencyType: declared.type.rawValue, critical: SinglePointsOfFailure.isHard(declared)))
            }
        }
        let layout = LayeredLayout(count: shown.count, edges: pairs)
        layers = layout.layerCount
        nodes = shown.enumerated().map { i, index in
            let component = graph.model.components[index]
            return Node(id: component.id, name: component.name, type: component.type.rawValue,
                        layer: Dimension.layer.value(of: component), region: Dimension.region.value(of: component),
                        zone: Dimension.zone.value(of: component), team: Dimension.team.value(of: component),
                        replicas: component.replicas, health: component.health, riskLevel: assessment.riskLevel(index),
                        isSpof: assessment.spofs.isSPOF[index], x: layout.x[i], y: layout.y[i])
        }
    }

    /// Group by group, with the dependencies between groups counted.
    private mutating func aggregate(_ assessment: Assessment, _ matching: [Int], by dimension: Dimension) {
        let graph = assessment.graph
        var keys: [String] = [], groupOf = [Int: Int](minimumCapacity: matching.count), indexOfKey: [String: Int] = [:]
        for node in matching {
            let key = dimension.value(of: graph.model.components[node])
            let group = indexOfKey[key] ?? { keys.append(key); indexOfKey[key] = keys.count - 1; return keys.count - 1 }()
            groupOf[node] = group
        }
        var counts = [Int](repeating: 0, count: keys.count), spofs = counts
        var risks = [[String: Int]](repeating: [:], count: keys.count)
        var worst = [RiskLevel](repeating: .low, count: keys.count)
        var between: [Int: [Int: (count: Int, critical: Int)]] = [:]
        for node in matching {
            let group = groupOf[node]!
            let risk = assessment.riskLevel(node)
            counts[group] += 1
            if assessment.spofs.isSPOF[node] { spofs[group] += 1 }
            risks[group][risk.rawValue, default: 0] += 1
            if risk.rank > worst[group].rank { worst[group] = risk }
            for (dependency, edge) in graph.dependenciesOf(node) {
                guard let other = groupOf[dependency], other != group else { continue }
                var tally = between[group, default: [:]][other, default: (0, 0)]
                tally.count += 1
                if SinglePointsOfFailure.isHard(graph.dependency(edge)) { tally.critical += 1 }
                between[group, default: [:]][other] = tally
            }
        }
        let pairs = between.sorted { $0.key < $1.key }.flatMap { from, targets in targets.keys.sorted().map { (from: from, to: $0) } }
        let layout = LayeredLayout(count: keys.count, edges: pairs, rowWidth: 8)
        layers = layout.layerCount
        groups = keys.indices.map { g in
            Group(key: keys[g], count: counts[g], spofs: spofs[g], riskCounts: risks[g], worstRisk: worst[g], x: layout.x[g], y: layout.y[g])
        }
        groupEdges = pairs.map { pair in
            let tally = between[pair.from]![pair.to]!
            return GroupEdge(source: keys[pair.from], target: keys[pair.to], count: tally.count, critical: tally.critical)
        }
    }
}

extension RiskLevel {
    /// 0 (low) to 3 (critical).
    var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }
}
