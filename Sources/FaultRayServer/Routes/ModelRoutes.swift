import FaultRayCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// Loading and reading a project's model: `/demo`, `/api/infrastructure`, `/api/topology`.
enum ModelRoutes {
    /// Media types a model upload may have (YAML is a superset of JSON, one loader reads both).
    static let modelMediaTypes = ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"]

    static func register(_ api: API) {
        api.routes.on(.get, "/infrastructure", permission: .viewResults) { request, context in
            // Written once per model (a second for 100,000 components), off the request threads.
            let project = try await api.project(request, context)
            let yaml = request.headers[.accept]?.contains("yaml") == true
            let document = try await api.state.answer(project, yaml ? "model.yaml" : "model.json") { ByteBuffer(string: yaml ? $0.model.yaml() : $0.model.json()) }
            return JSONBody.response(encoded: document, contentType: yaml ? "application/yaml" : "application/json")
        }

        api.routes.on(.get, "/topology", permission: .viewResults) { request, context in
            JSONBody.response(encoded: try await api.state.answer(try await api.project(request, context), "topology") { try JSONBody.buffer(Topology($0)) })
        }
    }

    /// Loading a model and the demo are generated operations (below), as is loading a project's (`ProjectRoutes`).
    static let guards: [String: RouteTable.Guard] = [
        "PUT /infrastructure": .init(permission: .createProject, body: .model(project: .query)),
        "GET /demo": .init(permission: .createProject, availability: .root),
    ]

    /// The body of a model upload (`body` with `headers`): a 415 unless it is declared one of `modelMediaTypes` or
    /// nothing, then at most `limit` bytes (413 beyond).
    static func modelBody(_ body: HTTPBody?, headers: HTTPFields, limit: Int) async throws -> Data {
        if let media = JSONBody.mediaType(of: headers), !modelMediaTypes.contains(media) {
            throw APIError(.unsupportedMediaType, "Unsupported media type '\(Clip.text(media))'; send the model as application/yaml or application/json.")
        }
        return try await JSONBody.collect(body, headers: headers, limit: limit)
    }

    /// Replaces `project`'s model with the one in `body`, after validation (400 with every message): the body as
    /// `RouteTable.Guard.Body.model` hands it over, declared text/plain.
    static func load(_ body: Components.RequestBodies.Model, project: String, _ api: API) async throws -> Components.Schemas.ModelSummary {
        guard case .plainText(let text) = body else { throw ModelNotHandedOver() }
        let data = try await JSONBody.collect(text, headers: [:], limit: api.maxBodyBytes)
        guard !data.isEmpty else { throw APIError(.badRequest, "Request body is required: the model as YAML or JSON.") }
        let model = try await Offload.run { _ in Result { try ModelLoader.load(data: data, file: "request body") } }.get()
        try Validate.size(of: model, "The model", api)
        return try .init(wire: ModelSummary(try await api.state.replace(project, with: model)))
    }

    /// A model body that the guard did not hand over as text/plain (a defect: a 500).
    struct ModelNotHandedOver: Error {}
}

extension OperationHandler {
    func putInfrastructure(_ input: Operations.PutInfrastructure.Input) async throws -> Operations.PutInfrastructure.Output {
        .ok(.init(body: .json(try await ModelRoutes.load(input.body, project: try await project(input.query.project), api))))
    }

    func putProjectInfrastructure(_ input: Operations.PutProjectInfrastructure.Input) async throws -> Operations.PutProjectInfrastructure.Output {
        let project = try await project(try FaultRayContext.current.parameter("project_id"))
        return .ok(.init(body: .json(try await ModelRoutes.load(input.body, project: project, api))))
    }

    /// `GET /demo` (outside `/api`): loads the bundled demo model into the project.
    func loadDemo(_ input: Operations.LoadDemo.Input) async throws -> Operations.LoadDemo.Output {
        let project = try await project(input.query.project)
        let model: InfrastructureModel
        do {
            model = try DemoModel.load()
        } catch {
            throw APIError(.internalServerError, "The demo model is missing from this build.")
        }
        return .ok(.init(body: .json(try .init(wire: ModelSummary(try await api.state.replace(project, with: model))))))
    }
}
