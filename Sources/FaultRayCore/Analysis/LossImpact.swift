/// What losing each whole component does, from the cascade engine: one `component_down` fault per
/// component, compared with the model's declared state, so a component the model already declares
/// unhealthy is not counted again as damage of every other failure.
///
/// Shared by the risk heat map (blast radius) and the cost attribution (entry-point impact).
struct LossImpact: Sendable {
    /// Components whose health the loss worsens, the failed one included.
    let affected: [Int]
    /// `affected / components`: the share of the model the loss reaches, in [0, 1] (the cascade's
    /// `blast_radius_score`, unrounded).
    let blastRadius: [Double]
    /// Mean worsening of the impact weight (`RiskScore.weight`: down 1, overloaded 0.6, degraded 0.3)
    /// over the entry points: how much of the service users lose, in [0, 1].
    let entryImpact: [Double]
    /// The entry points the loss worsens (model index) and their health then.
    let entryEffects: [[(entry: Int, health: Health)]]

    init(_ assessment: Assessment) {
        let graph = assessment.graph, engine = assessment.engine
        let n = graph.count
        let ws = CascadeWorkspace(count: n)
        let baseline = engine.baseline ?? [Health](repeating: .healthy, count: n)
        let entryCount = Double(max(1, graph.entryPoints.count))
        var affected: [Int] = [], entry: [Double] = [], effects: [[(entry: Int, health: Health)]] = []
        for i in 0..<n {
            var count = 0, entryWeight = 0.0
            var worsened: [(entry: Int, health: Health)] = []
            for (node, health) in engine.outcome([Fault(.componentDown, target: i)], workspace: ws).affected {
                let j = Int(node)
                guard health > baseline[j] else { continue }
                let worsening = RiskScore.weight(health) - RiskScore.weight(baseline[j])
                count += 1
                if graph.isEntryPoint[j] { entryWeight += worsening; worsened.append((j, health)) }
            }
            affected.append(count)
            entry.append(entryWeight / entryCount)
            effects.append(worsened.sorted { $0.entry < $1.entry })
        }
        self.affected = affected
        blastRadius = affected.map { n == 0 ? 0 : Double($0) / Double(n) }
        entryImpact = entry
        entryEffects = effects
    }
}
