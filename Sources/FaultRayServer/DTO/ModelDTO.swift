import FaultRayCore

/// What `/demo` and `PUT /api/infrastructure` answer: the model now loaded and its headline figures.
struct ModelSummary: Encodable {
    var status = "loaded"
    var name: String
    var components: Int
    var dependencies: Int
    var resilienceScore: Double
    var grade: String
    var spofCount: Int
    var availability: AvailabilityFigures

    init(_ assessment: Assessment) {
        name = assessment.model.name
        components = assessment.model.components.count
        dependencies = assessment.model.dependencies.count
        resilienceScore = assessment.score.score
        grade = ResilienceScore.grade(assessment.score.score)
        spofCount = assessment.spofs.count
        availability = AvailabilityFigures(availability: assessment.availability.overall)
    }
}

/// `GET /api/topology`: nodes and edges for drawing, with risk, SPOFs and the score's decomposition.
struct Topology: Encodable {
    struct Node: Encodable {
        var id: String
        var name: String
        var type: String
        var replicas: Int
        var utilization: Double
        var health: Health
        var isSpof: Bool
        var riskLevel: RiskLevel
        var dependentsCount: Int
        var dependenciesCount: Int
    }

    struct Edge: Encodable {
        var source: String
        var target: String
        var dependencyType: String
        var weight: Double
        /// A `requires` edge without a circuit breaker: the source goes down with the target.
        var critical: Bool
    }

    struct Metadata: Encodable {
        var totalComponents: Int
        var totalEdges: Int
        var resilienceScore: Double
        var grade: String
        var scoreDecomposition: ScoreDecomposition
    }

    var nodes: [Node]
    var edges: [Edge]
    var metadata: Metadata

    init(_ assessment: Assessment) {
        let graph = assessment.graph
        nodes = graph.model.components.enumerated().map { i, component in
            Node(id: component.id, name: component.name, type: component.type.rawValue, replicas: component.replicas,
                 utilization: Format.round(graph.utilization[i], places: 1), health: component.health,
                 isSpof: assessment.spofs.isSPOF[i], riskLevel: assessment.riskLevel(i),
                 dependentsCount: graph.dependentsOf(i).reduce(0) { n, _ in n + 1 },
                 dependenciesCount: graph.dependenciesOf(i).reduce(0) { n, _ in n + 1 })
        }
        edges = graph.model.dependencies.map { dependency in
            Edge(source: dependency.source, target: dependency.target, dependencyType: dependency.type.rawValue,
                 weight: dependency.weight, critical: SinglePointsOfFailure.isHard(dependency))
        }
        metadata = Metadata(totalComponents: nodes.count, totalEdges: edges.count, resilienceScore: assessment.score.score,
                            grade: ResilienceScore.grade(assessment.score.score), scoreDecomposition: ScoreDecomposition(assessment.score))
    }
}

/// Why the score is what it is: points lost per category and each finding with its fix.
struct ScoreDecomposition: Encodable {
    var score: Double
    var grade: String
    var categories: [ResilienceScore.CategoryScore]
    var findings: [ResilienceScore.Finding]

    init(_ score: ResilienceScore) {
        self.score = score.score
        grade = ResilienceScore.grade(score.score)
        categories = score.categories
        findings = score.findings
    }
}
