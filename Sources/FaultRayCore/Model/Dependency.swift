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
/// With a fallback the dependent keeps serving (degraded) when the target is lost; with a fallback
/// `target` it does so only while that component works. A circuit breaker alone is not a fallback.
public struct FallbackConfig: Equatable, Sendable {
    public var enabled = false
    /// Component that serves instead; empty means the dependent serves on its own (cached or static answers).
    public var target = ""
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
