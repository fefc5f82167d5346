import Foundation

/// Availability figures of the model, from the one reliability model (`ReliabilityModel`): each entry
/// point's structure function over its components' own failures (k of n instances from capacity),
/// failover standbys, redundancy groups, fallbacks and zone and region outages as common causes.
public struct AvailabilityModel: Sendable {
    public static let hoursPerYear = 8766.0
    public static let minutesPerYear = hoursPerYear * 60

    /// Default mean time between failures of one instance, in hours, when `mtbf_hours` is 0.
    public static func defaultMTBFHours(for type: ComponentType) -> Double {
        switch type {
        case .loadBalancer, .storage: return 8760
        case .database: return 4320
        case .cache: return 1440
        case .dns: return 43800
        case .externalAPI, .llmEndpoint: return 2160
        default: return 2160
        }
    }

    public let reliability: ReliabilityModel
    /// Availability of each component on its own (its instances and standby, without domains or dependencies).
    public let component: [Double]
    /// Whole-component outages per year (more instances lost than the rest can carry, standby included).
    public let outagesPerYear: [Double]

    public init(graph: CompiledGraph) {
        self.init(reliability: ReliabilityModel(graph: graph))
    }

    public init(reliability: ReliabilityModel) {
        self.reliability = reliability
        let tree = reliability.tree
        var availability: [Double] = [], outages: [Double] = []
        for (i, component) in tree.graph.model.components.enumerated() {
            let own = tree.events[Int(tree.componentEvent[i])]
            let standby = tree.standbyEvent[i]
            guard standby >= 0 else {
                availability.append(1 - own.probability)
                outages.append(own.frequencyPerYear)
                continue
            }
            let spare = tree.events[Int(standby)]
            let switchover = Self.switchoverUnavailability(outagesPerYear: own.frequencyPerYear, of: component)
            availability.append(1 - min(1, own.probability * spare.probability + switchover))
            outages.append(own.frequencyPerYear * spare.probability + spare.frequencyPerYear * own.probability)
        }
        component = availability
        outagesPerYear = outages
    }

    /// Availability of each entry point (common causes and switchovers included).
    public var entryPoint: [(node: Int, availability: Double)] { reliability.entries.map { ($0.entry, $0.availability) } }

    /// The weakest entry point's availability: what every user can count on.
    public var overall: Double { reliability.weakest?.availability ?? 1 }

    /// The 95 % interval of `overall`: the lowest of the entry points' lower and upper ends (a point when
    /// every entry point is computed exactly).
    public var overallInterval: (low: Double, high: Double) {
        reliability.entries.reduce((1.0, 1.0)) { (min($0.0, $1.availabilityInterval.low), min($0.1, $1.availabilityInterval.high)) }
    }

    /// Share of the time spent switching over to a component's standby, `w × S`, for `outagesPerYear`
    /// outages of its primary side.
    public static func switchoverUnavailability(outagesPerYear: Double, of component: Component) -> Double {
        outagesPerYear * component.switchoverSeconds / 3600 / hoursPerYear
    }

    /// Annual probability of at least one whole-component outage.
    public func likelihood(of i: Int) -> Double { 1 - exp(-outagesPerYear[i]) }

    /// How often, per year, the components' whole outages overlap (all of them down at once):
    /// `Π qᵢ × Σ μᵢ`, with `qᵢ` each one's own unavailability and `μᵢ = wᵢ / qᵢ` the rate its outages
    /// end (for two: `λ₁λ₂(r₁ + r₂)`). For one component it is its outage rate.
    public func overlapRate(of components: [Int]) -> Double {
        var product = 1.0, ending = 0.0
        for i in components {
            let q = 1 - component[i]
            guard q > 0 else { return 0 }
            product *= q
            ending += outagesPerYear[i] / q
        }
        return product * ending
    }

    /// `-log10(1 - a)`, within 0…12 nines.
    public static func nines(_ a: Double) -> Double {
        a >= 1 ? 12 : max(0, min(12, -log10(1 - a)))
    }

    /// Expected minutes of downtime per year.
    public static func annualDowntimeMinutes(_ a: Double) -> Double { (1 - a) * minutesPerYear }
}
