/// The resilience score (0–100) as a decomposition: each finding costs points in a named category,
/// each category has a ceiling, and the score is 100 minus what the categories cost.
public struct ResilienceScore: Sendable {
    /// A scoring category and the most it can cost.
    public enum Category: String, CaseIterable, Codable, Sendable {
        case singlePointsOfFailure = "single_points_of_failure"
        case capacityHeadroom = "capacity_headroom"
        case unprotectedExternalDependencies = "unprotected_external_dependencies"
        case dependencyDepth = "dependency_depth"
        case dependencyCycles = "dependency_cycles"
        case failureDomains = "failure_domains"

        public var maxPoints: Double {
            switch self {
            case .singlePointsOfFailure: return 40
            case .capacityHeadroom: return 20
            default: return 10
            }
        }
    }

    /// One reason the score is below 100.
    public struct Finding: Codable, Sendable, Equatable {
        public var category: Category
        /// The component concerned, if the finding is about one.
        public var component: String?
        /// This finding's share of the deficit: its points, scaled down in proportion when its category is
        /// over its ceiling, rounded so that the findings add up exactly to `100 − score` (`apportion`).
        public var points: Double
        public var message: String
        /// What would remove the finding.
        public var fix: String
        /// The other component concerned (the third party of an unprotected dependency); not encoded.
        var target: String? = nil

        enum CodingKeys: String, CodingKey { case category, component, points, message, fix }
    }

    /// Points lost per category.
    public struct CategoryScore: Codable, Sendable, Equatable {
        public var category: Category
        public var maxPoints: Double
        public var pointsLost: Double
        public var findings: Int
    }

    public let score: Double
    public let categories: [CategoryScore]
    public let findings: [Finding]

    /// Points per SPOF, per direct dependent that goes down with it, at most `spofMaxPoints`.
    public static let spofPointsPerDependent = 5.0
    public static let spofMaxPoints = 15.0
    /// Points for utilization above 90, 80 and 70 percent.
    public static let utilizationPoints: [(above: Double, points: Double)] = [(90, 8), (80, 4), (70, 2)]
    public static let unprotectedExternalPoints = 5.0
    /// A chain of hard dependencies longer than this many components costs points per extra component.
    public static let depthAllowance = 5
    public static let depthPointsPerExtraHop = 2.0
    public static let cyclePoints = 5.0
    public static let concentrationPoints = 5.0

    public init(graph: CompiledGraph, spofs: SinglePointsOfFailure, components scc: StronglyConnected) {
        var raw: [Finding] = []
        let components = graph.model.components
        for (i, component) in components.enumerated() where spofs.isSPOF[i] {
            let dependents = spofs.hardDependents[i]
            let points = min(Self.spofMaxPoints, Self.spofPointsPerDependent * Double(max(1, dependents)))
            let what = dependents == 0 ? "is an entry point with one instance" : "takes \(dependents) direct dependent\(dependents == 1 ? "" : "s") down with it"
            raw.append(Finding(category: .singlePointsOfFailure, component: component.id, points: points,
                               message: "'\(component.id)' is a single point of failure: it \(what)",
                               fix: component.externalSLA == nil && !Self.isThirdParty(component)
                                   ? "add a replica, or a standby with failover"
                                   : "serve around it: a fallback on the dependencies to it, or a second provider in a redundancy group"))
        }
        for (i, component) in components.enumerated() {
            let u = graph.utilization[i]
            guard let rule = Self.utilizationPoints.first(where: { u > $0.above }) else { continue }
            raw.append(Finding(category: .capacityHeadroom, component: component.id, points: rule.points,
                               message: "'\(component.id)' runs at \(Format.percent(u)) utilization (above \(Format.number(rule.above))%)",
                               fix: "add capacity or enable autoscaling"))
        }
        for dependency in graph.model.dependencies where dependency.isUnprotected {
            guard let target = graph.index(of: dependency.target), Self.isThirdParty(components[target]) else { continue }
            raw.append(Finding(category: .unprotectedExternalDependencies, component: dependency.source, points: Self.unprotectedExternalPoints,
                               message: "'\(dependency.source)' requires the third-party '\(dependency.target)' without a circuit breaker",
                               fix: "add a circuit breaker with a fallback on \(dependency.source) -> \(dependency.target)",
                               target: dependency.target))
        }
        let chain = Self.longestHardChain(graph, scc)
        if chain.count > Self.depthAllowance {
            let extra = chain.count - Self.depthAllowance
            raw.append(Finding(category: .dependencyDepth, component: nil, points: Double(extra) * Self.depthPointsPerExtraHop,
                               message: "a chain of \(chain.count) hard dependencies: " + chain.map { components[$0].id }.joined(separator: " -> "),
                               fix: "shorten the chain or make some links optional, async or circuit-broken"))
        }
        for cycle in scc.cycles {
            raw.append(Finding(category: .dependencyCycles, component: nil, points: Self.cyclePoints,
                               message: "dependency cycle among " + cycle.map { components[$0].id }.joined(separator: ", "),
                               fix: "break the cycle; a cycle can keep itself down after recovery"))
        }
        for (label, key) in [("availability zone", \Component.region.availabilityZone), ("region", \Component.region.region)] {
            let declared = components.map { $0[keyPath: key] }.filter { !$0.isEmpty }
            if declared.count >= 2, Set(declared).count == 1 {
                raw.append(Finding(category: .failureDomains, component: nil, points: Self.concentrationPoints,
                                   message: "every component that names its \(label) is in '\(declared[0])'",
                                   fix: "spread replicas over more than one \(label)"))
            }
        }

        var categories: [CategoryScore] = []
        var findings: [Finding] = []
        var lost = 0.0
        for category in Category.allCases {
            let members = raw.filter { $0.category == category }
            let total = members.reduce(0) { $0 + $1.points }
            let capped = min(total, category.maxPoints)
            let share = total > 0 ? capped / total : 0
            findings += members.map { var f = $0; f.points *= share; return f }
            categories.append(CategoryScore(category: category, maxPoints: category.maxPoints,
                                            pointsLost: Format.round(capped, places: 2), findings: members.count))
            lost += capped
        }
        score = graph.count == 0 ? 0 : Format.round(max(0, 100 - lost), places: 1)
        self.categories = categories
        self.findings = Self.apportion(findings, deficit: graph.count == 0 ? 0 : 100 - score)
    }

    /// Rounds the findings' points to hundredths so that they add up exactly to `deficit` (100 − the
    /// rounded score): each share is scaled to the deficit, rounded down, and the hundredths left over go
    /// to the largest remainders (ties: the earlier finding). Summing rounded points never drifts from the
    /// score, however many findings there are.
    static func apportion(_ findings: [Finding], deficit: Double) -> [Finding] {
        let total = findings.reduce(0) { $0 + $1.points }
        guard total > 0 else { return findings.map { var f = $0; f.points = 0; return f } }
        let target = Int((deficit * 100).rounded())
        let exact = findings.map { $0.points / total * Double(target) }
        var cents = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(cents[$0]), $1) > (exact[$1] - Double(cents[$1]), $0) }
        for i in order.prefix(max(0, target - cents.reduce(0, +))) { cents[i] += 1 }
        return zip(findings, cents).map { finding, c in var f = finding; f.points = Double(c) / 100; return f }
    }

    /// Longest chain of hard dependencies, counting a dependency cycle once.
    static func longestHardChain(_ graph: CompiledGraph, _ scc: StronglyConnected) -> [Int] {
        var depth = [Int](repeating: 0, count: scc.members.count)
        var next = [Int](repeating: -1, count: scc.members.count)
        var best = -1
        for (g, members) in scc.members.enumerated() {
            depth[g] = 1
            for i in members {
                for (target, edge) in graph.dependenciesOf(i) where SinglePointsOfFailure.isHard(graph.dependency(edge)) {
                    let h = scc.group[target]
                    if h != g, depth[h] + 1 > depth[g] { depth[g] = depth[h] + 1; next[g] = h }
                }
            }
            if best < 0 || depth[g] > depth[best] { best = g }
        }
        var chain: [Int] = []
        var g = best
        while g >= 0 { chain.append(scc.members[g][0]); g = next[g] }
        return chain
    }

    /// Letter grade of a score.
    public static func grade(_ score: Double) -> String {
        switch score {
        case 95...: return "A+"
        case 90..<95: return "A"
        case 80..<90: return "B"
        case 70..<80: return "C"
        case 60..<70: return "D"
        default: return "F"
        }
    }
}
