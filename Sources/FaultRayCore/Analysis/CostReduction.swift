/// A concrete change to one component and what it saves, recomputed on the changed model.
///
/// For the `candidateCount` components with the highest cost at risk (above zero, ties in model order)
/// the architecture advisor's changes are tried through `WhatIf.apply`: one more replica, and failover
/// if it is off — never on a third party (an external SLA cannot be raised), and never a circuit
/// breaker (it adds no availability). The changed model is assessed again and its total cost at risk
/// recomputed with the same revenue: `annualSavings` = total before − total after. A replica or a
/// failover standby adds one instance, priced at `hourly_infra_cost / replicas` for every hour of the
/// year (`addedAnnualCost`). Changes saving less than a cent are left out. Sorted by
/// `netAnnualSavings`, highest first (ties by component order, then change order).
public struct CostReduction: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case addReplica = "add_replica"
        case enableFailover = "enable_failover"
    }

    public static let candidateCount = 5

    public var component: String
    public var action: Action
    /// What to change, in words.
    public var description: String
    public var annualSavings: Double
    public var addedAnnualCost: Double
    public var netAnnualSavings: Double

    static func opportunities(_ assessment: Assessment, _ breakdown: CostBreakdown, _ revenue: Revenue) -> [CostReduction] {
        let model = assessment.model
        let figures = breakdown.components
        let before = breakdown.total
        let candidates = figures.indices.filter { figures[$0].total > 0 }
            .sorted { (figures[$0].total, -$0) > (figures[$1].total, -$1) }
            .prefix(candidateCount)
        var found: [(order: (Int, Int), reduction: CostReduction)] = []
        for i in candidates {
            let component = model.components[i]
            guard component.externalSLA == nil else { continue }
            for (position, action) in Action.allCases.enumerated() {
                guard let (change, description) = Self.change(action, for: component, in: model),
                      let changed = try? WhatIf.apply([(component.id, change)], to: model)
                else { continue }
                let after = CostBreakdown(Assessment(changed), revenue).total
                let savings = Format.round(before - after, places: 2)
                guard savings > 0 else { continue }
                let added = Format.round(component.costProfile.hourlyInfraCost / Double(component.replicas) * AvailabilityModel.hoursPerYear, places: 2)
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
        }
    }
}
