import FaultRayCore
import Foundation
import Hummingbird

/// Loading and reading the model: `/demo`, `/api/infrastructure`, `/api/topology`.
enum ModelRoutes {
    /// Media types `PUT /api/infrastructure` reads (YAML is a superset of JSON, one loader reads both).
    static let modelMediaTypes = ["application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"]

    static func register(_ api: API) {
        api.routes.on(.get, "/demo", .root) { _, _ in
            let model: InfrastructureModel
            do {
                model = try DemoModel.load()
            } catch {
                throw APIError(.internalServerError, "The demo model is missing from this build.")
            }
            return JSONBody.response(ModelSummary(try await api.state.replace(with: model)))
        }

        api.routes.on(.put, "/infrastructure") { request, _ in
            if let media = JSONBody.mediaType(of: request), !modelMediaTypes.contains(media) {
                throw APIError(.unsupportedMediaType,
                               "Unsupported media type '\(Clip.text(media))'; send the model as application/yaml or application/json.")
            }
            let data = try await JSONBody.collect(request, limit: api.maxBodyBytes)
            guard !data.isEmpty else { throw APIError(.badRequest, "Request body is required: the model as YAML or JSON.") }
            let model = try await Offload.run { Result { try ModelLoader.load(data: data, file: "request body") } }.get()
            return JSONBody.response(ModelSummary(try await api.state.replace(with: model)))
        }

        api.routes.on(.get, "/infrastructure") { request, _ in
            let model = try await api.state.current().model
            let accept = request.headers[.accept] ?? ""
            if accept.contains("yaml") {
                return JSONBody.text(model.yaml(), contentType: "application/yaml")
            }
            return JSONBody.text(model.json(), contentType: "application/json")
        }

        api.routes.on(.get, "/topology") { _, _ in
            JSONBody.response(Topology(try await api.state.current()))
        }
    }
}
