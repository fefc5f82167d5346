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
    /// Entry-point revenue per hour its whole loss takes away: the revenue of the entry points it takes
    /// down, plus the degraded share of those it degrades.
    public var revenueAtRiskPerHour: Double
    /// Its share of the entry points' lost revenue (structure function), plus the degraded share of the
    /// revenue of the entry points it degrades, for its own downtime.
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

/// Revenue lost to one failure domain's outages (a zone, region, host or provider).
public struct DomainCost: Codable, Sendable, Equatable {
    /// `kind:name`, as in the availability report.
    public var domain: String
    public var annualRevenueLoss: Double
    public var percentageOfTotal: Double
}

/// One entry point's revenue and what its downtime loses.
public struct EntryRevenue: Codable, Sendable, Equatable {
    public var component: String
    public var revenuePerHour: Double
    /// Its downtime from the reliability model, in minutes a year (2 decimals).
    public var annualDowntimeMinutes: Double
    public var annualRevenueLoss: Double
}

/// Where the revenue per entry point comes from.
public enum RevenueSource: String, Codable, Sendable {
    /// `revenue_per_hour` in the request, spread over the entry points by `entry_point.weight`.
    case request
    /// `cost_profile.revenue_per_minute` declared on the entry points.
    case declared
    /// No revenue in the request or on the entry points: `CostAttribution.defaultRevenuePerHour`, spread by weight.
    case `default`
}

/// A degraded-revenue share outside 0…1.
public struct InvalidDegradedShareError: Error, Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public var description: String { "degraded_revenue_share must be from 0 to 1, got \(value)" }
}

/// Failure cost attribution: what failures are expected to cost per year, per component, failure domain
/// and team. The rules (`docs/reliability-model.md`, "Cost of failures"):
///
/// - **Revenue lives at the entry points**, counted once each: the request's `revenue_per_hour` spread
///   over them by `entry_point.weight`; without it, the `cost_profile.revenue_per_minute × 60` declared on
///   the entry points; without either, `defaultRevenuePerHour` spread by weight (`revenue_source` says
///   which). Revenue declared on other components is not added again (a note names them).
/// - **Downtime revenue loss** of entry point e: `R_e × U_e ×` hours a year, with `U_e` its unavailability
///   from the reliability model. It is shared along the structure function: the switchover part to the
///   failover components whose switchover it is, the rest over the basic events in proportion to their
///   Fussell–Vesely importance (normalised to sum to 1), so each event gets the share of the downtime in
///   which it is among the failed events. An event belongs to a component (its instances, standby or
///   external service) or to a failure domain (`domains`). When an entry point was sampled (Monte Carlo)
///   its event shares are not known, and its loss is counted in the total as `unattributed`.
/// - **Degraded revenue**: while a component is down and its loss degrades or overloads an entry point
///   without taking it down (a fallback serving, an asynchronous consumer behind), that entry point loses
///   `degraded_revenue_share` (default `defaultDegradedShare`) of its revenue, for the component's own
///   downtime `(1 − a) ×` hours a year.
/// - **SLA credits** = `f × sla_credit_percent / 100 × monthly_contract_value` (a credit per outage) and
///   **recovery cost** = `f ×` MTTR hours `× recovery_team_size × recovery_engineer_cost`, with `f` the
///   component's whole outages a year.
/// `hourly_infra_cost` is a running cost, used only to price the opportunities; `customer_ltv`,
/// `churn_rate_per_hour_outage` and `data_loss_cost_per_gb` need a customer count and an amount of lost
/// data the model does not have, so they are not used. Teams come from `ownerOrUnassigned`, in order of
/// first appearance. Money is rounded to cents, totals from unrounded figures. Opportunities: see
/// `CostReduction`.
public struct CostAttribution: Codable, Sendable, Equatable {
    public static let defaultRevenuePerHour = 10_000.0
    public static let defaultDegradedShare = 0.3

    /// The entry points' revenue per hour in all.
    public var revenuePerHour: Double
    public var revenueSource: RevenueSource
    public var degradedRevenueShare: Double
    public var totalAnnualCostAtRisk: Double
    /// Lost revenue of sampled entry points, which cannot be shared among events.
    public var unattributedAnnualRevenueLoss: Double
    public var entryPoints: [EntryRevenue]
    public var components: [ComponentCost]
    public var domains: [DomainCost]
    public var teams: [TeamCost]
    public var costReductionOpportunities: [CostReduction]
    /// What the figures assumed or left out, in words.
    public var notes: [String]

    /// `revenuePerHour` nil: declared at the entry points, else the default (see the rules above).
    public init(_ assessment: Assessment, revenuePerHour: Double? = nil, degradedRevenueShare: Double = defaultDegradedShare) throws {
        if let revenuePerHour, !(revenuePerHour.isFinite && revenuePerHour >= 0) { throw InvalidRevenueError(value: revenuePerHour) }
        guard (0...1).contains(degradedRevenueShare) else { throw InvalidDegradedShareError(value: degradedRevenueShare) }
        let revenue = Revenue(assessment.graph, requested: revenuePerHour, degradedShare: degradedRevenueShare)
        let breakdown = CostBreakdown(assessment, revenue)
        let total = breakdown.total
        let percent = { (value: Double) in total > 0 ? Format.round(100 * value / total, places: 2) : 0 }
        let model = assessment.model
        self.revenuePerHour = Format.round(revenue.perEntry.reduce(0, +), places: 2)
        revenueSource = revenue.source
        self.degradedRevenueShare = degradedRevenueShare
        totalAnnualCostAtRisk = Format.round(total, places: 2)
        unattributedAnnualRevenueLoss = Format.round(breakdown.unattributed, places: 2)
        entryPoints = zip(assessment.availability.reliability.entries, revenue.perEntry).map { entry, rate in
            EntryRevenue(component: model.components[entry.entry].id, revenuePerHour: Format.round(rate, places: 2),
                         annualDowntimeMinutes: Format.round(entry.unavailability * AvailabilityModel.minutesPerYear, places: 2),
                         annualRevenueLoss: Format.round(rate * entry.unavailability * AvailabilityModel.hoursPerYear, places: 2))
        }
        let figures = breakdown.components
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
        domains = breakdown.domains.map { DomainCost(domain: $0.domain, annualRevenueLoss: Format.round($0.loss, places: 2), percentageOfTotal: percent($0.loss)) }
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
        costReductionOpportunities = CostReduction.opportunities(assessment, breakdown, revenue)
        notes = revenue.notes(model) + (breakdown.unattributed > 0
            ? ["Some entry points were sampled (Monte Carlo): their lost revenue is in the total as unattributed, not shared among components."] : [])
    }
}

/// The revenue of each entry point (in `graph.entryPoints` order) and where it came from.
struct Revenue: Sendable {
    let perEntry: [Double]
    let source: RevenueSource
    let degradedShare: Double
    /// Each component's entry-point position, or nil.
    let position: [Int?]

    init(_ graph: CompiledGraph, requested: Double?, degradedShare: Double) {
        let entries = graph.entryPoints.map(Int.init)
        let declared = entries.map { graph.model.components[$0].costProfile.revenuePerMinute * 60 }
        func spread(_ total: Double) -> [Double] {
            let weights = entries.map { graph.entryWeight[$0] }
            let sum = weights.reduce(0, +)
            return weights.map { sum > 0 ? total * $0 / sum : total / Double(max(1, entries.count)) }
        }
        if let requested {
            (perEntry, source) = (spread(requested), .request)
        } else if declared.contains(where: { $0 > 0 }) {
            (perEntry, source) = (declared, .declared)
        } else {
            (perEntry, source) = (spread(CostAttribution.defaultRevenuePerHour), .default)
        }
        self.degradedShare = degradedShare
        var position = [Int?](repeating: nil, count: graph.count)
        for (k, e) in entries.enumerated() { position[e] = k }
        self.position = position
    }

    /// What the revenue rule assumed or left out.
    func notes(_ model: InfrastructureModel) -> [String] {
        let elsewhere = model.components.indices.filter { position[$0] == nil && model.components[$0].costProfile.revenuePerMinute > 0 }
        var notes: [String] = []
        if !elsewhere.isEmpty {
            let names = elsewhere.prefix(10).map { "'\(model.components[$0].id)'" }.joined(separator: ", ")
            notes.append("revenue_per_minute declared on \(names)\(elsewhere.count > 10 ? " and \(elsewhere.count - 10) more" : "") is not added: they are not entry points, and revenue is counted once, where users enter.")
        }
        switch source {
        case .request: notes.append("Revenue: the request's revenue_per_hour, spread over the entry points by entry_point.weight.")
        case .declared: notes.append("Revenue: the revenue_per_minute declared on the entry points (no revenue_per_hour in the request).")
        case .default: notes.append("Revenue: no revenue_per_hour in the request and none declared on an entry point, so the default \(Format.number(CostAttribution.defaultRevenuePerHour)) per hour, spread by entry_point.weight.")
        }
        notes.append("A degraded or overloaded entry point loses \(Format.percent(degradedShare * 100)) of its revenue (degraded_revenue_share).")
        return notes
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
}

/// Every cost of one model, unrounded: per component, per failure domain and unattributed.
struct CostBreakdown: Sendable {
    var components: [CostFigures]
    var domains: [(domain: String, loss: Double)]
    var unattributed: Double
    var total: Double { components.reduce(0) { $0 + $1.total } + domains.reduce(0) { $0 + $1.loss } + unattributed }

    init(_ assessment: Assessment, _ revenue: Revenue) {
        let loss = LossImpact(assessment)
        let availability = assessment.availability
        let tree = availability.reliability.tree
        var structural = [Double](repeating: 0, count: assessment.graph.count)
        var domainLoss: [String: Double] = [:], domainOrder: [String] = []
        var unattributed = 0.0
        for (entry, rate) in zip(availability.reliability.entries, revenue.perEntry) where entry.unavailability > 0 {
            let lost = rate * entry.unavailability * AvailabilityModel.hoursPerYear
            for part in entry.switchoverByComponent { structural[part.component] += lost * part.unavailability / entry.unavailability }
            let events = lost * max(0, entry.unavailability - entry.switchoverUnavailability) / entry.unavailability
            let importance = entry.contributions.reduce(0) { $0 + $1.fussellVesely }
            guard importance > 0 else { unattributed += events; continue }
            for contribution in entry.contributions {
                let share = events * contribution.fussellVesely / importance
                switch tree.events[Int(contribution.event)].kind {
                case .instances(let c, _, _), .external(let c), .standby(let c): structural[c] += share
                case .domain(let domain):
                    if domainLoss[domain.label] == nil { domainOrder.append(domain.label) }
                    domainLoss[domain.label, default: 0] += share
                }
            }
        }
        components = assessment.model.components.enumerated().map { i, component in
            let outages = availability.outagesPerYear[i]
            let downHours = (1 - availability.component[i]) * AvailabilityModel.hoursPerYear
            var atRisk = 0.0, degraded = 0.0
            for effect in loss.entryEffects[i] {
                guard let k = revenue.position[effect.entry] else { continue }
                if effect.health == .down { atRisk += revenue.perEntry[k] } else { degraded += revenue.perEntry[k] * revenue.degradedShare }
            }
            let cost = component.costProfile
            return CostFigures(
                outagesPerYear: outages, failureProbability: availability.likelihood(of: i), downtimeMinutes: downHours * 60,
                blastRadius: loss.blastRadius[i], entryImpact: loss.entryImpact[i], revenuePerHour: atRisk + degraded,
                revenueLoss: structural[i] + downHours * degraded,
                slaCredits: outages * cost.slaCreditPercent / 100 * cost.monthlyContractValue,
                recoveryCost: outages * component.operationalProfile.mttrMinutes / 60 * Double(cost.recoveryTeamSize) * cost.recoveryEngineerCost)
        }
        domains = domainOrder.map { ($0, domainLoss[$0]!) }
        self.unattributed = unattributed
    }
}
