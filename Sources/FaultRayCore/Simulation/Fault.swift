/// What goes wrong in a scenario.
public enum FaultKind: Equatable, Hashable, Sendable {
    /// The whole component stops (every replica).
    case componentDown
    /// One instance of the component is lost; the others take its load.
    case instanceFailure
    /// Responses become `multiplier` times slower.
    case latencySpike(multiplier: Double)
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
        case .latencySpike: return "latency_spike"
        case .cpuSaturation: return "cpu_saturation"
        case .memoryExhaustion: return "memory_exhaustion"
        case .diskFull: return "disk_full"
        case .connectionPoolExhaustion: return "connection_pool_exhaustion"
        case .networkPartition: return "network_partition"
        case .trafficSpike: return "traffic_spike"
        }
    }

    /// Whether a standby (failover) takes over after this fault: it does for a lost or unreachable
    /// instance, not for faults the standby would share (full disk, exhausted pool, overload).
    var failoverApplies: Bool {
        switch self {
        case .componentDown, .instanceFailure, .memoryExhaustion, .networkPartition: return true
        default: return false
        }
    }
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
