import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Projects: each has its own model and score history. Every operation is generated (below; uploading a model is
/// `ModelRoutes.load`).
enum ProjectRoutes {
    static let guards: [String: RouteTable.Guard] = [
        "GET /projects": .init(permission: .viewResults),
        "POST /projects": .init(permission: .createProject, body: .json),
        "GET /projects/{project_id}": .init(permission: .viewResults),
        "DELETE /projects/{project_id}": .init(permission: .createProject),
        "PUT /projects/{project_id}/infrastructure": .init(permission: .createProject, body: .model(project: .path)),
    ]
}

extension OperationHandler {
    func createProject(_ input: Operations.CreateProject.Input) async throws -> Operations.CreateProject.Output {
        let body = switch input.body { case .json(let body): body }
        if let confined = try FaultRayContext.current.caller.project {
            throw APIError(.forbidden, "This key is limited to project '\(confined)' and cannot create projects.")
        }
        let name = try FieldRules.name(body.name)
        let id = try ProjectID.validated(body.id ?? ProjectID.slug(name))
        let description = try FieldRules.text(body.description, field: "description")
        let project = Project(id: id, name: name, description: description, createdAt: Timestamp.iso8601(api.state.clock()),
                              publicBadges: body.publicBadges ?? false)
        guard try await api.store.createProject(project) else {
            throw APIError(.conflict, "Project '\(id)' already exists.")
        }
        return .created(.init(body: .json(try .init(wire: ProjectView(project)))))
    }

    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let caller = try FaultRayContext.current.caller
        let projects = try await api.store.projects().filter { caller.project == nil || $0.id == caller.project }
        return .ok(.init(body: .json(try .init(wire: ProjectList(projects: projects.map { ProjectView($0) }, count: projects.count)))))
    }

    func getProject(_ input: Operations.GetProject.Input) async throws -> Operations.GetProject.Output {
        let id = try await api.project(id: input.path.projectId, try FaultRayContext.current)
        guard let project = try await api.store.project(id: id) else { throw UnknownNameError(.project, name: id, known: []) }
        return .ok(.init(body: .json(try .init(wire: ProjectView(project, model: try await api.state.model(id).map(ModelSummary.init))))))
    }

    /// The generated input has no `project_id` (the generator skips its `not` schema), so it is read from the route.
    func deleteProject(_ input: Operations.DeleteProject.Input) async throws -> Operations.DeleteProject.Output {
        let context = try FaultRayContext.current
        let id = try await api.project(id: context.parameter("project_id"), context)
        guard id != Project.defaultID else { throw APIError(.badRequest, "The default project cannot be deleted.") }
        guard try await api.store.deleteProject(id: id) else { throw UnknownNameError(.project, name: id, known: []) }
        await api.state.forget(id)
        // Keys confined to the project go with it, so a project created later under the same id is not theirs.
        let now = Timestamp.iso8601(api.state.clock())
        for key in try await api.store.keys() where key.project == id && key.isActive {
            _ = try await api.store.revokeKey(id: key.id, at: now)
        }
        api.access.keysChanged()
        return .ok(.init(body: .json(.init(id: id, status: .deleted))))
    }
}

/// `GET /api/projects`.
struct ProjectList: Encodable {
    var projects: [ProjectView]
    var count: Int
}

/// Project ids: 1–64 of `a-z 0-9 - _`, starting with a letter or digit.
enum ProjectID {
    static func validated(_ id: String) throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard (1...64).contains(id.count), id.allSatisfy(allowed.contains), id.first != "-", id.first != "_" else {
            throw APIError(.badRequest, "field 'id': a project id is 1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit; got '\(Clip.text(id))'")
        }
        return id
    }

    /// `Payments Team!` → `payments-team`.
    static func slug(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return String(words.joined(separator: "-").prefix(64))
    }
}
