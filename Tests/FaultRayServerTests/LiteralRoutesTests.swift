import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Literal routes: the table in front of the router's trie")
struct LiteralRoutesTests {
    /// Runs `body` with a router of every route on a fresh demo state, without rate limits (the test makes hundreds of
    /// requests), closing its store afterwards.
    private static func withRouter<T>(_ body: (LiteralRoutes, RouteTable) async throws -> T) async throws -> T {
        let store = try await memoryStore()
        return try await closing(store) {
            let state = ServerState(store: MonitoredStore(store), clock: Date.init, logger: quietLogger)
            _ = try await state.replace(Project.defaultID, with: DemoModel.load(), evenIfUnsaved: true)
            var configuration = ServerConfiguration()
            configuration.rateLimits = nil
            let (literal, table) = buildRouter(state: state, configuration: configuration)
            return try await body(literal, table)
        }
    }

    @Test func theTableHoldsLiteralRoutesOfTheTableOnly() async throws {
        try await Self.withRouter { literal, table in
            let listed = Set(table.routes.map { "\($0.method) \($0.path)" })
            let held = literal.responders.flatMap { path, methods in methods.keys.map { "\($0.rawValue) \(path)" } }
            #expect(held.contains("GET /api/topology") && held.contains("GET /api/v1/topology") && held.contains("POST /api/topology-diff"))
            for route in held {
                #expect(listed.contains(route), "\(route) is not a route")
                #expect(LiteralRoutes.isLiteral(route), "\(route) has a parameter")
            }
        }
        #expect(!LiteralRoutes.isLiteral("/api/simulate-failure/{component_id}") && !LiteralRoutes.isLiteral("/badge/:type"))
    }

    /// Every path of the table, with each method and spelled with a trailing slash, is answered with the status and
    /// headers that the trie alone gives it (the table is only a shortcut), and metrics name its route as the trie does.
    @Test func everyPathIsAnsweredAsTheTrieAloneAnswersIt() async throws {
        /// What the router answers to reads of every path of the table, and to a method no literal route serves (405 or
        /// 404 either way): nothing that changes state; then the request counts of its metrics.
        func answers(_ literal: LiteralRoutes, trieOnly: Bool) async throws -> [String] {
            let requests = literal.responders.keys.sorted().flatMap { path in
                let methods: [HTTPRequest.Method] = literal.responders[path]![.get] != nil ? [.get, .head, .patch] : [.head, .patch]
                return methods.flatMap { method in [(method, path), (method, path + "/")] }
            }
            let run: @Sendable (any TestClientProtocol) async throws -> [String] = { client in
                var answers: [String] = []
                for (method, uri) in requests {
                    let response = try await client.execute(uri: uri, method: method)
                    answers.append("\(method) \(uri) \(response.status.code) \(response.headers[.contentType] ?? "-") \(response.headers[.allow] ?? "-")")
                }
                let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                return answers + metrics.split(separator: "\n").filter { $0.hasPrefix("faultray_http_requests_total{") }.map(String.init).sorted()
            }
            return trieOnly ? try await Application(router: literal.router).testRouter(run) : try await Application(router: literal).testRouter(run)
        }
        let viaTable = try await Self.withRouter { literal, _ in try await answers(literal, trieOnly: false) }
        let viaTrie = try await Self.withRouter { literal, _ in try await answers(literal, trieOnly: true) }
        #expect(viaTable.count > 100 && viaTable.contains { $0.hasPrefix("GET /api/topology 200") })
        let differing = zip(viaTable, viaTrie).filter { $0 != $1 }
        #expect(viaTable.count == viaTrie.count && differing.isEmpty, "via the table, then the trie: \(differing.prefix(5))")
    }
}
