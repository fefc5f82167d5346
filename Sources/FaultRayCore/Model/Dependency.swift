/// A dependency arrow: `source` depends on `target`. Failures travel against the arrow.
public struct Dependency: Equatable, Sendable {
    public var source: String
    public var target: String
    public var type: DependencyType = .requires
    public var `protocol` = ""
    public var port = 0
    public var latencyMs = 0.0
    /// How important the dependency is, from 0 to 1; 0.8 or more marks it critical.
    public var weight = 1.0
    public var circuitBreaker = CircuitBreakerConfig()
    public var retryStrategy = RetryStrategy()
    /// What serves in the target's place when it is lost.
    public var fallback = FallbackConfig()

    public init(source: String, target: String, type: DependencyType = .requires) {
        self.source = source
        self.target = target
        self.type = type
    }

    /// Whether the target's loss reaches the dependent as a slow failure: a `requires` call with neither a
    /// circuit breaker (which fails fast) nor a fallback. This is about how a failure spreads; whether the
    /// dependent still works is `SinglePointsOfFailure.isHard`.
    public var isUnprotected: Bool { type == .requires && !circuitBreaker.enabled && !fallback.enabled }
}

public struct CircuitBreakerConfig: Equatable, Sendable {
    public var enabled = false
    public var failureThreshold = 5
    public var recoveryTimeoutSeconds = 60.0
    public var halfOpenMaxRequests = 3
    public var successThreshold = 2
    public init() {}
}

/// Something that serves in place of a lost dependency: a static page, a stale copy, another component.
///
/// With a fallback the dependent keeps serving when the target is lost; with a fallback `target` it does
/// so only while that component works. A circuit breaker alone is not a fallback. What the fallback costs
/// (`latencyMs`, `loadPercent`) decides how well it serves: unknown cost, degraded; known cost, judged by
/// `LatencyRule` (and the load it moves onto `target` by `LoadRule`).
public struct FallbackConfig: Equatable, Sendable {
    public var enabled = false
    /// Component that serves instead; empty means the dependent serves on its own (cached or static answers).
    public var target = ""
    /// Milliseconds the fallback adds to each response, or nil when unknown.
    public var latencyMs: Double?
    /// Percentage points of `target`'s load (`Component.load`) the fallback adds while it serves.
    public var loadPercent = 0.0
    public init() {}
}

public struct RetryStrategy: Equatable, Sendable {
    public var enabled = false
    public var maxRetries = 3
    public var initialDelayMs = 100.0
    public var maxDelayMs = 30000.0
    public var multiplier = 2.0
    public var jitter = true
    public var retryBudgetPerSecond = 0.0
    public init() {}

    /// Calls made for one request: 1, or `1 + max_retries` when enabled.
    public var attempts: Int { enabled ? 1 + maxRetries : 1 }

    /// Milliseconds spent waiting between the attempts: `Σ_{k<retries} min(initial × multiplier^k, max)`
    /// (jitter spreads the delays around these values; it does not change their mean).
    public var backoffMs: Double {
        var total = 0.0, delay = initialDelayMs, retries = attempts - 1
        while retries > 0, delay < maxDelayMs, delay > 0 {  // the growing part; the rest waits max_delay_ms each
            total += delay
            delay *= multiplier
            retries -= 1
            if multiplier <= 1 { break }
        }
        return total + Double(retries) * min(delay, maxDelayMs)
    }
}

/// An infrastructure model: components in input order and the dependencies between them.
public struct InfrastructureModel: Equatable, Sendable {
    public static let schemaVersion = "4.0"

    public var name = ""
    public var description = ""
    public var components: [Component]
    public var dependencies: [Dependency]
    /// Outage rates of zones and regions, the common causes of availability.
    public var failureDomains = FailureDomainSettings()

    public init(name: String = "", components: [Component] = [], dependencies: [Dependency] = []) {
        self.name = name
        self.components = components
        self.dependencies = dependencies
    }

    /// Position of a component by id.
    public func index(of id: String) -> Int? { components.firstIndex { $0.id == id } }
}
