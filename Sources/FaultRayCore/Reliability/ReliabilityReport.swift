/// A basic event as the API and CLI describe it.
public struct EventDescription: Encodable, Sendable, Equatable {
    /// `instances`, `external`, `standby`, `zone`, `region`, `host` or `provider`.
    public var kind: String
    public var component: String?
    /// For `instances`: how many instances are lost at once, of how many.
    public var instances: Int?
    public var of: Int?
    /// For `zone`, `region`, `host` and `provider`: its name.
    public var domain: String?
    /// Steady-state probability that the event is in force.
    public var probability: Double
    /// A readable name (`order-service: 1 of 2 instances`, `region us-east-1`).
    public var label: String

    init(_ tree: FaultTree, _ e: Int32) {
        let event = tree.events[Int(e)], components = tree.graph.model.components
        probability = event.probability
        switch event.kind {
        case .instances(let c, let r, let n):
            kind = "instances"; component = components[c].id; instances = r; of = n
            label = n == 1 ? components[c].id : "\(components[c].id): \(r) of \(n) instances"
        case .external(let c):
            kind = "external"; component = components[c].id; label = "\(components[c].id) (external SLA)"
        case .standby(let c):
            kind = "standby"; component = components[c].id; label = "\(components[c].id) standby"
        case .domain(let d):
            kind = d.kind.rawValue; domain = d.name; label = "\(d.kind.rawValue) \(d.name)"
        }
    }
}

/// One event's importance for an entry point.
public struct EventImportance: Encodable, Sendable {
    public var event: EventDescription
    public var birnbaum: Double
    public var fussellVesely: Double
}

/// Availability figures with their 95 % interval.
public struct AvailabilityRange: Encodable, Sendable {
    public var lowPercent: Double
    public var highPercent: Double
}

/// One entry point's availability: with common causes (the figure), independent-only, fully working.
public struct EntryPointReliability: Encodable, Sendable {
    public var entry: String
    public var weight: Double
    public var critical: Bool
    public var availability: AvailabilityFigures
    public var interval: AvailabilityRange
    public var independent: AvailabilityFigures
    public var fullyWorking: AvailabilityFigures
    public var switchoverMinutesPerYear: Double
    /// `exact` or `monte_carlo`.
    public var method: String
    public var samples: Int?
    public var topContributors: [EventImportance]
}

/// `GET /api/availability` and `faultray availability`: every entry point's availability.
public struct AvailabilityReport: Encodable, Sendable {
    public var entryPoints: [EntryPointReliability]
    /// The weakest entry point's id.
    public var weakest: String?
    public var overall: AvailabilityFigures
    public var zoneOutage: DomainRateFigures
    public var regionOutage: DomainRateFigures
    /// Components with neither zone nor region: no common-cause event is counted for them.
    public var unplacedComponents: [String]
    public var note: String

    public init(_ reliability: ReliabilityModel, contributors: Int = 5) {
        let tree = reliability.tree, components = tree.graph.model.components
        entryPoints = reliability.entries.map { entry in
            let component = components[entry.entry]
            let interval = entry.availabilityInterval
            var method = "exact", samples: Int?
            if case .monteCarlo(let n, _, _) = entry.method { method = "monte_carlo"; samples = n }
            return EntryPointReliability(
                entry: component.id, weight: component.entryPoint.weight, critical: component.entryPoint.critical,
                availability: AvailabilityFigures(availability: entry.availability),
                interval: AvailabilityRange(lowPercent: Format.round(interval.low * 100, places: 6), highPercent: Format.round(interval.high * 100, places: 6)),
                independent: AvailabilityFigures(availability: 1 - entry.independentUnavailability),
                fullyWorking: AvailabilityFigures(availability: 1 - entry.fullyWorkingUnavailability),
                switchoverMinutesPerYear: Format.round(entry.switchoverUnavailability * AvailabilityModel.minutesPerYear, places: 2),
                method: method, samples: samples,
                // Events below a ten-thousandth of the downtime are not worth naming.
                topContributors: entry.contributions.prefix { $0.fussellVesely >= 1e-4 }.prefix(contributors).map {
                    EventImportance(event: EventDescription(tree, $0.event), birnbaum: $0.birnbaum, fussellVesely: Format.round($0.fussellVesely, places: 6))
                })
        }
        let weakest = reliability.weakest
        self.weakest = weakest.map { components[$0.entry].id }
        overall = AvailabilityFigures(availability: weakest?.availability ?? 1)
        zoneOutage = DomainRateFigures(tree.graph.model.failureDomains.zone)
        regionOutage = DomainRateFigures(tree.graph.model.failureDomains.region)
        unplacedComponents = components.filter { $0.region.region.isEmpty && $0.region.availabilityZone.isEmpty }.map(\.id)
        note = "Availability counts zone and region outages as common causes (independent: without them); fully working: every requires "
            + "dependency needed, fallbacks included. See docs/reliability-model.md."
    }
}

/// A failure domain's outage rate as reported.
public struct DomainRateFigures: Encodable, Sendable {
    public var outagesPerYear: Double
    public var meanOutageHours: Double
    public var unavailability: Double

    init(_ rate: DomainOutageRate) {
        outagesPerYear = rate.outagesPerYear
        meanOutageHours = rate.meanOutageHours
        unavailability = rate.unavailability
    }
}

/// One minimal cut set as reported.
public struct CutSetFigures: Encodable, Sendable {
    public var order: Int
    public var events: [EventDescription]
    public var probability: Double
    /// How often these events are in force together, per year.
    public var frequencyPerYear: Double
}

/// `GET /api/cut-sets` and `faultray cut-sets`: an entry point's minimal cut sets up to an order, with
/// each event's importance.
public struct CutSetReport: Encodable, Sendable {
    public static let orderRange = 1...4
    public static let listLimit = 1000

    public var entry: String
    public var maxOrder: Int
    /// How many minimal cut sets of each order (index 0 = order 1).
    public var countsByOrder: [Int]
    public var total: Int
    /// Whether only the first `listLimit` are listed, most probable first.
    public var listed: Int
    /// Whether combining stopped at the finder's limit (then some sets of the highest order are missing).
    public var truncated: Bool
    public var cutSets: [CutSetFigures]
    /// Events by Fussell–Vesely importance for this entry point (the first `listLimit`).
    public var importance: [EventImportance]

    public init(_ reliability: ReliabilityModel, entry: Int, maxOrder: Int) {
        let tree = reliability.tree
        var finder = CutSetFinder(tree: tree, maxOrder: maxOrder)
        let sets = finder.cutSets(of: tree.componentNode[entry])
        self.entry = tree.graph.model.components[entry].id
        self.maxOrder = maxOrder
        countsByOrder = (1...maxOrder).map { order in sets.filter { $0.order == order }.count }
        total = sets.count
        truncated = finder.truncated
        cutSets = sets.prefix(Self.listLimit).map { set in
            CutSetFigures(order: set.order, events: set.events.map { EventDescription(tree, $0) },
                          probability: set.probability, frequencyPerYear: set.frequencyPerYear)
        }
        listed = cutSets.count
        importance = (reliability.entries.first { $0.entry == entry }?.contributions ?? []).prefix(Self.listLimit).map {
            EventImportance(event: EventDescription(tree, $0.event), birnbaum: $0.birnbaum, fussellVesely: Format.round($0.fussellVesely, places: 6))
        }
    }
}
