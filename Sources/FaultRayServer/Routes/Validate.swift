import FaultRayCore

/// Checks shared by several request bodies.
enum Validate {
    /// A `name` field: required, trimmed, 1 to 200 characters.
    static func name(_ text: String?) throws -> String {
        let name = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw APIError(.badRequest, "field 'name': required, 1 to 200 characters") }
        return name
    }

    /// A model sent to the server: at most `--max-components` components (413 beyond).
    static func size(of model: InfrastructureModel, _ what: String, _ api: API) throws {
        guard model.components.count <= api.maxComponents else {
            throw APIError(.contentTooLarge, "\(what) has \(model.components.count) components; this server accepts at most \(api.maxComponents) (serve --max-components).")
        }
    }
}
