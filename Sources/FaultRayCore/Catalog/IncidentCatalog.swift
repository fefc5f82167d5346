/// The incidents shipped in `Data/incidents.json`, newest first, and the services they name.
///
/// A service named by an incident is either listed in `services` or is a component type
/// (`database`, `dns`, …) standing for itself; the catalogue tests check that every name resolves.
public struct IncidentCatalog: Codable, Sendable, Equatable {
    public var services: [IncidentService]
    public var incidents: [Incident]

    /// The bundled catalogue, read once.
    public static let bundled: Result<IncidentCatalog, any Error> = Result { try BundledJSON.load(IncidentCatalog.self, named: "incidents") }

    /// Incidents of `provider` (any case), or all of them when nil; an unknown provider gives none.
    public func incidents(provider: String? = nil) -> [Incident] {
        guard let provider = provider?.lowercased() else { return incidents }
        return incidents.filter { $0.provider == provider }
    }

    /// Every provider with an incident, in catalogue order.
    public var providers: [String] {
        incidents.map(\.provider).uniqued()
    }

    /// Providers a component tag can name: those with incidents and those offering a listed service.
    public var knownProviders: Set<String> {
        Set(providers).union(services.compactMap(\.provider))
    }

    /// The incident with this id or alias (any case).
    public func incident(id: String) throws -> Incident {
        let key = id.lowercased()
        guard let match = incidents.first(where: { $0.id == key || $0.aliases.contains(key) }) else {
            throw UnknownNameError(.incident, name: id, known: incidents.map(\.id))
        }
        return match
    }

    /// The component types a service stands for: from its listing, else the component type of that name.
    public func componentTypes(of service: String) -> [ComponentType] {
        if let listed = services.first(where: { $0.name == service }) { return listed.componentTypes }
        return ComponentType(rawValue: service).map { [$0] } ?? []
    }
}
