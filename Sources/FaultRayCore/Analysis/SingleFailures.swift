/// Analyses built from each component's failure on its own.
public enum SingleFailures {
    /// The cascade of a whole-component failure (`componentDown`) of every component, in model order.
    public static func simulate(_ assessment: Assessment) -> [CascadeResult] {
        let engine = assessment.engine
        let workspace = CascadeWorkspace(count: assessment.graph.count)
        return assessment.model.components.indices.map {
            engine.simulate([Fault(.componentDown, target: $0)], availability: assessment.availability, workspace: workspace)
        }
    }
}

extension ResilienceScore {
    /// The findings costing the most points first (ties keep the score's order), at most `limit`.
    public func largestFindings(limit: Int = .max) -> [Finding] {
        Array(findings.enumerated()
            .sorted { $0.element.points != $1.element.points ? $0.element.points > $1.element.points : $0.offset < $1.offset }
            .prefix(limit).map(\.element))
    }
}
