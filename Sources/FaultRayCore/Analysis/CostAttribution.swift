/// A revenue that is negative, infinite or not a number.
public struct InvalidRevenueError: Error, Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public var description: String { "revenue_per_hour must be a finite number of at least 0, got \(value)" }
}

/// What one component's failures are expected to cost per year.
public struct ComponentCost: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// The owner, or `unassigned`.
    public var team: String
    /// Whole-component outages per year, from the availability model (4 decimals).
    public var outagesPerYear: Double
    /// Probability of at least one such outage in a year (6 decimals).
    public var annualFailureProbability: Double
    /// `(1 − availability) × minutes per year`, from the availability model (2 decimals).
    public var expectedAnnualDowntimeMinutes: Double
    /// Share of components its loss reaches (3 decimals).
    public var blastRadius: Double
    /// Share of the entry points' service its loss takes away (3 decimals).
    public var entryPointImpact: Double
    /// Revenue lost per hour while it is down.
    public var revenueAtRiskPerHour: Double
    /// Downtime hours × revenue at risk per hour.
    public var revenueLoss: Double
    public var slaCredits: Double
    public var recoveryCost: Double
    /// Revenue loss + SLA credits + recovery cost.
    public var annualCostAtRisk: Double
    /// Share of the model's total, in percent (2 decimals).
    public var percentageOfTotal: Double
}

/// The cost at risk owned by one team.
public struct TeamCost: Codable, Sendable, Equatable {
    public var name: String
    /// Component ids, in model order.
    public var components: [String]
    public var annualCostAtRisk: Double
    public var percentageOfTotal: Double
    /// The team's component with the highest cost at risk (ties in model order).
    public var highestRiskComponent: String
}

/// Failure cost attribution: the expected yearly cost of each component's failures, per team.
///
/// Per component, with `a` its availability and `f` its whole-component outages per year (both from
/// `AvailabilityModel`) and `loss` what the cascade engine says losing it does (`LossImpact`):
/// - expected annual downtime = `(1 − a) ×` minutes per year;
/// - revenue at risk per hour = the larger of `revenuePerHour × entry-point impact` (the share of the
///   service its loss takes from users: down entry points count 1, degraded 0.3) and the
///   `cost_profile.revenue_per_minute × 60` declared by the components its loss reaches, weighted the
///   same way. Declared streams are part of the service's revenue, so the two are not added;
/// - revenue loss = downtime hours × revenue at risk per hour;
/// - SLA credits = `f × sla_credit_percent / 100 × monthly_contract_value` (a credit per outage);
/// - recovery cost = `f ×` MTTR hours `× recovery_team_size × recovery_engineer_cost` (per engineer-hour);
/// - annual cost at risk = revenue loss + SLA credits + recovery cost.
/// `hourly_infra_cost` is a running cost, used only to price the opportunities; `customer_ltv`,
/// `churn_rate_per_hour_outage` and `data_loss_cost_per_gb` need a customer count and an amount of lost
/// data the model does not have, so they are not used.
///
/// Teams come from `ownerOrUnassigned`, in order of first appearance. Money is rounded to cents,
/// totals from unrounded figures. Opportunities: see `CostReduction`.
public struct CostAttribution: Codable, Sendable, Equatable {
    public var revenuePerHour: Double
    public var totalAnnualCostAtRisk: Double
    public var components: [ComponentCost]
    public var teams: [TeamCost]
    public var costReductionOpportunities: [CostReduction]

    public init(_ assessment: Assessment, revenuePerHour: Double) throws {
        guard revenuePerHour.isFinite, revenuePerHour >= 0 else { throw InvalidRevenueError(value: revenuePerHour) }
        let figures = CostFigures.compute(assessment, revenuePerHour: revenuePerHour)
        let total = CostFigures.total(figures)
        let percent = { (value: Double) in total > 0 ? Format.round(100 * value / total, places: 2) : 0 }
        let model = assessment.model
        self.revenuePerHour = revenuePerHour
        totalAnnualCostAtRisk = Format.round(total, places: 2)
        components = zip(model.components, figures).map { component, f in
            ComponentCost(
                id: component.id, name: component.name, team: component.ownerOrUnassigned,
                outagesPerYear: Format.round(f.outagesPerYear, places: 4),
                annualFailureProbability: Format.round(f.failureProbability, places: 6),
                expectedAnnualDowntimeMinutes: Format.round(f.downtimeMinutes, places: 2),
                blastRadius: Format.round(f.blastRadius, places: 3),
                entryPointImpact: Format.round(f.entryImpact, places: 3),
                revenueAtRiskPerHour: Format.round(f.revenuePerHour, places: 2),
                revenueLoss: Format.round(f.revenueLoss, places: 2),
                slaCredits: Format.round(f.slaCredits, places: 2),
                recoveryCost: Format.round(f.recoveryCost, places: 2),
                annualCostAtRisk: Format.round(f.total, places: 2),
                percentageOfTotal: percent(f.total))
        }
        var teams: [TeamCost] = []
        var teamTotals: [Double] = []
        var best: [Double] = []
        for (component, f) in zip(model.components, figures) {
            let name = component.ownerOrUnassigned
            guard let t = teams.firstIndex(where: { $0.name == name }) else {
                teams.append(TeamCost(name: name, components: [component.id], annualCostAtRisk: 0, percentageOfTotal: 0, highestRiskComponent: component.id))
                teamTotals.append(f.total)
                best.append(f.total)
                continue
            }
            teams[t].components.append(component.id)
            teamTotals[t] += f.total
            if f.total > best[t] { best[t] = f.total; teams[t].highestRiskComponent = component.id }
        }
        for t in teams.indices {
            teams[t].annualCostAtRisk = Format.round(teamTotals[t], places: 2)
            teams[t].percentageOfTotal = percent(teamTotals[t])
        }
        self.teams = teams
        costReductionOpportunities = CostReduction.opportunities(assessment, figures, revenuePerHour: revenuePerHour)
    }
}

/// Unrounded cost figures of one component (see `CostAttribution` for the rules).
struct CostFigures: Sendable {
    var outagesPerYear: Double
    var failureProbability: Double
    var downtimeMinutes: Double
    var blastRadius: Double
    var entryImpact: Double
    var revenuePerHour: Double
    var revenueLoss: Double
    var slaCredits: Double
    var recoveryCost: Double
    var total: Double { revenueLoss + slaCredits + recoveryCost }

    static func compute(_ assessment: Assessment, revenuePerHour: Double) -> [CostFigures] {
        let loss = LossImpact(assessment)
        let availability = assessment.availability
        return assessment.model.components.enumerated().map { i, component in
            let outages = availability.outagesPerYear[i]
            let downtime = AvailabilityModel.annualDowntimeMinutes(availability.component[i])
            let atRisk = max(revenuePerHour * loss.entryImpact[i], loss.declaredRevenuePerHour[i])
            let cost = component.costProfile
            return CostFigures(
                outagesPerYear: outages, failureProbability: availability.likelihood(of: i), downtimeMinutes: downtime,
                blastRadius: loss.blastRadius[i], entryImpact: loss.entryImpact[i], revenuePerHour: atRisk,
                revenueLoss: downtime / 60 * atRisk,
                slaCredits: outages * cost.slaCreditPercent / 100 * cost.monthlyContractValue,
                recoveryCost: outages * component.operationalProfile.mttrMinutes / 60 * Double(cost.recoveryTeamSize) * cost.recoveryEngineerCost)
        }
    }

    static func total(_ figures: [CostFigures]) -> Double { figures.reduce(0) { $0 + $1.total } }
}
