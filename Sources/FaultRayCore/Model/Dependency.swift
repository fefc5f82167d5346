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

    public init(source: String, target: String, type: DependencyType = .requires) {
        self.source = source
        self.target = target
        self.type = type
    }
}

public struct CircuitBreakerConfig: Equatable, Sendable {
    public var enabled = false
    public var failureThreshold = 5
    public var recoveryTimeoutSeconds = 60.0
    public var halfOpenMaxRequests = 3
    public var successThreshold = 2
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

    public init(name: String = "", components: [Component] = [], dependencies: [Dependency] = []) {
        self.name = name
        self.components = components
        self.dependencies = dependencies
    }

    /// Position of a component by id.
    public func index(of id: String) -> Int? { components.firstIndex { $0.id == id } }
}
