import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Historical incidents and their replay; the scenario marketplace and its installs per project. Their operations
/// are generated (below).
enum CatalogRoutes {
    static let installKind = "marketplace.install"

    static let guards: [String: RouteTable.Guard] = [
        "GET /incidents": .init(permission: .viewResults),
        "POST /replay/{incident_id}": .init(permission: .runSimulation),
        "GET /marketplace/packages": .init(permission: .viewResults),
        "GET /marketplace/packages/{package_id}": .init(permission: .viewResults),
        "POST /marketplace/install/{package_id}": .init(permission: .runSimulation),
        "GET /marketplace/installed": .init(permission: .viewResults),
    ]

    static func installedIDs(_ api: API, _ project: String) async throws -> [String] {
        try await api.store.records(kind: installKind, project: project).map(\.id)
    }

    /// The scenarios of every package installed in `project`, bound to `assessment` (for full runs).
    static func installedScenarios(_ api: API, _ project: String, _ assessment: Assessment) async throws -> [Scenario] {
        let catalog = try MarketplaceCatalog.bundled.get()
        return try await installedIDs(api, project).compactMap { try? catalog.package(id: $0) }
            .flatMap { MarketplaceCatalog.bind($0, to: assessment).scenarios }
    }
}

extension OperationHandler {
    func listIncidents(_ input: Operations.ListIncidents.Input) async throws -> Operations.ListIncidents.Output {
        let catalog = try IncidentCatalog.bundled.get()
        let incidents = catalog.incidents(provider: input.query.provider)
        return .ok(.init(body: .json(.init(incidents: try incidents.map(Components.Schemas.Incident.init(wire:)), count: incidents.count,
                                           providers: catalog.providers))))
    }

    func replayIncident(_ input: Operations.ReplayIncident.Input) async throws -> Operations.ReplayIncident.Output {
        let catalog = try IncidentCatalog.bundled.get()
        let incident = try catalog.incident(id: input.path.incidentId)
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let assessment = try await api.state.current(project)
        return .ok(.init(body: .json(try .init(wire: try await Offload.run { _ in IncidentReplay(assessment, incident, catalog: catalog) }))))
    }

    func listPackages(_ input: Operations.ListPackages.Input) async throws -> Operations.ListPackages.Output {
        let catalog = try MarketplaceCatalog.bundled.get()
        let packages = catalog.packages(category: input.query.category, provider: input.query.provider)
        return .ok(.init(body: .json(.init(packages: try packages.map(Components.Schemas.MarketplacePackage.init(wire:)), count: packages.count,
                                           categories: catalog.categories, providers: catalog.providers))))
    }

    func getPackage(_ input: Operations.GetPackage.Input) async throws -> Operations.GetPackage.Output {
        .ok(.init(body: .json(try .init(wire: try MarketplaceCatalog.bundled.get().package(id: input.path.packageId)))))
    }

    func installPackage(_ input: Operations.InstallPackage.Input) async throws -> Operations.InstallPackage.Output {
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let package = try MarketplaceCatalog.bundled.get().package(id: input.path.packageId)
        let binding = MarketplaceCatalog.bind(package, to: try await api.state.current(project))
        let already = try await CatalogRoutes.installedIDs(api, project).contains(package.id)
        if !already {
            let install = Installation(packageId: package.id, version: package.version, installedAt: Timestamp.iso8601(api.state.clock()))
            try await api.store.putRecord(StoredRecord(kind: CatalogRoutes.installKind, project: project, id: package.id, body: try StoredJSON.encode(install)))
        }
        let body = try Components.Schemas.PackageInstall(wire: Merged(binding, InstallStatus(installed: true, alreadyInstalled: already)))
        return already ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    func listInstalledPackages(_ input: Operations.ListInstalledPackages.Input) async throws -> Operations.ListInstalledPackages.Output {
        let project = try await api.project(id: api.projectID(input.query.project), try FaultRayContext.current)
        let installs = try await api.store.records(kind: CatalogRoutes.installKind, project: project)
            .map { try Components.Schemas.Installation(wire: try StoredJSON.decode(Installation.self, $0.body)) }
        return .ok(.init(body: .json(.init(installed: installs))))
    }
}

/// A package installed in a project.
struct Installation: Codable {
    var packageId: String
    var version: String
    var installedAt: String
}

/// What `POST /api/marketplace/install/{id}` adds to the binding report.
struct InstallStatus: Encodable {
    var installed: Bool
    var alreadyInstalled: Bool
}
