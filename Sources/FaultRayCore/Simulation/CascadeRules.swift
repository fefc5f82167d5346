/// How a dependent reacts when something it depends on changes health: the one transition table.
///
/// `requires`: down → down after the dependent's timeout, unless the edge has a circuit breaker
/// (degraded after `circuitBreakerSeconds`: fast failure and fallback) or the failed component
/// fails over (degraded for the switchover time); overloaded → overloaded if the dependent itself runs
/// above `overloadSpillUtilization`, otherwise degraded; degraded → degraded.
/// `optional`: down → degraded. `async`: down → degraded once the queue backs up.
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
    }

    struct Reaction {
        var health: Health
        var delay: Double
        var cause: Cause
    }

    /// The dependent's reaction when its dependency `level` changes through `edge`.
    /// `failedOver` says the dependency is down but its standby is taking over.
    static func react(to level: Health, failedOver: Bool, through edge: Dependency, dependentTimeout: Double,
                      dependentUtilization: Double, switchoverSeconds: Double) -> Reaction? {
        switch edge.type {
        case .requires:
            switch level {
            case .down:
                if edge.circuitBreaker.enabled { return Reaction(health: .degraded, delay: circuitBreakerSeconds, cause: .circuitBreaker) }
                return Reaction(health: .down, delay: max(1, dependentTimeout), cause: .requiresDown)
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
