import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Keys stored straight into a store, for tests.
struct TestKeys {
    let store: any Store

    /// Creates a key with `permissions` and returns it.
    func make(_ permissions: [Permission], tier: Tier = .enterprise, project: String? = nil) async throws -> String {
        let (key, record) = APIKeys.make(name: "test", permissions: permissions, tier: tier, project: project, now: testStart)
        try await store.createKey(record)
        return key
    }
}

func bearer(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)"] }

@Suite("API keys, permissions and projects")
struct AccessTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func keysAreLongRandomBase62AndStoredHashed() {
        let (key, record) = APIKeys.make(name: "ci", permissions: [.viewResults], tier: .basic, project: nil, now: testStart)
        let secret = key.dropFirst(APIKeys.scheme.count)
        #expect(key.hasPrefix("fr_live_") && secret.count == 43)
        #expect(secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(record.keyHash == SHA256.hex(key) && !record.keyHash.contains(String(secret)))
        #expect(APIKeys.make(name: "ci", permissions: [.viewResults], tier: .basic, project: nil, now: testStart).key != key)
    }

    /// The rule that needs no store is applied without it only when it is known: `--require-auth`, or a look at the
    /// store within `configuredTTL`; before the first look the caller must await `authorize`.
    @Test func authorizationSkipsTheStoreOnlyWhenTheRuleIsKnown() async throws {
        let store = try await memoryStore()
        try await closing(store) {
            let access = Access(store: store, configuration: ServerConfiguration(), clock: Date.init)
            #expect(try access.authorizeWithoutStore(.anonymous, for: .viewResults) == false)
            try await access.authorize(.anonymous, for: .viewResults)
            #expect(try access.authorizeWithoutStore(.anonymous, for: .viewResults) == true)
            let key = try await TestKeys(store: store).make([.viewResults])
            access.keysChanged()
            #expect(try access.authorizeWithoutStore(.anonymous, for: .viewResults) == false)
            #expect(try await access.isConfigured())
            #expect(#expect(throws: APIError.self) { try access.authorizeWithoutStore(.anonymous, for: .viewResults) }?.status == .unauthorized)
            guard case .key(let hash) = access.credentials(Request(head: .init(method: .get, scheme: nil, authority: nil, path: "/", headerFields: bearer(key)), body: .init(buffer: .init()))) else {
                Issue.record("a well-formed key is to be looked up")
                return
            }
            let caller = try await access.caller(keyHash: hash)
            #expect(throws: Never.self) { try access.authorizeWithoutStore(caller, for: .viewResults) }
            var required = ServerConfiguration()
            required.requireAuth = true
            let closed = Access(store: store, configuration: required, clock: Date.init)
            #expect(#expect(throws: APIError.self) { try closed.authorizeWithoutStore(.anonymous, for: .viewResults) }?.status == .unauthorized)
        }
    }

    @Test func withoutKeysEverythingIsOpen() async throws {
        try await withServer { client async throws in
            #expect(try await client.get("/api/topology").status == .ok)
            #expect(try await client.get("/api/topology", headers: [.authorization: "Bearer nonsense"]).status == .ok)
            #expect(try await client.post("/api/simulate-failure/database").status == .ok)
        }
    }

    @Test func requireAuthClosesTheAPIBeforeAnyKeyExists() async throws {
        try await withServer(configure: { $0.requireAuth = true }) { client async throws in
            let response = try await client.get("/api/topology")
            expectError(response, .unauthorized, containing: "Bearer")
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try await client.get("/api/health").status == .ok)
        }
    }

    /// Every protected route refuses no key, a malformed header, an unknown key, a revoked key and a key
    /// lacking its permission; public routes refuse nothing.
    @Test func theAuthMatrixHoldsOnEveryRoute() async throws {
        let store = try await memoryStore()
        let keys = TestKeys(store: store)
        let all = try await keys.make(Permission.allCases)
        let (revoked, record) = APIKeys.make(name: "old", permissions: Permission.allCases, tier: .enterprise, project: nil, now: testStart)
        try await store.createKey(record)
        #expect(try await store.revokeKey(id: record.id, at: "2026-03-15T10:30:00+00:00"))
        var keysLacking: [Permission: String] = [:]
        for permission in Permission.allCases {
            keysLacking[permission] = try await keys.make(Permission.allCases.filter { $0 != permission })
        }
        let lacking = keysLacking
        let routes = try await routeTable().routes
        try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
            for route in routes {
                let uri = route.path.replacingOccurrences(of: "{component_id}", with: "database")
                    .replacingOccurrences(of: "{project_id}", with: "default").replacingOccurrences(of: "{key_id}", with: "key_none")
                let method = HTTPRequest.Method(route.method)!
                func call(_ headers: HTTPFields) async throws -> TestResponse {
                    try await client.execute(uri: uri, method: method, headers: headers)
                }
                guard let permission = route.permission else {
                    #expect(![.unauthorized, .forbidden].contains(try await call([:]).status), "\(route.method) \(uri)")
                    continue
                }
                for headers: HTTPFields in [[:], [.authorization: "Basic abc"], [.authorization: "Bearer"], bearer("fr_live_unknown"), bearer(revoked)] {
                    let response = try await call(headers)
                    expectError(response, .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] != nil, "\(route.method) \(uri)")
                    #expect(!String(buffer: response.body).contains(revoked))
                }
                expectError(try await call(bearer(lacking[permission]!)), .forbidden, containing: permission.rawValue)
                #expect(![.unauthorized, .forbidden].contains(try await call(bearer(all)).status), "\(route.method) \(uri)")
            }
        }
    }

    @Test func aKeyConfinedToAProjectSeesNoOther() async throws {
        let store = try await memoryStore()
        for id in ["alpha", "beta"] {
            _ = try await store.createProject(Project(id: id, name: id, description: "", createdAt: "2026-03-15T10:30:00+00:00"))
        }
        let alpha = try await TestKeys(store: store).make(Permission.allCases, project: "alpha")
        _ = try await TestKeys(store: store).make([.viewResults])
        try await withServer(store: store) { client async throws in
            #expect(try await client.get("/demo?project=alpha", headers: bearer(alpha)).status == .ok)
            #expect(try await client.get("/api/topology?project=alpha", headers: bearer(alpha)).status == .ok)
            for uri in ["/api/topology?project=beta", "/api/topology", "/api/projects/beta", "/api/score-history?project=beta"] {
                expectError(try await client.get(uri, headers: bearer(alpha)), .notFound, containing: "not found")
            }
            // Beta and a project that does not exist look the same.
            let beta = envelope(try await client.get("/api/projects/beta", headers: bearer(alpha)))?.message.replacingOccurrences(of: "beta", with: "x")
            let none = envelope(try await client.get("/api/projects/nothing", headers: bearer(alpha)))?.message.replacingOccurrences(of: "nothing", with: "x")
            #expect(beta == none)
            let list = try Body(try await client.get("/api/projects", headers: bearer(alpha)).body)
            #expect((list["projects"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["alpha"])
            expectError(try await client.post("/api/projects", #"{"name": "gamma"}"#, headers: bearer(alpha)), .forbidden)
            // Deleting the project revokes the keys confined to it.
            #expect(try await client.execute(uri: "/api/projects/alpha", method: .delete, headers: bearer(alpha)).status == .ok)
            expectError(try await client.get("/api/projects", headers: bearer(alpha)), .unauthorized)
        }
    }

    @Test func keysOverHTTPAreShownOnceListedWithoutSecretsAndRevocable() async throws {
        let store = try await memoryStore()
        let admin = try await TestKeys(store: store).make(Permission.allCases)
        try await withServer(store: store) { client async throws in
            let headers = bearer(admin)
            let created = try await client.post("/api/keys", #"{"name": "ci", "permissions": ["view_results"], "tier": "basic"}"#, headers: headers)
            #expect(created.status == .created)
            let body = try Body(created.body)
            let key = try #require(body["key"] as? String)
            let id = try #require(body["id"] as? String)
            #expect(key.hasPrefix("fr_live_") && body["tier"] as? String == "basic")
            let list = String(buffer: try await client.get("/api/keys", headers: bearer(admin)).body)
            #expect(list.contains(id) && !list.contains(key) && !list.contains(SHA256.hex(key)))
            #expect(try await client.get("/api/topology", headers: bearer(key)).status == .ok)
            expectError(try await client.post("/api/simulate", headers: bearer(key)), .forbidden, containing: "run_simulation")
            #expect(try await client.execute(uri: "/api/keys/\(id)", method: .delete, headers: bearer(admin)).status == .ok)
            expectError(try await client.get("/api/topology", headers: bearer(key)), .unauthorized, containing: "revoked")
            expectError(try await client.execute(uri: "/api/keys/\(id)", method: .delete, headers: bearer(admin)), .notFound)
        }
    }

    @Test(arguments: [
        (#"{"name": "x", "permissions": []}"#, "at least one"),
        (#"{"name": "x", "permissions": ["view_result"]}"#, "did you mean 'view_results'"),
        (#"{"name": "x", "permissions": ["view_results"], "tier": "gold"}"#, "unknown tier 'gold'"),
        (#"{"name": "", "permissions": ["view_results"]}"#, "name"),
        (#"{"name": "x", "permissions": ["view_results"], "project": "nope"}"#, "no project 'nope'"),
        (#"{"name": "x", "permissions": ["view_results"], "scope": "all"}"#, "unknown field 'scope'"),
        (#"{"permissions": ["view_results"]}"#, "name"),
    ])
    func badKeyRequestsAre400(body: String, message: String) async throws {
        try await withServer { client async throws in
            expectError(try await client.post("/api/keys", body), .badRequest, containing: message)
        }
    }

    @Test func aKeyCannotGrantWhatItLacks() async throws {
        let store = try await memoryStore()
        let manager = try await TestKeys(store: store).make([.createProject])
        try await withServer(store: store) { client async throws in
            expectError(try await client.post("/api/keys", #"{"name": "x", "permissions": ["run_simulation"]}"#, headers: bearer(manager)),
                        .forbidden, containing: "run_simulation")
        }
    }

    /// Issue 18, item 8: a free-tier key with `create_project` created enterprise keys.
    @Test func aKeyCannotGrantAHigherTierOrAWiderScope() async throws {
        let store = try await memoryStore()
        _ = try await store.createProject(Project(id: "alpha", name: "alpha", description: "", createdAt: "2026-03-15T10:30:00+00:00"))
        let keys = TestKeys(store: store)
        let free = try await keys.make(Permission.allCases, tier: .free)
        let pro = try await keys.make(Permission.allCases, tier: .pro)
        let confined = try await keys.make(Permission.allCases, tier: .enterprise, project: "alpha")
        try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
            func create(_ tier: String, project: String? = nil, by key: String) async throws -> TestResponse {
                let scope = project.map { #", "project": "\#($0)""# } ?? ""
                return try await client.post("/api/keys", #"{"name": "k", "permissions": ["view_results"], "tier": "\#(tier)"\#(scope)}"#, headers: bearer(key))
            }
            for tier in ["basic", "pro", "enterprise"] {
                expectError(try await create(tier, by: free), .forbidden, containing: "tier '\(tier)'")
            }
            #expect(try await create("free", by: free).status == .created)
            expectError(try await create("enterprise", by: pro), .forbidden, containing: "above its own 'pro'")
            #expect(try await create("pro", by: pro).status == .created)
            #expect(try await create("basic", by: pro).status == .created)
            // Scope: a confined key cannot create an unconfined key, only one for its project.
            expectError(try await create("free", by: confined), .forbidden, containing: "alpha")
            #expect(try await create("enterprise", project: "alpha", by: confined).status == .created)
            // What the tier check refused was not stored.
            let tiers = (try Body(try await client.get("/api/keys", headers: bearer(pro)).body)["keys"] as? [[String: Any]])?.compactMap { $0["tier"] as? String } ?? []
            #expect(tiers.sorted() == ["basic", "enterprise", "enterprise", "free", "free", "pro", "pro"])
        }
    }

    @Test func projectsHaveTheirOwnModelAndHistory() async throws {
        try await withServer { client async throws in
            let created = try await client.post("/api/projects", #"{"name": "Payments Team", "description": "cards"}"#)
            #expect(created.status == .created)
            #expect(try Body(created.body)["id"] as? String == "payments-team")
            expectError(try await client.post("/api/projects", #"{"name": "Payments Team"}"#), .conflict)
            expectError(try await client.post("/api/projects", #"{"id": "Bad Id", "name": "x"}"#), .badRequest, containing: "project id")
            expectError(try await client.get("/api/topology?project=payments-team"), .badRequest, containing: "No infrastructure loaded")
            #expect(try await client.put("/api/projects/payments-team/infrastructure", ModelRouteTests.small, contentType: "application/yaml").status == .ok)
            let small = try Body(try await client.get("/api/topology?project=payments-team").body)
            let demo = try Body(try await client.get("/api/topology").body)
            #expect((small["nodes"] as? [Any])?.count == 2 && (demo["nodes"] as? [Any])?.count == 12)
            let history = try Body(try await client.get("/api/v1/score-history?project=payments-team").body)
            #expect(history["count"] as? Int == 1)
            let view = try Body(try await client.get("/api/projects/payments-team").body)
            #expect((view["model"] as? [String: Any])?["components"] as? Int == 2)
            expectError(try await client.execute(uri: "/api/projects/default", method: .delete), .badRequest, containing: "default")
            #expect(try await client.execute(uri: "/api/projects/payments-team", method: .delete).status == .ok)
            expectError(try await client.get("/api/topology?project=payments-team"), .notFound)
            expectError(try await client.get("/api/projects/payments-team"), .notFound)
        }
    }
}
