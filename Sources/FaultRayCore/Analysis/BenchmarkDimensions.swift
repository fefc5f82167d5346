import Foundation

/// The five dimensions an industry benchmark compares, each on 0–100, higher is better.
public enum BenchmarkDimension: String, CaseIterable, Codable, Sendable {
    case resilience, redundancy, isolation, recovery, diversity

    /// The name shown to people.
    public var label: String { rawValue.capitalized }
}

/// One value per benchmark dimension (encoded as an object keyed by dimension name).
public struct PerDimension<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var resilience: Value
    public var redundancy: Value
    public var isolation: Value
    public var recovery: Value
    public var diversity: Value

    public init(_ value: (BenchmarkDimension) -> Value) {
        resilience = value(.resilience)
        redundancy = value(.redundancy)
        isolation = value(.isolation)
        recovery = value(.recovery)
        diversity = value(.diversity)
    }

    public subscript(_ dimension: BenchmarkDimension) -> Value {
        switch dimension {
        case .resilience: return resilience
        case .redundancy: return redundancy
        case .isolation: return isolation
        case .recovery: return recovery
        case .diversity: return diversity
        }
    }
}

/// A model's own benchmark dimensions, each 0–100 and rounded to one decimal:
///
/// - **resilience**: the resilience score.
/// - **redundancy**: share of components with at least two replicas or failover enabled.
/// - **isolation**: share of dependencies that are not unprotected (`Dependency.isUnprotected`):
///   optional, async, or protected by a circuit breaker or a fallback. 100 when there are no dependencies (nothing to isolate).
/// - **recovery**: mean over components of how fast the component is back after it fails, from the
///   cascade engine's recovery time of its single failure (failover switchover, otherwise MTTR):
///   5 minutes or less scores 100, 4 hours or more scores 0, log-linear in between (halving the time
///   gains the same points anywhere in the range).
/// - **diversity**: spread over failure domains, the mean of the zone spread and the region spread.
///   The spread of a domain kind is `(1 − largest share) / (1 − 1/k)`, capped at 1, where the largest
///   share is the fraction of components in the most populated zone (or region) and `k` is the number
///   of domains that counts as fully spread: 3 zones, 2 regions. Components that do not name a zone (or
///   region) count as one more shared domain, since nothing shows they are apart.
///
/// An empty model scores 0 on every dimension.
public enum ModelDimensions {
    /// Recovery times that score 100 and 0, in minutes.
    public static let fastRecoveryMinutes = 5.0
    public static let slowRecoveryMinutes = 240.0
    /// How many zones and regions count as fully spread.
    public static let spreadZones = 3.0
    public static let spreadRegions = 2.0

    /// The dimensions of `assessment`; `singleFailures` are its components' single failures (`SingleFailures`).
    public static func of(_ assessment: Assessment, singleFailures: [CascadeResult]) -> PerDimension<Double> {
        let components = assessment.model.components
        guard !components.isEmpty else { return PerDimension { _ in 0 } }
        let dependencies = assessment.model.dependencies
        let redundant = components.filter { $0.replicas >= 2 || $0.failover.enabled }.count
        let isolated = dependencies.filter { !$0.isUnprotected }.count
        let recovery = singleFailures.reduce(0) { $0 + recoveryPoints(minutes: $1.recoveryTimeMinutes) } / Double(components.count)
        let zones = spread(components.map(\.region.availabilityZone), fullAt: spreadZones)
        let regions = spread(components.map(\.region.region), fullAt: spreadRegions)
        let values: [BenchmarkDimension: Double] = [
            .resilience: assessment.score.score,
            .redundancy: share(redundant, of: components.count),
            .isolation: dependencies.isEmpty ? 100 : share(isolated, of: dependencies.count),
            .recovery: recovery,
            .diversity: 100 * (zones + regions) / 2,
        ]
        return PerDimension { Format.round(values[$0] ?? 0, places: 1) }
    }

    /// Points (0–100) of one recovery time.
    static func recoveryPoints(minutes: Double) -> Double {
        guard minutes > fastRecoveryMinutes else { return 100 }
        let fraction = log(slowRecoveryMinutes / minutes) / log(slowRecoveryMinutes / fastRecoveryMinutes)
        return 100 * min(1, max(0, fraction))
    }

    /// Spread (0–1) of components over the domains named by `domains` (empty = undeclared).
    static func spread(_ domains: [String], fullAt k: Double) -> Double {
        var counts: [String: Int] = [:]
        for domain in domains { counts[domain, default: 0] += 1 }
        let largest = Double(counts.values.max() ?? 0) / Double(max(1, domains.count))
        return min(1, (1 - largest) / (1 - 1 / k))
    }

    private static func share(_ part: Int, of whole: Int) -> Double { 100 * Double(part) / Double(whole) }
}
