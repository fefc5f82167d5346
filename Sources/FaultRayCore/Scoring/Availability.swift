import Foundation

/// The one availability model: per component from MTBF and MTTR, replicas in parallel, failover as a
/// standby that shortens an outage to its switchover time, external SLAs as given; each entry point in series with the
/// components it `requires` (transitively, except through circuit breakers, which turn a loss into a
/// degradation).
///
/// Failures are treated as independent; shared hosts, zones and regions are covered by the
/// failure-domain scenarios of the full run, not by this figure.
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

    /// Availability of each component on its own.
    public let component: [Double]
    /// Whole-component outages per year (every instance lost at once).
    public let outagesPerYear: [Double]
    /// Availability of each entry point with everything it requires.
    public let entryPoint: [(node: Int, availability: Double)]

    public init(graph: CompiledGraph) {
        var availability: [Double] = [], outages: [Double] = []
        availability.reserveCapacity(graph.count)
        outages.reserveCapacity(graph.count)
        for component in graph.model.components {
            let (a, rate) = Self.evaluate(component)
            availability.append(a)
            outages.append(rate)
        }
        component = availability
        outagesPerYear = outages
        var seen = [Int](repeating: -1, count: graph.count)
        var stack: [Int] = []
        entryPoint = graph.entryPoints.map { entry in
            let start = Int(entry)
            var product = 1.0
            stack.append(start)
            seen[start] = start
            while let i = stack.popLast() {
                product *= availability[i]
                for (next, edge) in graph.dependenciesOf(i) where seen[next] != start {
                    let dependency = graph.dependency(edge)
                    guard dependency.type == .requires, !dependency.circuitBreaker.enabled else { continue }
                    seen[next] = start
                    stack.append(next)
                }
            }
            return (start, product)
        }
    }

    /// The weakest entry point's availability: what every user can count on.
    public var overall: Double { entryPoint.map(\.availability).min() ?? 1 }

    /// Availability and yearly whole-component outage rate of one component.
    public static func evaluate(_ component: Component) -> (availability: Double, outagesPerYear: Double) {
        let mttrHours = max(component.operationalProfile.mttrMinutes, 1) / 60
        if let sla = component.externalSLA {
            let a = sla.providerSLA / 100
            return (a, (1 - a) * hoursPerYear / mttrHours)
        }
        let mtbf = component.operationalProfile.mtbfHours > 0 ? component.operationalProfile.mtbfHours : defaultMTBFHours(for: component.type)
        let single = mttrHours / (mtbf + mttrHours)
        let replicas = Double(component.replicas)
        // Every replica down at once; such outages happen replicas / MTTR times per hour of that state.
        let allDown = pow(single, replicas)
        guard component.failover.enabled else {
            return (1 - allDown, allDown * replicas / mttrHours * hoursPerYear)
        }
        // A standby takes over: such an outage lasts the switchover instead of the repair, when that is shorter;
        // only losing the standby as well leaves the component down for its repair time.
        let switchoverHours = component.failover.switchoverSeconds / 3600
        let withStandby = pow(single, replicas + 1) + allDown * replicas / mttrHours * switchoverHours
        let unavailability = min(allDown, withStandby)
        return (1 - unavailability, pow(single, replicas + 1) * (replicas + 1) / mttrHours * hoursPerYear)
    }

    /// Annual probability of at least one whole-component outage.
    public func likelihood(of i: Int) -> Double { 1 - exp(-outagesPerYear[i]) }

    /// `-log10(1 - a)`, within 0…12 nines.
    public static func nines(_ a: Double) -> Double {
        a >= 1 ? 12 : max(0, min(12, -log10(1 - a)))
    }

    /// Expected minutes of downtime per year.
    public static func annualDowntimeMinutes(_ a: Double) -> Double { (1 - a) * minutesPerYear }
}
