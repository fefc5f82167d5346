import FaultRayCore

/// Checks of request bodies that depend on the server's configuration (the text rules are `FieldRules`).
enum Validate {
    /// A model sent to the server: at most `--max-components` components (413 beyond).
    static func size(of model: InfrastructureModel, _ what: String, _ api: API) throws {
        guard model.components.count <= api.maxComponents else {
            throw APIError(.contentTooLarge, "\(what) has \(model.components.count) components; this server accepts at most \(api.maxComponents) (serve --max-components).")
        }
    }
}
