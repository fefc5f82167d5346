/// A concrete change to one component and what it saves, recomputed on the changed model.
///
/// For the `candidateCount` components with the highest cost at risk (above zero, ties in model order)
/// each applicable change is tried through `WhatIf.apply`: one more replica; failover, if it is off;
/// circuit breakers on the `requires` dependencies to it, if some lack one. The changed model is
/// assessed again and its total cost at risk recomputed with the same revenue:
/// `annualSavings` = total before − total after. A replica or a failover standby adds one instance,
/// priced at `hourly_infra_cost / replicas` for every hour of the year (`addedAnnualCost`); circuit
/// breakers cost nothing here. Changes saving less than a cent are left out. Sorted by
/// `netAnnualSavings`, highest first (ties by component order, then change order).
public struct CostReduction: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case addReplica = "add_replica"
        case enableFailover = "enable_failover"
        case addCircuitBreakers = "add_circuit_breakers"
    }

    public static let candidateCount = 5

    public var component: String
    public var action: Action
    /// What to change, in words.
    public var description: String
    public var annualSavings: Double
    public var addedAnnualCost: Double
    public var netAnnualSavings: Double

    static func opportunities(_ assessment: Assessment, _ figures: [CostFigures], revenuePerHour: Double) -> [CostReduction] {
        let model = assessment.model
        let before = CostFigures.total(figures)
        let candidates = figures.indices.filter { figures[$0].total > 0 }
            .sorted { (figures[$0].total, -$0) > (figures[$1].total, -$1) }
            .prefix(candidateCount)
        var found: [(order: (Int, Int), reduction: CostReduction)] = []
        for i in candidates {
            let component = model.components[i]
            for (position, action) in Action.allCases.enumerated() {
                guard let (change, description) = Self.change(action, for: component, in: model),
                      let changed = try? WhatIf.apply([(component.id, change)], to: model)
                else { continue }
                let after = CostFigures.total(CostFigures.compute(Assessment(changed), revenuePerHour: revenuePerHour))
                let savings = Format.round(before - after, places: 2)
                guard savings > 0 else { continue }
                let added = action == .addCircuitBreakers ? 0
                    : Format.round(component.costProfile.hourlyInfraCost / Double(component.replicas) * AvailabilityModel.hoursPerYear, places: 2)
                found.append(((i, position), CostReduction(
                    component: component.id, action: action, description: description, annualSavings: savings,
                    addedAnnualCost: added, netAnnualSavings: Format.round(savings - added, places: 2))))
            }
        }
        return found.sorted { ($0.reduction.netAnnualSavings, -$0.order.0, -$0.order.1) > ($1.reduction.netAnnualSavings, -$1.order.0, -$1.order.1) }
            .map(\.reduction)
    }

    /// The modification behind an action, or nil when it does not apply to the component.
    private static func change(_ action: Action, for component: Component, in model: InfrastructureModel) -> (Modification, String)? {
        switch action {
        case .addReplica:
            return (Modification(replicas: component.replicas + 1), "Add a replica to \(component.id) (\(component.replicas) -> \(component.replicas + 1))")
        case .enableFailover:
            guard !component.failover.enabled else { return nil }
            return (Modification(failover: true), "Enable failover to a standby for \(component.id)")
        case .addCircuitBreakers:
            let unprotected = model.dependencies.filter { $0.target == component.id && $0.isUnprotected }
            guard !unprotected.isEmpty else { return nil }
            let sources = unprotected.map(\.source).joined(separator: ", ")
            return (Modification(circuitBreaker: true), "Add circuit breakers with fallbacks on the calls from \(sources) to \(component.id)")
        }
    }
}
