import FaultRayCore
import Foundation
import Hummingbird

/// Loading and reading a project's model: `/demo`, `/api/infrastructure`, `/api/topology`.
enum ModelRoutes {
    /// Media types a model upload may have (YAML is a superset of JSON, one loader reads both).
    static let modelMediaTypes = ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"]

    static func register(_ api: API) {
        api.routes.on(.get, "/demo", .root, permission: .createProject) { request, context in
            let project = try await api.project(request, context)
            let model: InfrastructureModel
            do {
                model = try DemoModel.load()
            } catch {
                throw APIError(.internalServerError, "The demo model is missing from this build.")
            }
            return try JSONBody.response(ModelSummary(try await api.state.replace(project, with: model)))
        }

        api.routes.on(.put, "/infrastructure", permission: .createProject) { request, context in
            try await upload(request, project: try await api.project(request, context), api)
        }

        api.routes.on(.get, "/infrastructure", permission: .viewResults) { request, context in
            // Written once per model (a second for 100,000 components), off the request threads.
            let project = try await api.project(request, context)
            let yaml = request.headers[.accept]?.contains("yaml") == true
            let document = try await api.state.answer(project, yaml ? "model.yaml" : "model.json") { Data(yaml ? $0.model.yaml().utf8 : $0.model.json().utf8) }
            return JSONBody.response(encoded: document, contentType: yaml ? "application/yaml" : "application/json")
        }

        api.routes.on(.get, "/topology", permission: .viewResults) { request, context in
            JSONBody.response(encoded: try await api.state.answer(try await api.project(request, context), "topology") { try WireJSON.encode(Topology($0)) })
        }
    }

    /// Replaces `project`'s model with the request body, after validation (400 with every message).
    static func upload(_ request: Request, project: String, _ api: API) async throws -> Response {
        if let media = JSONBody.mediaType(of: request), !modelMediaTypes.contains(media) {
            throw APIError(.unsupportedMediaType, "Unsupported media type '\(Clip.text(media))'; send the model as application/yaml or application/json.")
        }
        let data = try await JSONBody.collect(request, limit: api.maxBodyBytes)
        guard !data.isEmpty else { throw APIError(.badRequest, "Request body is required: the model as YAML or JSON.") }
        let model = try await Offload.run { _ in Result { try ModelLoader.load(data: data, file: "request body") } }.get()
        try Validate.size(of: model, "The model", api)
        return try JSONBody.response(ModelSummary(try await api.state.replace(project, with: model)))
    }
}
