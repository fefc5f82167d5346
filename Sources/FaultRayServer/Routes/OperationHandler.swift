import FaultRayCore
import Foundation
import OpenAPIRuntime

/// The generated server protocol (`APIProtocol`, Sources/FaultRayServer/Generated), implemented tag by tag in
/// each tag's routes file. The operations not generated yet (scripts/openapi-generator-config.yaml lists those
/// that are) are registered there with `RouteTable.on`.
struct OperationHandler: APIProtocol {
    let api: API

    /// Who may call each generated operation, by method and path.
    static let guards = SystemRoutes.guards.merging(BadgeRoutes.guards) { $1 }.merging(CatalogRoutes.guards) { $1 }
        .merging(CalendarRoutes.guards) { $1 }
        .merging(KeyRoutes.guards) { $1 }
        .merging(ProjectRoutes.guards) { $1 }
        .merging(ModelRoutes.guards) { $1 }
        .merging(DashboardRoutes.guards) { $1 }
        .merging(AnalysisRoutes.guards) { $1 }
        .merging(SimulationRoutes.guards) { $1 }

    /// Registers every generated operation through `api.routes`.
    static func register(_ api: API) {
        do {
            try api.routes.register(OperationHandler(api: api), guards: guards) { name, context in
                try await api.project(id: api.projectID(name), context)
            }
        } catch {
            preconditionFailure("the generated operations could not be registered: \(error)")
        }
    }

    /// The project `name` names (a `?project=` value, absent or empty: `default`; or the path's `project_id`), checked
    /// as `API.project(id:_:)`: the one the operation's guard already checked (`FaultRayContext.checkedProject`),
    /// otherwise checked here.
    func project(_ name: String?) async throws -> String {
        if let checked = FaultRayContext.checkedProject { return checked }
        return try await api.project(id: api.projectID(name), try FaultRayContext.current)
    }
}

extension Decodable {
    /// `value` in the wire format, read as this generated type: for the engine's and the store's own types,
    /// which the document describes field for field (a field the schema lacks fails, so they cannot drift apart).
    init(wire value: some Encodable) throws {
        self = try WireJSON.decoder().decode(Self.self, from: WireJSON.encode(value))
    }
}

extension KeyedDecodingContainer {
    /// A required property that may be null, in a generated type (its schema's type is `EncodedAsNull`,
    /// scripts/openapi-generator-config.yaml): always a value, whose `nil` is written `null`, where the generated
    /// decoder would leave the property nil and its encoder leave it out.
    func decodeIfPresent<Value>(_ type: EncodedAsNull<Value>.Type, forKey key: Key) throws -> EncodedAsNull<Value>? {
        EncodedAsNull(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}
