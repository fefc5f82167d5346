import FaultRayCore
import Foundation
import Hummingbird

/// The analyses of a project's model: architecture advice, availability, cut sets, score explanation, risk heat
/// map, cost attribution, compliance, industry benchmark and chat. The expensive ones are kept per model version,
/// keyed by route and normalised query, and made on the analysis threads in the project's turn. Availability and
/// the cut sets are generated operations (below), kept as their generated value, so a request costs one encode;
/// compliance and chat are too (compliance's `compliance_percent`, required and maybe null, is a `NullablePercent`,
/// written `null`). The others stay hand-written routes: those kept as encoded bytes would be encoded on every
/// request by the generated code (scripts/openapi-generator-config.yaml).
enum AnalysisRoutes {
    static let guards: [String: RouteTable.Guard] = [
        "GET /availability": .init(permission: .viewResults),
        "GET /cut-sets": .init(permission: .viewResults),
        "GET /compliance/{framework}": .init(permission: .viewResults),
        "POST /chat": .init(permission: .runSimulation, body: .json),
    ]

    static func register(_ api: API) {
        api.routes.on(.get, "/architecture-advice", permission: .viewResults) { request, context in
            let range = ArchitectureAdvisor.targetRange
            let target = try Query.double(request, "target_nines", default: 4, range: range,
                                          meaning: "a number of nines from \(Format.number(range.lowerBound)) to \(Format.number(range.upperBound))")
            return try await cached(api, request, context, "architecture-advice?target_nines=\(target)") {
                ArchitectureAdvisor($0).advise(targetNines: target)
            }
        }

        api.routes.on(.get, "/score-explanation", permission: .viewResults) { request, context in
            try await cached(api, request, context, "score-explanation") { ScoreExplanation($0) }
        }

        api.routes.on(.get, "/risk-heatmap", permission: .viewResults) { request, context in
            try await cached(api, request, context, "risk-heatmap") { RiskHeatMap($0) }
        }

        api.routes.on(.get, "/cost-attribution", permission: .viewResults) { request, context in
            let revenue = try Query.double(request, "revenue_per_hour", range: 0...1e12, meaning: "a finite amount from 0 to 1e12")
            let degraded = try Query.double(request, "degraded_revenue_share", default: CostAttribution.defaultDegradedShare, range: 0...1,
                                            meaning: "a share from 0 to 1")
            return try await cached(api, request, context, "cost-attribution?revenue_per_hour=\(revenue.map { "\($0)" } ?? "")&degraded=\(degraded)") {
                try CostAttribution($0, revenuePerHour: revenue, degradedRevenueShare: degraded)
            }
        }

        api.routes.on(.get, "/benchmark/{industry}", permission: .viewResults) { request, context in
            let industry = context.parameter("industry")
            let catalog = try IndustryCatalog.bundled.get()
            if industry.lowercased() == "list" { return try JSONBody.response(catalog.list()) }
            if industry.lowercased() == "all" {
                return try await cached(api, request, context, "benchmark/all") { IndustryBenchmark($0, catalog: catalog).all() }
            }
            let benchmark = IndustryBenchmark(try await api.state.current(try await api.project(request, context)), catalog: catalog)
            return try JSONBody.response(try benchmark.compare(industry: industry))
        }

    }
}

extension AnalysisRoutes {
    /// The answer of `analysis` on the model of the request's project, encoded: kept per model version
    /// under `key` (the route and its normalised query), made once on the analysis threads.
    static func cached(_ api: API, _ request: Request, _ context: FaultRayContext, _ key: String,
                       _ analysis: @escaping @Sendable (Assessment) throws -> any Encodable) async throws -> Response {
        let project = try await api.project(request, context)
        return JSONBody.response(encoded: try await api.state.answer(project, key) { try JSONBody.buffer(analysis($0)) })
    }
}

extension OperationHandler {
    func getAvailability(_ input: Operations.GetAvailability.Input) async throws -> Operations.GetAvailability.Output {
        .ok(.init(body: .json(try await analysis(input.query.project, "availability") { AvailabilityReport($0.availability.reliability) })))
    }

    func getCutSets(_ input: Operations.GetCutSets.Input) async throws -> Operations.GetCutSets.Output {
        let order = Int(try Query.maxOrder.value(input.query.maxOrder, default: 2))
        let project = try await project(input.query.project)
        // The model is read here only for the default entry; a kept answer is found without it.
        let entry: String
        if let given = input.query.entry {
            entry = given
        } else {
            entry = try await api.state.current(project).graph.entryPointIDs.first ?? ""
        }
        return .ok(.init(body: .json(try await api.state.answer(project, "cut-sets?entry=\(entry)\u{0}max_order=\(order)") { assessment in
            let graph = assessment.graph
            guard let i = graph.index(of: entry), graph.isEntryPoint[i] else {
                throw APIError(.notFound, "'\(Clip.text(entry))' is not an entry point. Entry points: \(graph.entryPointIDs.prefix(20).joined(separator: ", "))")
            }
            return try .init(wire: CutSetReport(assessment.availability.reliability, entry: i, maxOrder: order))
        })))
    }

    func getCompliance(_ input: Operations.GetCompliance.Input) async throws -> Operations.GetCompliance.Output {
        let assessment = try await api.state.current(try await project(input.query.project))
        return .ok(.init(body: .json(try .init(wire: try Compliance(assessment, framework: input.path.framework)))))
    }

    /// The body is read (`ChatRequest`, scripts/openapi-generator-config.yaml) before the project is checked, as the
    /// hand-written route did; the answer is read into the generated `ChatAnswer`, whose `intent` picks its shape.
    func chat(_ input: Operations.Chat.Input) async throws -> Operations.Chat.Output {
        let body = switch input.body { case .json(let body): body }
        let assessment = try await api.state.current(try await project(input.query.project))
        return .ok(.init(body: .json(try .init(wire: try InfrastructureChat(assessment).answer(question: body.question)))))
    }

    /// The generated value of `analysis` on the model of the project `project` names: made once per model version
    /// under `key` (the route and its normalised query), read into the generated type once, and kept.
    func analysis<Answer: Decodable & Sendable>(_ project: String?, _ key: String,
                                                _ analysis: @escaping @Sendable (Assessment) throws -> some Encodable) async throws -> Answer {
        try await api.state.answer(try await self.project(project), key) { try Answer(wire: try analysis($0)) }
    }
}

extension CompiledGraph {
    /// The ids of the entry points, in order.
    fileprivate var entryPointIDs: [String] { entryPoints.map { model.components[Int($0)].id } }
}

/// The body of `POST /api/chat`: its keys checked after their types, as `JSONBody` checks them; a missing, blank or
/// over-long question is InfrastructureChat's to answer.
struct ChatRequest: Decodable, Hashable, Sendable {
    static let fields: Set<String> = ["question"]
    var question: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        question = try container.decodeIfPresent(String.self, forKey: .question)
        try JSONBody.only(Self.fields, in: decoder)
    }

    private enum CodingKeys: String, CodingKey {
        case question
    }
}
