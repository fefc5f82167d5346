import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Running simulations: one failure, a full run, and what-if. Evaluating a what-if is a generated operation (below);
/// its export stays a hand-written route (its answer is a YAML attachment).
enum SimulationRoutes {
    static let guards: [String: RouteTable.Guard] = [
        "POST /whatif/calculate": .init(permission: .runSimulation, body: .json),
    ]

    static func register(_ api: API) {
        api.routes.on(.post, "/simulate-failure/{component_id}", permission: .runSimulation) { request, context in
            let id = context.parameter("component_id")
            let body = try await JSONBody.decode(FaultRequest.self, from: request, limit: api.maxBodyBytes, emptyAllowed: true, fields: FaultRequest.fields)
            let kind = try body.kind()
            let key = "simulate-failure\u{0}" + id + "\u{0}" + "\(kind)"
            let data = try await api.state.answer(try await api.project(request, context), key) { assessment in
                guard let index = assessment.graph.index(of: id) else {
                    throw UnknownNameError(.component, name: id, known: assessment.model.components.map(\.id))
                }
                return try JSONBody.buffer(assessment.engine.simulate([Fault(kind, target: index)], availability: assessment.availability))
            }
            return JSONBody.response(encoded: data)
        }

        api.routes.on(.post, "/simulate", permission: .runSimulation) { request, context in
            let project = try await api.project(request, context)
            let assessment = try await api.state.current(project)
            let installed = try await CatalogRoutes.installedScenarios(api, project, assessment)
            let input = try await Offload.run { _ in ClaimedFullRun.input(assessment, installed: installed) }
            // Made once however many servers are asked for it at the same time (see ClaimedFullRun).
            let body = try await ClaimedFullRun(store: api.store, clock: api.state.clock).answer(project: project, input: input) {
                let start = ContinuousClock.now
                let report = try await Offload.run(on: Offload.fullRuns) { cancellation in
                    var run = FullRun(assessment)
                    run.cancellation = cancellation
                    return run.run(extra: installed)
                }
                api.state.metrics.fullRun(duration: .now - start)
                let entry = try await api.state.recordRun(report, on: assessment, project: project)
                // A report of tens of thousands of scenarios is megabytes of JSON: encoded off the request threads.
                return try await Offload.run { _ in Result { try WireJSON.encode(Merged(report, RunInfo(runId: entry.id, timestamp: entry.timestamp))) } }.get()
            }
            return JSONBody.response(encoded: body)
        }

        api.routes.on(.post, "/whatif/export", permission: .runSimulation) { request, context in
            let body = try await JSONBody.decode(WhatIfRequest.self, from: request, limit: api.maxBodyBytes)
            let model = try await api.state.current(try await api.project(request, context)).model
            let yaml = try await Offload.run { _ in Result { try WhatIf.apply(body.modifications, to: model).yaml() } }.get()
            return JSONBody.text(yaml, contentType: "application/x-yaml",
                                 headers: [.contentDisposition: #"attachment; filename="whatif-modified.yaml""#])
        }
    }
}

extension OperationHandler {
    /// The body is read (`WhatIfRequest`, scripts/openapi-generator-config.yaml) before the project is checked, as the
    /// hand-written route did.
    func whatIfCalculate(_ input: Operations.WhatIfCalculate.Input) async throws -> Operations.WhatIfCalculate.Output {
        let body = switch input.body { case .json(let body): body }
        let assessment = try await api.state.current(try await project(input.query.project))
        let result = try await Offload.run { _ in Result { try WhatIf.evaluate(body.modifications, on: assessment) } }.get()
        return .ok(.init(body: .json(try .init(wire: result))))
    }
}

/// What `POST /api/simulate` adds to the full run's report: the id of its score-history entry.
struct RunInfo: Encodable {
    var runId: Int
    var timestamp: String
}
