/// What goes wrong in a scenario.
public enum FaultKind: Equatable, Hashable, Sendable {
    /// The whole component stops (every replica).
    case componentDown
    /// One instance of the component is lost; the others take its load.
    case instanceFailure
    /// Responses become `multiplier` times slower (size unknown: the target is degraded).
    case latencySpike(multiplier: Double)
    /// Every response of the target takes `ms` milliseconds longer; each caller compares that with its
    /// timeout (`CascadeRules.call`).
    case addedLatency(ms: Double)
    /// Every instance stops answering but keeps its connections open (a stopped process): callers
    /// notice only after their timeout, unlike `componentDown` (a crash: connections refused at once).
    case hang
    case cpuSaturation
    case memoryExhaustion
    case diskFull
    case connectionPoolExhaustion
    /// Dependents cannot reach the component.
    case networkPartition
    /// Every component receives `multiplier` times its current load (no target).
    case trafficSpike(multiplier: Double)

    /// The name used in scenario ids and on the wire.
    public var name: String {
        switch self {
        case .componentDown: return "component_down"
        case .instanceFailure: return "instance_failure"
        case .latencySpike, .addedLatency: return "latency_spike"
        case .hang: return "hang"
        case .cpuSaturation: return "cpu_saturation"
        case .memoryExhaustion: return "memory_exhaustion"
        case .diskFull: return "disk_full"
        case .connectionPoolExhaustion: return "connection_pool_exhaustion"
        case .networkPartition: return "network_partition"
        case .trafficSpike: return "traffic_spike"
        }
    }

    /// The faults aimed at one component, by wire name (a latency spike at its default multiplier).
    public static let targeted: [FaultKind] = [
        .componentDown, .hang, .instanceFailure, .latencySpike(multiplier: ScenarioCatalog.latencyMultiplier), .cpuSaturation,
        .memoryExhaustion, .diskFull, .connectionPoolExhaustion, .networkPartition,
    ]

    /// Largest latency a fault may add, in ms (one day).
    public static let maxLatencyMs = 86_400_000.0

    /// The targeted fault named `name`; `latencyMs` sizes a `latency_spike` (`addedLatency`).
    /// Throws `FaultKindError` with the reason for an unknown name or a misplaced or out-of-range size.
    public static func targeted(named name: String, latencyMs: Double? = nil) throws(FaultKindError) -> FaultKind {
        guard let known = targeted.first(where: { $0.name == name }) else {
            let names = targeted.map(\.name)
            throw FaultKindError(message: "unknown fault kind '\(name)'\(Suggestion.hint(for: name, among: names)); expected one of \(names.joined(separator: ", "))")
        }
        guard let latencyMs else { return known }
        guard known.name == "latency_spike" else { throw FaultKindError(message: "only a latency_spike takes latency_ms") }
        guard latencyMs.isFinite, latencyMs >= 0, latencyMs <= maxLatencyMs else {
            throw FaultKindError(message: "latency_ms must be between 0 and \(Format.number(maxLatencyMs))")
        }
        return .addedLatency(ms: latencyMs)
    }

    /// Whether a standby (failover) takes over after this fault: it does for a lost or unreachable
    /// instance, not for faults the standby would share (full disk, exhausted pool, overload).
    var failoverApplies: Bool {
        switch self {
        case .componentDown, .hang, .instanceFailure, .memoryExhaustion, .networkPartition: return true
        default: return false
        }
    }
}

/// Why a fault could not be named.
public struct FaultKindError: Error, Sendable, Equatable {
    public var message: String
}

/// A fault injected into one component (or into all of them, for a traffic spike).
public struct Fault: Equatable, Hashable, Sendable {
    public var kind: FaultKind
    /// Index of the target component; ignored for a traffic spike.
    public var target: Int

    public init(_ kind: FaultKind, target: Int = -1) {
        self.kind = kind
        self.target = target
    }
}

/// Health that a load level leads to; one rule for traffic spikes and lost instances.
public enum LoadRule {
    /// Above 100 % of capacity requests fail: down.
    public static let downAbove = 100.0
    /// Above 90 % queues build up: overloaded.
    public static let overloadedAbove = 90.0
    /// Above 80 % latency rises: degraded.
    public static let degradedAbove = 80.0

    /// How many equal survivors must share `totalLoad` (in percent of one of them) for each to stay at or
    /// below `downAbove`: `⌈totalLoad / 100⌉` (0 for no load).
    public static func survivorsNeeded(forLoad totalLoad: Double) -> Int {
        Int((totalLoad / downAbove - 1e-9).rounded(.up))
    }

    public static func health(forUtilization percent: Double) -> Health {
        if percent > downAbove { return .down }
        if percent > overloadedAbove { return .overloaded }
        if percent > degradedAbove { return .degraded }
        return .healthy
    }
}
