/// How a dependent reacts when something it depends on changes: the one transition table.
///
/// A dependency is seen as its health and its **latency** (milliseconds its answers take beyond normal;
/// for a failed one, how long until its error arrives: 0 for a crash, infinite for a hang). A call
/// (`call`) fails when the latency reaches the caller's `timeout_seconds` (after `timeout × attempts` plus
/// the retries' back-off) or when the dependency is down (after `attempts × (latency + errorMs)` plus
/// back-off: a refused connection or an error answer comes back at once). Otherwise it succeeds with that
/// latency, and the caller is as slow (`LatencyRule`).
///
/// A failed call: `requires` → down (a circuit breaker caps the wait at `circuitBreakerSeconds`); with a
/// fallback, the fallback serves: degraded when its cost is unknown, else judged by `LatencyRule` on the
/// wait plus `fallback.latency_ms` (with a fallback target, only while that target is up).
/// `optional` → the same with a fallback, else degraded (reduced function). `async` → degraded once the
/// queue backs up. A dependency whose health has no size (overloaded; degraded by a multiplier spike,
/// failover, a lost group member or a fallback of unknown cost): overloaded → overloaded if the dependent
/// itself runs above `overloadSpillUtilization` of load, otherwise degraded; degraded → degraded; a failing
/// over dependency → degraded for the switchover time.
/// Redundancy groups: a lost member moves its load onto the surviving members (each carries the
/// group's load over the survivors, judged by `LoadRule`); the dependent is degraded while enough
/// members work, and down once more are lost than the group can spare (`CompiledGraph.RedundancySet`).
public enum CascadeRules {
    /// Seconds before an open circuit breaker turns failures into fast failures.
    public static let circuitBreakerSeconds = 1.0
    /// Seconds for a slowdown of unknown size or overload to reach a direct dependent.
    public static let slowdownSeconds = 5.0
    /// Seconds before an async consumer's queue backs up noticeably.
    public static let asyncQueueSeconds = 60.0
    /// A dependent running above this utilization is itself overloaded by an overloaded dependency.
    public static let overloadSpillUtilization = 70.0
    /// Milliseconds a refused connection or an error answer takes to come back (one local round trip).
    public static let errorMs = 10.0

    /// Why a component reached its health.
    public enum Cause: UInt8, Sendable {
        case injected, declared, requiresDown, circuitBreaker, failover, overloadSpill, slowdown, optionalDown, asyncDown
        case fallback, groupDegraded, groupLost, loadShift, latency, fallbackLoad, retryLoad
    }

    struct Reaction {
        var health: Health
        var delay: Double
        var cause: Cause
        /// The dependent's own latency after this reaction (ms).
        var latencyMs = 0.0
        /// The health has a size (`latencyMs`); false for degraded or overloaded of unknown size.
        var sized = false
        /// The dependent serves from its fallback.
        var onFallback = false
        /// Calls through the edge time out and are retried: the callee receives this many times its load.
        var retryLoadFactor = 1.0
    }

    /// What the dependent sees of its dependency.
    struct Callee {
        var level: Health
        var latencyMs: Double
        /// Down, but its standby is taking over (`level` is then degraded).
        var failedOver: Bool
        /// Its degradation or overload has no size: dependents use the slowdown rules.
        var unsized: Bool
    }

    /// The outcome of one call through an edge: nil when it succeeds, else the milliseconds until the
    /// caller gives up and whether it timed out (then retries multiply the callee's load).
    static func call(_ callee: Callee, through edge: Dependency, callerTimeout: Double) -> (ms: Double, timedOut: Bool)? {
        let retry = edge.retryStrategy, attempts = Double(retry.attempts)
        let timeoutMs = callerTimeout * 1000
        if timeoutMs > 0, callee.latencyMs >= timeoutMs { return (attempts * timeoutMs + retry.backoffMs, true) }
        guard callee.level == .down, !callee.failedOver else { return nil }
        return (attempts * (callee.latencyMs + errorMs) + retry.backoffMs, false)
    }

    /// The dependent loses what it needs through `edge`, noticed after `waitMs`.
    static func lost(_ edge: Dependency, waitMs: Double, cause: Cause? = nil) -> Reaction {
        let wait = edge.circuitBreaker.enabled ? min(waitMs, circuitBreakerSeconds * 1000) : waitMs
        return Reaction(health: .down, delay: delaySeconds(wait),
                        cause: cause ?? (edge.circuitBreaker.enabled ? .circuitBreaker : .requiresDown), latencyMs: wait, sized: true)
    }

    /// Seconds of simulated time for a wait of `ms`; a caller without a timeout hangs with its dependency at once.
    static func delaySeconds(_ ms: Double) -> Double { ms.isFinite ? ms / 1000 : 0 }

    /// The dependent's reaction to its dependency's state through `edge`.
    static func react(to callee: Callee, through edge: Dependency, dependentTimeout: Double,
                      dependentUtilization: Double, switchoverSeconds: Double) -> Reaction? {
        if edge.type == .async {
            return callee.level == .down ? Reaction(health: .degraded, delay: asyncQueueSeconds + edge.latencyMs / 1000, cause: .asyncDown) : nil
        }
        if let failure = call(callee, through: edge, callerTimeout: dependentTimeout) {
            var reaction = failedCall(edge, waitMs: failure.ms)
            if failure.timedOut { reaction.retryLoadFactor = Double(edge.retryStrategy.attempts) }
            return reaction
        }
        if callee.failedOver, edge.type == .requires {
            return Reaction(health: .degraded, delay: max(1, switchoverSeconds), cause: .failover)
        }
        if callee.unsized, callee.level > .healthy {
            guard edge.type == .requires else { return nil }
            if callee.level == .overloaded, !edge.circuitBreaker.enabled, dependentUtilization > overloadSpillUtilization {
                return Reaction(health: .overloaded, delay: slowdownSeconds, cause: .overloadSpill)
            }
            return Reaction(health: .degraded, delay: slowdownSeconds, cause: .slowdown)
        }
        guard callee.latencyMs > 0 else { return nil }
        return Reaction(health: LatencyRule.health(addedMs: callee.latencyMs), delay: delaySeconds(callee.latencyMs),
                        cause: .latency, latencyMs: callee.latencyMs, sized: true)
    }

    /// A call through `edge` failed after `waitMs`: what the dependent does without the dependency
    /// (`fallbackServes` false: its fallback is lost too).
    static func failedCall(_ edge: Dependency, waitMs: Double, fallbackServes: Bool = true) -> Reaction {
        if edge.fallback.enabled, fallbackServes {
            let wait = edge.circuitBreaker.enabled ? min(waitMs, circuitBreakerSeconds * 1000) : waitMs
            guard let cost = edge.fallback.latencyMs else {
                return Reaction(health: .degraded, delay: delaySeconds(wait), cause: .fallback, latencyMs: wait, onFallback: true)
            }
            let latency = wait + cost
            return Reaction(health: LatencyRule.health(addedMs: latency), delay: delaySeconds(wait), cause: .fallback,
                            latencyMs: latency, sized: true, onFallback: true)
        }
        if edge.type == .optional {
            let wait = edge.circuitBreaker.enabled ? min(waitMs, circuitBreakerSeconds * 1000) : waitMs
            return Reaction(health: .degraded, delay: delaySeconds(wait), cause: .optionalDown, latencyMs: wait)
        }
        return lost(edge, waitMs: waitMs)
    }
}

/// Health that added latency leads to: the one latency threshold.
public enum LatencyRule {
    /// Responses more than this many milliseconds slower than normal make a component degraded; below it,
    /// the slowdown is within what users and callers tolerate, and the component stays healthy.
    public static let degradedAboveMs = 100.0

    public static func health(addedMs: Double) -> Health { addedMs > degradedAboveMs ? .degraded : .healthy }
}
