/// How often a failure domain (a zone, a region) is lost as a whole, and for how long.
public struct DomainOutageRate: Equatable, Sendable {
    public var outagesPerYear: Double
    public var meanOutageHours: Double

    /// No outages (the neutral value the model writer compares against, so both keys are always written).
    public init() { self.init(outagesPerYear: 0, meanOutageHours: 0) }

    public init(outagesPerYear: Double, meanOutageHours: Double) {
        self.outagesPerYear = outagesPerYear
        self.meanOutageHours = meanOutageHours
    }

    /// Steady-state probability that the domain is out: `λr / (1 + λr)`, λ per hour and r in hours.
    public var unavailability: Double {
        let lr = outagesPerYear / AvailabilityModel.hoursPerYear * meanOutageHours
        return lr / (1 + lr)
    }
}

/// Outage rates of the model's failure domains: one rate for every zone, region, shared host and provider.
///
/// The defaults are assumptions of the order of magnitude that public cloud post-event summaries show
/// (a large provider's busiest region has had a multi-hour regional event about every two years; single
/// zones lose power or cooling somewhat more often, for shorter): override them with what your provider
/// and history say. `docs/reliability-model.md` gives the reasoning.
public struct FailureDomainSettings: Equatable, Sendable {
    public static let defaultZone = DomainOutageRate(outagesPerYear: 0.5, meanOutageHours: 2)
    public static let defaultRegion = DomainOutageRate(outagesPerYear: 0.5, meanOutageHours: 6)
    public static let defaultHost = DomainOutageRate(outagesPerYear: 1, meanOutageHours: 1)
    public static let defaultProvider = DomainOutageRate(outagesPerYear: 0.2, meanOutageHours: 4)

    public var zone = defaultZone
    public var region = defaultRegion
    /// A machine that several components share (`host`), lost with all of them.
    public var host = defaultHost
    /// A third-party provider that several external services share (`provider`).
    public var provider = defaultProvider
    public init() {}

    /// The rate of a kind of domain.
    public func rate(_ kind: FailureDomain.Kind) -> DomainOutageRate {
        switch kind {
        case .zone: return zone
        case .region: return region
        case .host: return host
        case .provider: return provider
        }
    }
}

/// A failure domain: every component placed in it is lost while it is out.
public struct FailureDomain: Hashable, Sendable, Comparable {
    public enum Kind: String, Sendable, Comparable {
        case zone, region, host, provider
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public static func < (a: FailureDomain, b: FailureDomain) -> Bool { (a.kind, a.name) < (b.kind, b.name) }

    /// `zone:us-east-1a`, `region:us-east-1`.
    public var label: String { "\(kind.rawValue):\(name)" }

    /// The domains of a place given by a zone and a region (either may be empty: undeclared placement
    /// adds no common-cause event).
    public static func of(zone: String, region: String) -> [FailureDomain] {
        var result: [FailureDomain] = []
        if !zone.isEmpty { result.append(FailureDomain(.zone, zone)) }
        if !region.isEmpty { result.append(FailureDomain(.region, region)) }
        return result
    }
}

extension Component {
    /// Where the primary instances run: zone, region and provider (a shared host is added by `FaultTree`).
    public var primaryDomains: [FailureDomain] {
        FailureDomain.of(zone: region.availabilityZone, region: region.region) + providerDomain
    }

    private var providerDomain: [FailureDomain] { provider.isEmpty ? [] : [FailureDomain(.provider, provider)] }

    /// Where the failover standby runs: its declared zone and region; else the DR target region
    /// (`region.dr_target_region`), else the primary's region and zone (a zone outage then takes both).
    public var standbyDomains: [FailureDomain] {
        let declaredRegion = !failover.standbyRegion.isEmpty ? failover.standbyRegion : region.drTargetRegion
        let standbyRegion = declaredRegion.isEmpty ? region.region : declaredRegion
        let standbyZone: String
        if !failover.standbyZone.isEmpty { standbyZone = failover.standbyZone }
        else if standbyRegion == region.region { standbyZone = region.availabilityZone }
        else { standbyZone = "" }
        return FailureDomain.of(zone: standbyZone, region: standbyRegion) + providerDomain
    }
}
