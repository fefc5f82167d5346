/// How an incident reaches a model.
public enum IncidentExposure: String, Codable, Sendable {
    /// An outage of a provider's service: only components hosted on, or using, that provider are exposed.
    case provider
    /// A failure inside one company's own platform: a replay applies the same failure pattern to the
    /// matching components of any model, whatever their provider.
    case pattern
}

public enum IncidentSeverity: String, Codable, Sendable {
    case critical, major
}

/// A real, publicly documented outage, as kept in `Data/incidents.json`.
public struct Incident: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// Lower-case provider or company: `aws`, `gcp`, `azure`, `cloudflare`, …
    public var provider: String
    public var exposure: IncidentExposure
    /// ISO-8601 calendar date on which it started.
    public var date: String
    /// How long customers were affected, in hours (the root cause says what the figure spans).
    public var durationHours: Double
    public var severity: IncidentSeverity
    /// Services that were unavailable: components matching them go down in a replay.
    public var affectedServices: [String]
    /// Services that kept running with errors or delays: components matching them degrade.
    public var impairedServices: [String]
    /// Regions hit; `global` means every region.
    public var affectedRegions: [String]
    public var rootCause: String
    public var lessonsLearned: [String]
    /// The operator's public post-mortem, or nil (written `null`) when none is known.
    @EncodedAsNull public var postMortemUrl: String?
    public var tags: [String]
    /// Other ids the incident is known by.
    public var aliases: [String]

    /// Whether every region was hit.
    public var isGlobal: Bool { affectedRegions.contains { $0.lowercased() == "global" } }

    /// Affected, then impaired services, in catalogue order.
    public var services: [String] { affectedServices + impairedServices }
}

/// A service name incidents use, and the component types that stand for it in a model.
public struct IncidentService: Codable, Sendable, Equatable {
    public var name: String
    /// The provider offering it; nil for a generic kind of service (`cdn`, `service_discovery`).
    public var provider: String?
    public var description: String
    /// Types a component is assumed to use the service by, when its tags name no service; empty means
    /// only tags can say a component uses it.
    public var componentTypes: [ComponentType]
}
