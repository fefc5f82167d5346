/// The reply to a chat question: markdown for people, typed data for programs.
public struct ChatAnswer: Encodable, Sendable, Equatable {
    /// Markdown.
    public var answer: String
    public var intent: ChatIntent
    public var data: ChatData
    /// Follow-up questions worth asking next.
    public var suggestions: [String]
}

/// The structured part of a chat answer; encodes as the payload of its case alone.
public enum ChatData: Encodable, Sendable, Equatable {
    case spofs(ChatComponentList)
    case failureImpact(CascadeResult)
    case component(ChatComponentDetails)
    case availability(ChatAvailability)
    case score(ChatScore)
    case riskiest(ChatRiskRanking)
    case recommendations(ChatRecommendations)
    case comparison(ChatComparison)
    case overview(ChatOverview)
    case components(ChatComponentList)
    case help(ChatHelp)
    case targetPlan(ChatTargetPlan)
    case scenarios(ChatScenarios)
    case teams(ChatTeamRisk)
    case change(ChatChangeHowTo)
    /// The intent needs components the question does not name.
    case componentNeeded(ChatComponentPrompt)

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .spofs(let value): try value.encode(to: encoder)
        case .failureImpact(let value): try value.encode(to: encoder)
        case .component(let value): try value.encode(to: encoder)
        case .availability(let value): try value.encode(to: encoder)
        case .score(let value): try value.encode(to: encoder)
        case .riskiest(let value): try value.encode(to: encoder)
        case .recommendations(let value): try value.encode(to: encoder)
        case .comparison(let value): try value.encode(to: encoder)
        case .overview(let value): try value.encode(to: encoder)
        case .components(let value): try value.encode(to: encoder)
        case .help(let value): try value.encode(to: encoder)
        case .targetPlan(let value): try value.encode(to: encoder)
        case .scenarios(let value): try value.encode(to: encoder)
        case .teams(let value): try value.encode(to: encoder)
        case .change(let value): try value.encode(to: encoder)
        case .componentNeeded(let value): try value.encode(to: encoder)
        }
    }
}

/// One component as the chat shows it.
public struct ChatComponent: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: ComponentType
    /// The owning team, or `unassigned`.
    public var owner: String
    public var replicas: Int
    public var failover: Bool
    public var autoscaling: Bool
    public var health: Health
    /// Percent.
    public var utilization: Double
    public var isSpof: Bool
    public var riskLevel: RiskLevel
    /// Direct dependents that go down with it (`SinglePointsOfFailure.hardDependents`).
    public var hardDependents: Int

    init(_ i: Int, in assessment: Assessment) {
        let component = assessment.model.components[i]
        id = component.id
        name = component.name
        type = component.type
        owner = component.ownerOrUnassigned
        replicas = component.replicas
        failover = component.failover.enabled
        autoscaling = component.autoscaling.enabled
        health = component.health
        utilization = Format.round(assessment.graph.utilization[i], places: 1)
        isSpof = assessment.spofs.isSPOF[i]
        riskLevel = assessment.riskLevel(i)
        hardDependents = assessment.spofs.hardDependents[i]
    }
}

/// Components, optionally filtered; `filters` says how, in words.
public struct ChatComponentList: Codable, Sendable, Equatable {
    public var filters: [String]
    public var count: Int
    public var components: [ChatComponent]
}

/// A dependency seen from one of its ends.
public struct ChatDependencyLink: Codable, Sendable, Equatable {
    /// The component at the other end.
    public var component: String
    public var type: DependencyType
    public var circuitBreaker: Bool
}

/// The outcome of one component's whole failure, from the cascade engine.
public struct ChatFailure: Codable, Sendable, Equatable {
    public var component: String
    public var riskScore: Double
    public var severity: Severity
    public var totalAffected: Int
    public var blastRadiusScore: Double
    public var recoveryTimeMinutes: Double
    public var likelihood: Double
    public var expectedAnnualImpactMinutes: Double

    init(_ result: CascadeResult) {
        component = result.rootCause
        riskScore = result.riskScore
        severity = result.severity
        totalAffected = result.totalAffected
        blastRadiusScore = result.blastRadiusScore
        recoveryTimeMinutes = result.recoveryTimeMinutes
        likelihood = result.likelihood
        expectedAnnualImpactMinutes = result.expectedAnnualImpactMinutes
    }
}

/// Everything about one component.
public struct ChatComponentDetails: Codable, Sendable, Equatable {
    public var component: ChatComponent
    public var dependsOn: [ChatDependencyLink]
    public var dependents: [ChatDependencyLink]
    /// The component's own availability (not counting what it depends on).
    public var availability: AvailabilityFigures
    public var failure: ChatFailure
}

/// Two or more components side by side, in the order the question names them.
public struct ChatComparison: Codable, Sendable, Equatable {
    public var components: [ChatComponentDetails]
}

/// Availability of one entry point or component.
public struct ChatComponentAvailability: Codable, Sendable, Equatable {
    public var component: String
    public var availability: AvailabilityFigures
}

/// System availability: the weakest entry point's, each entry point's, and for each component named
/// its own and its paths'.
public struct ChatAvailability: Codable, Sendable, Equatable {
    public var overall: AvailabilityFigures
    public var entryPoints: [ChatComponentAvailability]
    public var components: [ChatComponentAvailability]
    public var paths: [ChatPathAvailability]
}

/// The resilience score with its decomposition.
public struct ChatScore: Codable, Sendable, Equatable {
    public var score: Double
    public var grade: String
    public var categories: [ResilienceScore.CategoryScore]
    public var topFindings: [ResilienceScore.Finding]
}

/// Components by the risk of their single failure, riskiest first.
public struct ChatRiskRanking: Codable, Sendable, Equatable {
    public var components: [ChatFailure]
}

/// The score's findings with their fixes, largest first.
public struct ChatRecommendations: Codable, Sendable, Equatable {
    public var recommendations: [ResilienceScore.Finding]
}

/// The whole model at a glance.
public struct ChatOverview: Codable, Sendable, Equatable {
    public var components: Int
    public var dependencies: Int
    public var entryPoints: [String]
    public var score: Double
    public var grade: String
    public var spofs: [String]
    public var availability: AvailabilityFigures
    /// Components the model declares degraded, overloaded or down.
    public var unhealthy: [String]
}

/// An example question for one intent.
public struct ChatExample: Codable, Sendable, Equatable {
    public var intent: ChatIntent
    public var question: String
}

/// What the chat can answer.
public struct ChatHelp: Codable, Sendable, Equatable {
    public var examples: [ChatExample]
}

/// A question that needs components named.
public struct ChatComponentPrompt: Codable, Sendable, Equatable {
    /// How many components the question must name.
    public var needed: Int
    /// The components it did name.
    public var named: [String]
    /// Known ids close to words of the question.
    public var closeMatches: [String]
}
