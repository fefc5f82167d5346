import FaultRayCore
import FaultRayStore
import Foundation
import Hummingbird

/// API keys over HTTP, for holders of `create_project`. A key confined to a project manages only
/// that project's keys, and never grants more than it has: no permission, tier or scope beyond its own. Creating,
/// listing and revoking are generated operations (below).
enum KeyRoutes {
    static let guards: [String: RouteTable.Guard] = [
        "GET /keys": .init(permission: .createProject),
        "POST /keys": .init(permission: .createProject, body: .json),
        "DELETE /keys/{key_id}": .init(permission: .createProject),
    ]
}

extension OperationHandler {
    func createKey(_ input: Operations.CreateKey.Input) async throws -> Operations.CreateKey.Output {
        let caller = try FaultRayContext.current.caller
        let body = switch input.body { case .json(let body): body }
        let name = try KeyRequest.name(body.name)
        let permissions = try KeyRequest.permissions(body.permissions)
        let tier = try KeyRequest.tier(body.tier ?? Tier.free.rawValue)
        if case .key(let caller) = caller {
            if let missing = permissions.first(where: { !caller.permissions.contains($0.rawValue) }) {
                throw APIError(.forbidden, "A key cannot grant '\(missing.rawValue)', which it does not have.")
            }
            let own = Tier(rawValue: caller.tier) ?? .free
            if tier > own {
                throw APIError(.forbidden, "A key cannot grant the tier '\(tier.rawValue)', above its own '\(own.rawValue)'.")
            }
            if let confined = caller.project, body.project != confined {
                throw APIError(.forbidden, "This key is limited to project '\(confined)'; new keys must be too.")
            }
        }
        if let project = body.project {
            guard try await api.store.project(id: project) != nil else { throw APIError(.badRequest, "field 'project': no project '\(Clip.text(project))'") }
        }
        let (key, record) = APIKeys.make(name: name, permissions: permissions, tier: tier, project: body.project, now: api.state.clock())
        try await api.store.createKey(record)
        api.access.keysChanged()
        return .created(.init(body: .json(try .init(wire: Merged(KeyView(record), NewKeySecret(key: key))))))
    }

    func listKeys(_ input: Operations.ListKeys.Input) async throws -> Operations.ListKeys.Output {
        let caller = try FaultRayContext.current.caller
        let keys = try await api.store.keys().filter { caller.project == nil || $0.project == caller.project }
        return .ok(.init(body: .json(try .init(wire: KeyList(keys: keys.map(KeyView.init), count: keys.count)))))
    }

    func revokeKey(_ input: Operations.RevokeKey.Input) async throws -> Operations.RevokeKey.Output {
        let caller = try FaultRayContext.current.caller
        let id = input.path.keyId
        let notFound = APIError(.notFound, "No active key '\(Clip.text(id))'.")
        let keys = try await api.store.keys()
        guard let key = keys.first(where: { $0.id == id && $0.isActive }),
              caller.project == nil || key.project == caller.project else { throw notFound }
        let now = api.state.clock()
        guard try await api.store.revokeKey(id: id, at: Timestamp.iso8601(now)) else { throw notFound }
        api.access.keysChanged()
        return .ok(.init(body: .json(.init(id: id, status: .revoked, revokedAt: now))))
    }
}

/// `GET /api/keys`.
struct KeyList: Encodable {
    var keys: [KeyView]
    var count: Int
}
