import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// Projects: each has its own model and score history.
enum ProjectRoutes {
    static func register(_ api: API) {
        api.routes.on(.post, "/projects", permission: .createProject) { request, context in
            let body = try await JSONBody.decode(NewProject.self, from: request, limit: api.maxBodyBytes, fields: NewProject.fields)
            if let confined = context.caller.project {
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
            return try JSONBody.response(ProjectView(project), status: .created)
        }

        api.routes.on(.get, "/projects", permission: .viewResults) { _, context in
            let projects = try await api.store.projects().filter { context.caller.project == nil || $0.id == context.caller.project }
            return try JSONBody.response(ProjectList(projects: projects.map { ProjectView($0) }, count: projects.count))
        }

        api.routes.on(.get, "/projects/{project_id}", permission: .viewResults) { _, context in
            let id = try await api.project(id: api.parameter("project_id", context), context)
            guard let project = try await api.store.project(id: id) else { throw UnknownNameError(.project, name: id, known: []) }
            return try JSONBody.response(ProjectView(project, model: try await api.state.model(id).map(ModelSummary.init)))
        }

        api.routes.on(.delete, "/projects/{project_id}", permission: .createProject) { _, context in
            let id = try await api.project(id: api.parameter("project_id", context), context)
            guard id != Project.defaultID else { throw APIError(.badRequest, "The default project cannot be deleted.") }
            guard try await api.store.deleteProject(id: id) else { throw UnknownNameError(.project, name: id, known: []) }
            await api.state.forget(id)
            // Keys confined to the project go with it, so a project created later under the same id is not theirs.
            let now = Timestamp.iso8601(api.state.clock())
            for key in try await api.store.keys() where key.project == id && key.isActive {
                _ = try await api.store.revokeKey(id: key.id, at: now)
            }
            api.access.keysChanged()
            return try JSONBody.response(["id": id, "status": "deleted"])
        }

        api.routes.on(.put, "/projects/{project_id}/infrastructure", permission: .createProject) { request, context in
            try await ModelRoutes.upload(request, project: try await api.project(id: api.parameter("project_id", context), context), api)
        }
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
