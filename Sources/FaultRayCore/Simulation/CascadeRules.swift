/// How a dependent reacts when something it depends on changes health: the one transition table.
///
/// `requires`: down → down after the dependent's timeout; with a circuit breaker, down after
/// `circuitBreakerSeconds` (it fails fast, but without a fallback the function is still lost); with a
/// fallback, degraded (the fallback serves; with a fallback target, only while that target is up);
/// if the failed component fails over, degraded for the switchover time. Overloaded → overloaded if the
/// dependent itself runs above `overloadSpillUtilization` of load, otherwise degraded; degraded → degraded.
/// `optional`: down → degraded. `async`: down → degraded once the queue backs up.
/// Redundancy groups: a lost member moves its load onto the surviving members (each carries the
/// group's load over the survivors, judged by `LoadRule`); the dependent is degraded while enough
/// members work, and down once more are lost than the group can spare (`CompiledGraph.RedundancySet`).
public enum CascadeRules {
    /// Seconds before an open circuit breaker turns failures into fallbacks.
    public static let circuitBreakerSeconds = 1.0
    /// Seconds for latency or overload to reach a direct dependent.
    public static let slowdownSeconds = 5.0
    /// Seconds before a dependent notices a lost optional dependency.
    public static let optionalSeconds = 10.0
    /// Seconds before an async consumer's queue backs up noticeably.
    public static let asyncQueueSeconds = 60.0
    /// A dependent running above this utilization is itself overloaded by an overloaded dependency.
    public static let overloadSpillUtilization = 70.0

    /// Why a component reached its health.
    public enum Cause: UInt8, Sendable {
        case injected, declared, requiresDown, circuitBreaker, failover, overloadSpill, slowdown, optionalDown, asyncDown
        case fallback, groupDegraded, groupLost, loadShift
    }

    struct Reaction {
        var health: Health
        var delay: Double
        var cause: Cause
    }

    /// Seconds until a dependent notices a lost dependency: fast with a circuit breaker, else its timeout.
    static func lossDelay(_ edge: Dependency, _ dependentTimeout: Double) -> Double {
        edge.circuitBreaker.enabled ? circuitBreakerSeconds : max(1, dependentTimeout)
    }

    /// The dependent loses what it needs through `edge`.
    static func lost(_ edge: Dependency, dependentTimeout: Double, cause: Cause? = nil) -> Reaction {
        Reaction(health: .down, delay: lossDelay(edge, dependentTimeout),
                 cause: cause ?? (edge.circuitBreaker.enabled ? .circuitBreaker : .requiresDown))
    }

    /// The dependent's reaction when its dependency `level` changes through `edge`.
    /// `failedOver` says the dependency is down but its standby is taking over.
    static func react(to level: Health, failedOver: Bool, through edge: Dependency, dependentTimeout: Double,
                      dependentUtilization: Double, switchoverSeconds: Double) -> Reaction? {
        switch edge.type {
        case .requires:
            switch level {
            case .down:
                if edge.fallback.enabled { return Reaction(health: .degraded, delay: lossDelay(edge, dependentTimeout), cause: .fallback) }
                return lost(edge, dependentTimeout: dependentTimeout)
            case .overloaded:
                if !edge.circuitBreaker.enabled, dependentUtilization > overloadSpillUtilization {
                    return Reaction(health: .overloaded, delay: slowdownSeconds, cause: .overloadSpill)
                }
                return Reaction(health: .degraded, delay: slowdownSeconds, cause: .slowdown)
            case .degraded:
                if failedOver { return Reaction(health: .degraded, delay: max(1, switchoverSeconds), cause: .failover) }
                return Reaction(health: .degraded, delay: slowdownSeconds, cause: .slowdown)
            case .healthy:
                return nil
            }
        case .optional:
            return level == .down ? Reaction(health: .degraded, delay: optionalSeconds, cause: .optionalDown) : nil
        case .async:
            return level == .down ? Reaction(health: .degraded, delay: asyncQueueSeconds + edge.latencyMs / 1000, cause: .asyncDown) : nil
        }
    }
}
