import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Historical incidents and their replay; the scenario marketplace and its installs per project.
enum CatalogRoutes {
    static let installKind = "marketplace.install"

    static func register(_ api: API) {
        api.routes.on(.get, "/incidents", permission: .viewResults) { request, _ in
            let catalog = try IncidentCatalog.bundled.get()
            let incidents = catalog.incidents(provider: request.uri.queryParameters["provider"].map(String.init))
            return try JSONBody.response(IncidentList(incidents: incidents, count: incidents.count, providers: catalog.providers))
        }

        api.routes.on(.post, "/replay/{incident_id}", permission: .runSimulation) { request, context in
            let catalog = try IncidentCatalog.bundled.get()
            let incident = try catalog.incident(id: api.parameter("incident_id", context))
            let assessment = try await api.state.current(try await api.project(request, context))
            return try JSONBody.response(try await Offload.run { _ in IncidentReplay(assessment, incident, catalog: catalog) })
        }

        api.routes.on(.get, "/marketplace/packages", permission: .viewResults) { request, _ in
            let catalog = try MarketplaceCatalog.bundled.get()
            let packages = catalog.packages(category: request.uri.queryParameters["category"].map(String.init),
                                            provider: request.uri.queryParameters["provider"].map(String.init))
            return try JSONBody.response(PackageList(packages: packages, count: packages.count, categories: catalog.categories, providers: catalog.providers))
        }

        api.routes.on(.get, "/marketplace/packages/{package_id}", permission: .viewResults) { _, context in
            try JSONBody.response(try MarketplaceCatalog.bundled.get().package(id: api.parameter("package_id", context)))
        }

        api.routes.on(.post, "/marketplace/install/{package_id}", permission: .runSimulation) { request, context in
            let project = try await api.project(request, context)
            let package = try MarketplaceCatalog.bundled.get().package(id: api.parameter("package_id", context))
            let binding = MarketplaceCatalog.bind(package, to: try await api.state.current(project))
            let already = try await installedIDs(api, project).contains(package.id)
            if !already {
                let install = Installation(packageId: package.id, version: package.version, installedAt: Timestamp.iso8601(api.state.clock()))
                try await api.store.putRecord(StoredRecord(kind: installKind, project: project, id: package.id, body: try StoredJSON.encode(install)))
            }
            return try JSONBody.response(Merged(binding, InstallStatus(installed: true, alreadyInstalled: already)), status: already ? .ok : .created)
        }

        api.routes.on(.get, "/marketplace/installed", permission: .viewResults) { request, context in
            let project = try await api.project(request, context)
            let installs = try await api.store.records(kind: installKind, project: project).map { try StoredJSON.decode(Installation.self, $0.body) }
            return try JSONBody.response(["installed": installs])
        }
    }

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

/// `GET /api/incidents`.
struct IncidentList: Encodable {
    var incidents: [Incident]
    var count: Int
    var providers: [String]
}

/// `GET /api/marketplace/packages`.
struct PackageList: Encodable {
    var packages: [MarketplacePackage]
    var count: Int
    var categories: [String]
    var providers: [String]
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
