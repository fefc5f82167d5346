import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("System routes, versioning and errors")
struct SystemRouteTests {
    @Test func healthReportsVersionUptimeAndTiers() async throws {
        try await withServer { client in
            let body = try Body(try await client.get("/api/health").body)
            #expect(body["status"] as? String == "healthy")
            #expect(body["version"] as? String == FaultRayVersion.current)
            #expect(body["uptime"] as? String == "2h 15m 30s")
            #expect(body["uptime_seconds"] as? Double == 8130)
            #expect(body["components_loaded"] as? Int == 12)
            #expect(body["timestamp"] as? String == "2026-03-15T12:45:30+00:00")
            #expect(body["rate_limit_tiers"] as? [String: Int] == ["free": 30, "basic": 120, "pro": 600, "enterprise": 3000])
            #expect((body["api_versions"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func versionsListV1StableAndV2Beta() async throws {
        try await withServer { client in
            let versions = try #require(try Body(try await client.get("/api/versions").body)["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? String } == ["v1", "v2"])
            #expect(versions.map { $0["status"] as? String } == ["stable", "beta"])
            #expect(versions.allSatisfy { ($0["changelog"] as? [String])?.isEmpty == false })
        }
    }

    @Test func everyStableRouteAnswersTheSameUnderEveryPrefix() async throws {
        try await withServer { client in
            for path in ["/topology", "/health", "/versions", "/infrastructure"] {
                let answers = try await RouteTable.stablePrefixes.asyncMap { try await client.get($0 + path) }
                #expect(answers.allSatisfy { $0.status == .ok }, "\(path)")
                if path != "/health" { #expect(Set(answers.map(\.body)).count == 1, "\(path)") }
            }
            // The dashboard is v2 (beta) only.
            #expect(try await client.get("/api/v2/dashboard/summary").status == .ok)
            expectError(try await client.get("/api/dashboard/summary"), .notFound)
            expectError(try await client.get("/api/v1/dashboard/summary"), .notFound)
        }
    }

    @Test func unknownRoutesAndWrongMethodsUseTheEnvelope() async throws {
        try await withServer { client in
            expectError(try await client.get("/api/nope"), .notFound, containing: "No route")
            expectError(try await client.get("/nope/at/all"), .notFound)
            let wrong = try await client.execute(uri: "/api/topology", method: .delete)
            expectError(wrong, .methodNotAllowed, containing: "GET")
            #expect(wrong.headers[.allow] == "GET, HEAD")
            expectError(try await client.post("/demo"), .methodNotAllowed)
            // A literal segment wins over a parameter, as in the router.
            let ical = try await client.execute(uri: "/api/calendar/ical", method: .delete)
            expectError(ical, .methodNotAllowed)
            #expect(ical.headers[.allow] == "GET, HEAD")
            #expect(try await client.execute(uri: "/api/health", method: .head).status == .ok)
        }
    }

    @Test func scoreHistoryIsNewestFirstLimitedAndValidated() async throws {
        try await withServer { client in
            for _ in 0..<3 { _ = try await client.get("/demo") }
            let body = try Body(try await client.get("/api/score-history").body)
            let ids = try #require(body["history"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
            #expect(ids == [4, 3, 2, 1])
            #expect(body["count"] as? Int == 4)
            #expect((try Body(try await client.get("/api/score-history?limit=2").body)["history"] as? [Any])?.count == 2)
            for bad in ["0", "1001", "-1", "abc", "99999999999999999999"] {
                expectError(try await client.get("/api/score-history?limit=\(bad)"), .badRequest, containing: "limit")
            }
        }
    }

    @Test func modelAndHistorySurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-restart-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let first = try await SQLiteStore.open(directory: directory, logger: logger)
        try await withServer(store: first) { client in
            _ = try await client.put("/api/infrastructure", ModelRouteTests.small, contentType: "application/yaml")
        }
        await first.close()
        let second = try await SQLiteStore.open(directory: directory, logger: logger)
        try await withServer(start: .stored, store: second) { client in
            #expect(try Body(try await client.get("/api/health").body)["components_loaded"] as? Int == 2)
            let topology = try Body(try await client.get("/api/topology").body)
            #expect((topology["nodes"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["web", "db"])
            let history = try Body(try await client.get("/api/score-history").body)
            #expect(history["count"] as? Int == 2)
        }
        await second.close()
    }

    /// The served document lists exactly the router's routes, each with the permission the route
    /// table gives it: public ones with no security requirement, the others with the bearer key (or
    /// none while authentication is off), naming their permission and answering 401 and 403.
    @Test func theOpenAPIDocumentListsExactlyTheRoutesWithTheirPermissions() async throws {
        let routes = try await routeTable()
        // The dashboard's pages and files are HTML, CSS and JavaScript for browsers, not API operations.
        let served = Dictionary(uniqueKeysWithValues: routes.routes.filter(\.isAPI).map { ("\($0.method) \($0.path)", $0.permission) })
        #expect(Set(routes.routes.filter { !$0.isAPI }.map { "\($0.method) \($0.path)" }) == Set(ResponseContract.pages.map { "GET \($0)" }))
        let document = ResponseContract.served.document
        #expect(document["openapi"] == .string("3.1.0"))
        var documented: [String: JSON] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] where ["get", "put", "post", "delete", "patch"].contains(method) {
                documented["\(method.uppercased()) \(path)"] = operation
            }
        }
        #expect(Set(served.keys).subtracting(documented.keys).sorted() == [], "routes missing from the document")
        #expect(Set(documented.keys).subtracting(served.keys).sorted() == [], "documented routes the server lacks")
        let bearer = JSON.array([.object(["bearerAuth": .array([])]), .object([:])])
        for (route, permission) in served.sorted(by: { $0.key < $1.key }) {
            guard let operation = documented[route] else { continue }
            let description = operation["description"]?.string ?? ""
            let statuses = Set(operation["responses"]?.objectValue?.keys.map { $0 } ?? [])
            if let permission {
                #expect(operation["security"] == bearer, "\(route)")
                #expect(description.contains("Needs the `\(permission.rawValue)` permission"), "\(route): \(description)")
                #expect(statuses.isSuperset(of: ["401", "403"]), "\(route)")
            } else {
                #expect(operation["security"] == .array([]), "\(route)")
                #expect(description.contains("Public: no key needed."), "\(route): \(description)")
                #expect(!statuses.contains("403"), "\(route)")
            }
        }
        // The release, permissions and tiers are the code's.
        #expect(document["info"]?["version"] == .string(FaultRayVersion.current))
        let schemas = document["components"]?["schemas"]
        #expect(schemas?["Permission"]?["enum"] == .array(Permission.allCases.map { .string($0.rawValue) }))
        #expect(schemas?["Tier"]?["enum"] == .array(Tier.allCases.map { .string($0.rawValue) }))
        #expect(schemas?["ChatIntent"]?["enum"] == .array(ChatIntent.allCases.map { .string($0.rawValue) }))
        // The served document is the one expanded from openapi.yaml.
        try await withServer { client in
            let response = try await client.get("/api/v2/openapi.json")
            #expect(response.headers[.contentType] == "application/json")
            #expect(String(buffer: response.body) == OpenAPIDocument.served)
        }
    }
}

@Suite struct ChatAnswerSchemaTests {
    /// Chat's answer is a `oneOf` of one schema per shape of `data`, which the generated code tells apart by
    /// `intent` (its discriminator): every intent of the chat is mapped once, to the one branch whose `intent` allows it.
    @Test func everyIntentIsMappedToTheOneBranchThatAllowsIt() throws {
        let schemas = ResponseContract.served.document["components"]?["schemas"]
        let answer = schemas?["ChatAnswer"]
        #expect(answer?["discriminator"]?["propertyName"] == .string("intent"))
        let mapping = try #require(answer?["discriminator"]?["mapping"]?.objectValue)
        #expect(Set(mapping.keys) == Set(ChatIntent.allCases.map(\.rawValue)))
        let branches = try #require(answer?["oneOf"]?.arrayValue).compactMap(\.["$ref"]?.string)
        #expect(Set(mapping.values.compactMap(\.string)) == Set(branches))
        for branch in branches {
            let allowed = schemas?[String(branch.split(separator: "/").last ?? "")]?["properties"]?["intent"]?["enum"]?.arrayValue ?? []
            let mapped = mapping.filter { $0.value == .string(branch) }.keys
            #expect(Set(allowed.compactMap(\.string)) == Set(mapped), "\(branch)")
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
