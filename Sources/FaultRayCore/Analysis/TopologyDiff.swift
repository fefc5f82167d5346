import Foundation

/// The difference between two models: components and dependencies added, removed and changed (field
/// by field, with the impact of each change), the score before and after, and a Mermaid diagram of the
/// after-topology with what changed marked.
///
/// Impact rules (`FieldChange.Impact`): more replicas, more capacity, a longer MTBF, a higher external
/// SLA, and turning on failover, autoscaling, circuit breakers, health checks or any security control
/// improve; the opposite worsens; higher utilization metrics and a longer MTTR or switchover worsen;
/// a dependency becoming `optional` or `async` improves, becoming `requires` worsens; anything else is
/// neutral.
public struct TopologyDiff: Encodable, Sendable {
    public struct FieldChange: Encodable, Sendable, Equatable {
        public enum Impact: String, Encodable, Sendable { case improves, worsens, neutral }
        public var field: String
        public var oldValue: String
        public var newValue: String
        public var impact: Impact
    }

    public struct ComponentChange: Encodable, Sendable {
        public var componentId: String
        public var componentName: String
        public var diffType: String
        public var changes: [FieldChange]
    }

    public struct EdgeChange: Encodable, Sendable {
        public var source: String
        public var target: String
        public var diffType: String
        public var changes: [FieldChange]
    }

    public struct Side: Encodable, Sendable {
        public var resilienceScore: Double
        public var grade: String
        public var spofCount: Int
        public var availability: AvailabilityFigures

        init(_ assessment: Assessment) {
            resilienceScore = assessment.score.score
            grade = ResilienceScore.grade(assessment.score.score)
            spofCount = assessment.spofs.count
            availability = AvailabilityFigures(availability: assessment.availability.overall)
        }
    }

    public var componentsAdded: [ComponentChange] = []
    public var componentsRemoved: [ComponentChange] = []
    public var componentsModified: [ComponentChange] = []
    /// Ids of the components present and equal in both.
    public var componentsUnchanged: [String] = []
    public var edgesAdded: [EdgeChange] = []
    public var edgesRemoved: [EdgeChange] = []
    public var edgesModified: [EdgeChange] = []
    public var before: Side
    public var after: Side
    public var scoreDelta: Double
    public var summary: String
    public var mermaid: String

    public init(before: InfrastructureModel, after: InfrastructureModel) {
        let old = Dictionary(before.components.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.components.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for component in after.components {
            guard let previous = old[component.id] else {
                componentsAdded.append(ComponentChange(componentId: component.id, componentName: component.name, diffType: "added", changes: []))
                continue
            }
            let changes = Self.fieldChanges(previous, component, prefix: "")
            if changes.isEmpty {
                componentsUnchanged.append(component.id)
            } else {
                componentsModified.append(ComponentChange(componentId: component.id, componentName: component.name, diffType: "modified", changes: changes))
            }
        }
        for component in before.components where new[component.id] == nil {
            componentsRemoved.append(ComponentChange(componentId: component.id, componentName: component.name, diffType: "removed", changes: []))
        }
        let oldEdges = Dictionary(before.dependencies.map { ("\($0.source)\u{0}\($0.target)", $0) }, uniquingKeysWith: { a, _ in a })
        let newEdges = Dictionary(after.dependencies.map { ("\($0.source)\u{0}\($0.target)", $0) }, uniquingKeysWith: { a, _ in a })
        for edge in after.dependencies {
            guard let previous = oldEdges["\(edge.source)\u{0}\(edge.target)"] else {
                edgesAdded.append(EdgeChange(source: edge.source, target: edge.target, diffType: "added", changes: []))
                continue
            }
            let changes = Self.fieldChanges(previous, edge, prefix: "")
            if !changes.isEmpty { edgesModified.append(EdgeChange(source: edge.source, target: edge.target, diffType: "modified", changes: changes)) }
        }
        for edge in before.dependencies where newEdges["\(edge.source)\u{0}\(edge.target)"] == nil {
            edgesRemoved.append(EdgeChange(source: edge.source, target: edge.target, diffType: "removed", changes: []))
        }
        let beforeAssessment = Assessment(before), afterAssessment = Assessment(after)
        self.before = Side(beforeAssessment)
        self.after = Side(afterAssessment)
        scoreDelta = Format.round(afterAssessment.score.score - beforeAssessment.score.score, places: 1)
        let counts = [("added", componentsAdded.count), ("removed", componentsRemoved.count), ("modified", componentsModified.count)]
        let edgeCount = edgesAdded.count + edgesRemoved.count + edgesModified.count
        summary = counts.map { "\($0.1) component\($0.1 == 1 ? "" : "s") \($0.0)" }.joined(separator: ", ")
            + ", \(edgeCount) dependenc\(edgeCount == 1 ? "y" : "ies") changed; score \(Format.number(self.before.resilienceScore)) → \(Format.number(self.after.resilienceScore))"
            + " (\(scoreDelta >= 0 ? "+" : "")\(Format.number(scoreDelta)))."
        mermaid = Self.diagram(before: before, after: after, added: Set(componentsAdded.map(\.componentId)),
                               modified: Set(componentsModified.map(\.componentId)), removedEdges: edgesRemoved)
    }

    /// Whether nothing differs.
    public var isEmpty: Bool {
        componentsAdded.isEmpty && componentsRemoved.isEmpty && componentsModified.isEmpty
            && edgesAdded.isEmpty && edgesRemoved.isEmpty && edgesModified.isEmpty
    }

    static func fieldChanges(_ old: Any, _ new: Any, prefix: String) -> [FieldChange] {
        let before = FieldValues.flatten(old), after = Dictionary(FieldValues.flatten(new).map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        return before.compactMap { field, value in
            guard let newValue = after[field], newValue != value else { return nil }
            return FieldChange(field: field, oldValue: value, newValue: newValue, impact: impact(field, value, newValue))
        }
    }

    /// Fields where a higher value is better, or worse; booleans that improve when turned on.
    static let higherIsBetter = ["replicas", "capacity.", "operational_profile.mtbf_hours", "external_sla", "autoscaling.max_replicas"]
    static let higherIsWorse = ["metrics.", "operational_profile.mttr_minutes", "failover.promotion_time_seconds", "failover.health_check_interval_seconds",
                                "latency_ms", "operational_profile.deploy_downtime_seconds"]
    static let onIsBetter = ["failover.enabled", "autoscaling.enabled", "circuit_breaker.enabled", "retry_strategy.enabled", "security.", "compliance_tags.audit_logging",
                             "compliance_tags.change_management", "cache_warming.enabled", "singleflight.enabled"]

    static func impact(_ field: String, _ old: String, _ new: String) -> FieldChange.Impact {
        if field == "type", ["requires", "optional", "async"].contains(old) {
            return new == "requires" ? .worsens : old == "requires" ? .improves : .neutral
        }
        if onIsBetter.contains(where: { field.hasPrefix($0) }), let was = Bool(old), let now = Bool(new) {
            return now == was ? .neutral : now ? .improves : .worsens
        }
        guard let a = Double(old), let b = Double(new), a != b else { return .neutral }
        if higherIsBetter.contains(where: { field.hasPrefix($0) }) { return b > a ? .improves : .worsens }
        if higherIsWorse.contains(where: { field.hasPrefix($0) }) { return b > a ? .worsens : .improves }
        return .neutral
    }

    /// The after-topology, with added and modified components and removed components and edges marked.
    static func diagram(before: InfrastructureModel, after: InfrastructureModel, added: Set<String>, modified: Set<String>,
                        removedEdges: [EdgeChange]) -> String {
        var merged = after
        let present = Set(after.components.map(\.id))
        let removed = before.components.filter { !present.contains($0.id) }
        merged.components += removed
        let firstRemovedEdge = merged.dependencies.count
        merged.dependencies += removedEdges.compactMap { edge in before.dependencies.first { $0.source == edge.source && $0.target == edge.target } }
        var classes: [String: String] = [:]
        for id in added { classes[id] = "added" }
        for id in modified { classes[id] = "modified" }
        for component in removed { classes[component.id] = "removed" }
        return Mermaid.diagram(merged, classes: classes, dashedEdgesFrom: firstRemovedEdge)
    }
}
