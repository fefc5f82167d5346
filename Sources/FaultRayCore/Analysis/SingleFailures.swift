/// Every component's whole failure on its own, shared by the analyses that rank or summarise them.
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
