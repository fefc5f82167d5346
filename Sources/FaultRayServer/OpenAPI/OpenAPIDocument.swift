import FaultRayCore
import Foundation
import Yams

/// The OpenAPI document served at `/api/openapi.json`, expanded from the hand-maintained
/// `Sources/FaultRayServer/openapi.yaml` by the rule in `docs/openapi.md`: each path is written once,
/// relative to the version prefixes its `servers` (the document's, unless the path item has its own)
/// name, and is served once under each of them.
enum OpenAPIDocument {
    /// The served document's JSON text, expanded once from the bundled `openapi.yaml`. A document that
    /// cannot be expanded is a defect of the build (the tests read it), so it stops the server at start.
    static let served: String = expanded.json()

    /// The served document, expanded once from the bundled `openapi.yaml` (as `served`, a defect of the build when it cannot be).
    static let expanded: ModelValue = {
        do {
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else { throw Invalid("not in the bundle") }
            return try expand(yaml: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        } catch {
            preconditionFailure("Sources/FaultRayServer/openapi.yaml: \(error)")
        }
    }()

    /// A document that cannot be expanded, and why.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The served document of the YAML text `yaml`: every path under the path of each of its servers
    /// (`/api` + `/topology`), the operations of every server after the first with its last path segment,
    /// upper-cased, appended to their `operationId` (`getTopologyV1`), paths in code-point order, and one
    /// server, the origin of the first (`http://localhost:8000`). Everything else is kept as written,
    /// keys in document order.
    static func expand(yaml: String) throws -> ModelValue {
        guard let root = try Yams.compose(yaml: yaml), case .map(let document) = try value(of: root) else { throw Invalid("not a mapping") }
        let servers = try self.servers(member("servers", of: document), "servers")
        guard let first = servers.first else { throw Invalid("no servers") }
        guard case .map(let items)? = member("paths", of: document) else { throw Invalid("paths: not a mapping") }
        var paths: [(String, ModelValue)] = []
        for (path, item) in items {
            guard case .map(let members) = item else { throw Invalid("\(path): not a mapping") }
            let own = try member("servers", of: members).map { try self.servers($0, "servers of \(path)") } ?? servers
            for (index, server) in own.enumerated() {
                let suffix = index == 0 ? "" : (server.path.split(separator: "/").last?.uppercased() ?? "")
                paths.append((server.path + path, .map(members.compactMap { key, operation in
                    key == "servers" ? nil : (key, renamed(operation, suffix: suffix))
                })))
            }
        }
        paths.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
        if let twice = zip(paths, paths.dropFirst()).first(where: { $0.0 == $1.0 }) { throw Invalid("the path \(twice.0.0) is served twice") }
        return .map(document.map { key, value in
            switch key {
            case "servers": return (key, .list([.map([("url", .string(first.origin))])]))
            case "paths": return (key, .map(paths))
            default: return (key, value)
            }
        })
    }

    /// A YAML node as a document value, scalars typed by YAML's core rules (`200` an integer, `'200'` a string).
    private static func value(of node: Node) throws -> ModelValue {
        switch node {
        case .scalar(let scalar):
            switch Resolver.default.resolveTag(of: node) {
            case .int:
                guard let number = node.int else { throw Invalid("integer out of range: \(scalar.string)") }
                return .int(number)
            case .float:
                guard let number = node.float, number.isFinite else { throw Invalid("not a finite number: \(scalar.string)") }
                return .double(number)
            case .bool: return .bool(node.bool ?? false)
            case .null: return .null
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .map(try mapping.map { key, value in
                guard case .scalar(let name) = key else { throw Invalid("a mapping key that is not a scalar") }
                return (name.string, try self.value(of: value))
            })
        case .sequence(let sequence):
            return .list(try sequence.map(value(of:)))
        case .alias:
            throw Invalid("a YAML alias")
        }
    }

    private static func member(_ key: String, of members: [(String, ModelValue)]) -> ModelValue? {
        members.first { $0.0 == key }?.1
    }

    /// An operation with `suffix` appended to its `operationId` (any other value as it is).
    private static func renamed(_ operation: ModelValue, suffix: String) -> ModelValue {
        guard !suffix.isEmpty, case .map(let members) = operation else { return operation }
        return .map(members.map { key, value in
            if key == "operationId", case .string(let id) = value { return (key, .string(id + suffix)) }
            return (key, value)
        })
    }

    /// A server's URL split into its origin (`http://localhost:8000`) and path (`/api/v1`, or empty).
    private struct Server {
        let origin: String
        let path: String
    }

    private static func servers(_ list: ModelValue?, _ place: String) throws -> [Server] {
        guard case .list(let items)? = list else { throw Invalid("\(place): not a list") }
        return try items.map { item in
            guard case .map(let members) = item, case .string(let url)? = member("url", of: members),
                  let components = URLComponents(string: url), components.scheme != nil else {
                throw Invalid("\(place): a server without an absolute url")
            }
            let path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
            return Server(origin: String(url.dropLast(components.path.count)), path: path)
        }
    }
}
