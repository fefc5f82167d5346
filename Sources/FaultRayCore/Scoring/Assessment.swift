/// Everything computed once per model and shared by every endpoint: the compiled graph, SPOFs,
/// resilience score and availability.
public struct Assessment: Sendable {
    public let graph: CompiledGraph
    public let spofs: SinglePointsOfFailure
    public let groups: StronglyConnected
    public let score: ResilienceScore
    public let availability: AvailabilityModel
    /// The cascade engine of this model, made once: its declared-state baseline is computed at most once.
    public let engine: CascadeEngine

    public init(_ model: InfrastructureModel) {
        self.init(graph: CompiledGraph(model))
    }

    public init(graph: CompiledGraph) {
        self.graph = graph
        engine = CascadeEngine(graph: graph)
        availability = AvailabilityModel(graph: graph)
        spofs = SinglePointsOfFailure(tree: availability.reliability.tree)
        groups = StronglyConnected(graph: graph)
        score = ResilienceScore(graph: graph, spofs: spofs, components: groups)
    }

    public var model: InfrastructureModel { graph.model }

    /// Risk level of component `i`.
    public func riskLevel(_ i: Int) -> RiskLevel {
        RiskLevel(isSPOF: spofs.isSPOF[i], utilization: graph.utilization[i])
    }
}

/// Availability figures for the API.
public struct AvailabilityFigures: Codable, Sendable, Equatable {
    /// Availability in percent.
    public var percent: Double
    public var nines: Double
    public var annualDowntimeMinutes: Double

    /// The percentage as an SLA figure: rounded down to three decimals, never overstated (`99.977%`).
    public var slaEstimate: String { Format.number((percent * 1000).rounded(.down) / 1000, places: 3) + "%" }

    public init(availability a: Double) {
        percent = Format.round(a * 100, places: 6)
        nines = Format.round(AvailabilityModel.nines(a), places: 2)
        annualDowntimeMinutes = Format.round(AvailabilityModel.annualDowntimeMinutes(a), places: 2)
    }
}
