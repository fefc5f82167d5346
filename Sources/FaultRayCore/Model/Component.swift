/// One piece of infrastructure: a load balancer, a server, a database, an external API …
///
/// Every field has a default, so a model file only names what differs.
public struct Component: Equatable, Sendable {
    public var id: String
    public var name: String
    public var type: ComponentType = .custom
    public var description = ""
    public var host = ""
    public var port = 0
    public var replicas = 1
    /// Declared health; a component declared `down` starts every simulation down.
    public var health: Health = .healthy
    /// Owning team (`owner:`, or `team:` given as a plain name); empty means unassigned.
    public var owner = ""
    public var tags: [String] = []
    public var metrics = ResourceMetrics()
    public var capacity = Capacity()
    public var autoscaling = AutoscalingConfig()
    public var failover = FailoverConfig()
    public var cacheWarming = CacheWarmingConfig()
    public var singleflight = SingleflightConfig()
    public var sloTargets: [SLOTarget] = []
    public var externalSLA: ExternalSLA?
    public var costProfile = CostProfile()
    public var operationalProfile = OperationalProfile()
    public var region = RegionConfig()
    public var network = NetworkProfile()
    public var runtimeJitter = RuntimeJitter()
    public var security = SecurityProfile()
    public var complianceTags = ComplianceTags()
    /// On-call team characteristics (`team:` given as a mapping).
    public var team = OperationalTeam()
    public var parameters: [String: ParameterValue] = [:]
    /// Sets of dependencies of which at least `min_healthy` must work (a load balancer over pools, DNS over regions).
    public var redundancyGroups: [RedundancyGroup] = []
    /// How much this component counts when it is an entry point.
    public var entryPoint = EntryPointConfig()
    /// The third party behind an external service; services of one provider share its outages.
    public var provider = ""

    public init(id: String, name: String? = nil, type: ComponentType = .custom) {
        self.id = id
        self.name = name ?? id
        self.type = type
    }

    /// The owning team, or `unassigned`.
    public var ownerOrUnassigned: String { owner.isEmpty ? "unassigned" : owner }

    /// Load-bearing utilization in percent: the larger of the connection ratio and CPU. This is the load
    /// that surviving instances share when one is lost and that a traffic spike multiplies; disk and memory
    /// fill levels do not move with it.
    public var load: Double {
        var result = 0.0
        if capacity.maxConnections > 0 {
            result = Double(metrics.networkConnections) / Double(capacity.maxConnections) * 100
        }
        return max(result, metrics.cpuPercent)
    }

    /// Seconds from the failure until the standby serves: detection plus promotion. Health checks detect
    /// the failure after `health_check_interval_seconds × failover_threshold`; without them (an interval
    /// of 0) someone has to notice: the on-call team's acknowledge and diagnosis time.
    public var switchoverSeconds: Double {
        let detection = failover.healthCheckIntervalSeconds > 0
            ? failover.healthCheckIntervalSeconds * Double(failover.failoverThreshold)
            : (team.meanAcknowledgeTimeMinutes + team.meanDiagnosisTimeMinutes) * 60
        return failover.promotionTimeSeconds + detection
    }

    /// The component with `count` replicas carrying the same total load: per-instance CPU and connections
    /// scale by `replicas / count` (memory and disk fill levels stay as they are).
    public func withReplicas(_ count: Int) -> Component {
        var result = self
        let n = max(1, count)
        let scale = Double(replicas) / Double(n)
        result.replicas = n
        result.metrics.cpuPercent = metrics.cpuPercent * scale
        result.metrics.networkConnections = Int((Double(metrics.networkConnections) * scale).rounded(.up))
        return result
    }

    /// Utilization in percent: the largest of the connection ratio, CPU, memory and disk (the fullest
    /// resource, shown in the topology and risk levels; `load` is what capacity rules use).
    public var utilization: Double {
        var result = 0.0
        if capacity.maxConnections > 0 {
            result = Double(metrics.networkConnections) / Double(capacity.maxConnections) * 100
        }
        return max(result, metrics.cpuPercent, metrics.memoryPercent, metrics.diskPercent)
    }
}

/// A free-form parameter value (agent settings and the like).
public enum ParameterValue: Equatable, Sendable, Codable {
    case number(Double)
    case text(String)
    case flag(Bool)

    /// The value as a number (flags are 1 or 0), if it has one.
    public var number: Double? {
        switch self {
        case .number(let value): return value
        case .flag(let value): return value ? 1 : 0
        case .text(let value): return Double(value)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else { self = .text(try container.decode(String.self)) }
    }
}

public struct ResourceMetrics: Equatable, Sendable {
    public var cpuPercent = 0.0
    public var memoryPercent = 0.0
    public var memoryUsedMB = 0.0
    public var memoryTotalMB = 0.0
    public var diskPercent = 0.0
    public var diskUsedGB = 0.0
    public var diskTotalGB = 0.0
    public var networkConnections = 0
    public var openFiles = 0
    public init() {}
}

public struct Capacity: Equatable, Sendable {
    public var maxConnections = 1000
    public var maxRPS = 5000
    public var connectionPoolSize = 100
    public var maxMemoryMB = 8192.0
    public var maxDiskGB = 100.0
    public var timeoutSeconds = 30.0
    public var retryMultiplier = 3.0
    public init() {}
}

public struct AutoscalingConfig: Equatable, Sendable {
    public var enabled = false
    public var minReplicas = 1
    public var maxReplicas = 1
    public var scaleUpThreshold = 70.0
    public var scaleDownThreshold = 30.0
    public var scaleUpDelaySeconds = 15
    public var scaleDownDelaySeconds = 300
    public var scaleUpStep = 2
    public init() {}
}

public struct FailoverConfig: Equatable, Sendable {
    public var enabled = false
    public var promotionTimeSeconds = 30.0
    public var healthCheckIntervalSeconds = 10.0
    public var failoverThreshold = 3
    /// Zone of the standby; empty means the primary's zone (a zone outage then takes both).
    public var standbyZone = ""
    /// Region of the standby; empty means the primary's region.
    public var standbyRegion = ""
    public init() {}
}

public struct CacheWarmingConfig: Equatable, Sendable {
    public var enabled = false
    public var initialHitRatio = 0.0
    public var warmDurationSeconds = 300
    public var warmingCurve = "linear"
    public init() {}
}

public struct SingleflightConfig: Equatable, Sendable {
    public var enabled = false
    public var coalesceRatio = 0.8
    public init() {}
}

public struct SLOTarget: Equatable, Sendable {
    public var name = ""
    public var metric = "availability"
    public var target = 99.9
    public var unit = "percent"
    public var windowDays = 30
    public init() {}
}

public struct ExternalSLA: Equatable, Sendable {
    /// The provider's availability commitment in percent.
    public var providerSLA = 99.9
    public init() {}
}

public struct CostProfile: Equatable, Sendable {
    public var hourlyInfraCost = 0.0
    public var revenuePerMinute = 0.0
    public var slaCreditPercent = 0.0
    public var recoveryEngineerCost = 100.0
    public var monthlyContractValue = 0.0
    public var customerLTV = 0.0
    public var churnRatePerHourOutage = 0.001
    public var recoveryTeamSize = 0
    public var dataLossCostPerGB = 0.0
    public init() {}
}

public struct Degradation: Equatable, Sendable {
    public var memoryLeakMBPerHour = 0.0
    public var diskFillGBPerHour = 0.0
    public var connectionLeakPerHour = 0.0
    public init() {}
}

public struct OperationalProfile: Equatable, Sendable {
    /// Mean time between failures of one instance; 0 means "use the type's default".
    public var mtbfHours = 0.0
    public var mttrMinutes = 30.0
    public var deployDowntimeSeconds = 30.0
    public var maintenanceDowntimeMinutes = 60.0
    public var degradation = Degradation()
    public init() {}
}

public struct RegionConfig: Equatable, Sendable {
    public var region = ""
    public var availabilityZone = ""
    public var isPrimary = true
    public var drTargetRegion = ""
    public var rpoSeconds = 0
    public var rtoSeconds = 0
    public init() {}
}

public struct NetworkProfile: Equatable, Sendable {
    public var rttMs = 1.0
    public var packetLossRate = 0.0001
    public var jitterMs = 0.5
    public var dnsResolutionMs = 5.0
    public var tlsHandshakeMs = 10.0
    public init() {}
}

public struct RuntimeJitter: Equatable, Sendable {
    public var gcPauseMs = 0.0
    public var gcPauseFrequency = 0.0
    public var schedulingJitterMs = 0.1
    public init() {}
}

public struct SecurityProfile: Equatable, Sendable {
    public var encryptionAtRest = false
    public var encryptionInTransit = false
    public var wafProtected = false
    public var rateLimiting = false
    public var authRequired = false
    public var networkSegmented = false
    public var backupEnabled = false
    public var backupFrequencyHours = 24.0
    public var patchSLAHours = 72.0
    public var logEnabled = false
    public var idsMonitored = false
    public init() {}
}

public struct ComplianceTags: Equatable, Sendable {
    public var dataClassification = "internal"
    public var pciScope = false
    public var containsPII = false
    public var containsPHI = false
    public var auditLogging = false
    public var changeManagement = false
    public init() {}
}

public struct OperationalTeam: Equatable, Sendable {
    public var teamSize = 3
    public var oncallCoverageHours = 24.0
    public var timezoneCoverage = 1
    public var meanAcknowledgeTimeMinutes = 5.0
    public var meanDiagnosisTimeMinutes = 15.0
    public var runbookCoveragePercent = 50.0
    public var automationPercent = 20.0
    public init() {}
}

/// At least `minHealthy` of `members` (dependencies of the component) must work for the component to work.
public struct RedundancyGroup: Equatable, Sendable {
    public var name = ""
    public var minHealthy = 1
    public var members: [String] = []
    public init() {}
}

/// The weight of an entry point in risk and severity, and whether losing it is critical on its own.
public struct EntryPointConfig: Equatable, Sendable {
    /// Relative share of the traffic or revenue that enters here; entry points weigh 1 each by default.
    public var weight = 1.0
    /// Losing this entry point makes a scenario critical whatever else happens.
    public var critical = false
    public init() {}
}
