import FaultRayStore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 17: the keys, projects and session operations moved to the generated server; what a client sees of them
/// (the 405's `Allow`, bad bodies' messages, parameters as written) is unchanged.
@Suite("Keys, projects and session: answers unchanged by the generated server")
struct KeyProjectOperationTests {
    @Test(arguments: [
        ("/api/keys", "POST, GET, HEAD"), ("/api/keys/key_x", "DELETE"), ("/api/projects", "POST, GET, HEAD"),
        ("/api/v1/projects/alpha", "GET, HEAD, DELETE"), ("/api/projects/alpha/infrastructure", "PUT"), ("/api/v2/session", "GET, HEAD"),
    ])
    func aWrongMethodIs405WithAllow(path: String, allow: String) async throws {
        try await withServer { client async throws in
            let response = try await client.execute(uri: path, method: .patch)
            expectError(response, .methodNotAllowed, containing: "PATCH is not allowed on \(path); allowed: \(allow).")
            #expect(response.headers[.allow] == allow)
        }
    }

    @Test(arguments: [
        ("/api/keys", "", HTTPResponse.Status.badRequest, "Request body is required: a JSON object."),
        ("/api/keys", #"{"name": "#, .badRequest, "Request body is not valid JSON."),
        ("/api/keys", "[1]", .badRequest, "expected an object"),
        ("/api/keys", "null", .badRequest, "expected an object, found null"),
        ("/api/keys", #"{"name": null, "permissions": []}"#, .badRequest, "field 'name': expected a string, found null"),
        ("/api/keys", #"{"name": "x", "permissions": "view_results"}"#, .badRequest, "field 'permissions': expected an array"),
        ("/api/keys", #"{"name": "x", "permissions": [1]}"#, .badRequest, "field 'permissions.[0]': expected a string"),
        ("/api/keys", #"{"name": "x", "permissions": ["view_results"], "tier": 5}"#, .badRequest, "field 'tier': expected a string"),
        ("/api/keys", #"{"name": 5, "zz": 1, "aa": 2}"#, .badRequest, "field 'name': expected a string"),
        ("/api/keys", #"{"name": "x", "permissions": ["nope"], "zz": 1}"#, .badRequest,
         "unknown field 'zz'; expected: name, permissions, project, tier"),
        ("/api/projects", #"{"name": "x", "public_badges": "yes"}"#, .badRequest, "field 'public_badges': expected a boolean"),
        ("/api/projects", #"{"name": "   "}"#, .badRequest, "field 'name': required, 1 to 200 characters"),
    ])
    func aBadBodyIsAnsweredAsBefore(path: String, body: String, status: HTTPResponse.Status, message: String) async throws {
        try await withServer { client async throws in
            let response = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == status)
            #expect(envelope(response)?.message == message)
        }
    }

    @Test func aBodyThatIsNotJSONIs415() async throws {
        try await withServer { client async throws in
            for path in ["/api/keys", "/api/projects"] {
                let response = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/yaml"], body: ByteBuffer(string: "{}"))
                expectError(response, .unsupportedMediaType, containing: "Unsupported media type 'application/yaml'; send JSON with Content-Type: application/json.")
            }
        }
    }

    /// The hand-written types of the request bodies take exactly the properties of their schemas in the document.
    @Test func theRequestTypesTakeTheDocumentsProperties() throws {
        #expect(try schemaProperties("NewKeyRequest") == NewKey.fields)
        #expect(try schemaProperties("NewProject") == NewProject.fields)
    }

    /// Issue 17: loading a model is generated too; its body is checked in the order the hand-written route did: the
    /// project, the media type, the size, an empty body, then the loader's line and column and the component limit.
    @Test(arguments: ["/api/infrastructure", "/api/v1/projects/default/infrastructure"])
    func aModelBodyIsCheckedAsBefore(uri: String) async throws {
        try await withServer(maxBodyBytes: 64, configure: { $0.maxComponents = 1 }) { client async throws in
            let unknown = uri.contains("/projects/") ? uri.replacingOccurrences(of: "default", with: "nope") : uri + "?project=nope"
            expectError(try await client.put(unknown, "x", contentType: "application/xml"), .notFound, containing: "Project 'nope' not found.")
            expectError(try await client.put(uri, String(repeating: " ", count: 65), contentType: "application/xml"), .unsupportedMediaType,
                        containing: "Unsupported media type 'application/xml'; send the model as application/yaml or application/json.")
            expectError(try await client.put(uri, String(repeating: " ", count: 65), contentType: "text/yaml"), .contentTooLarge,
                        containing: "Request body is larger than the limit of 64 bytes.")
            expectError(try await client.put(uri, "", contentType: nil), .badRequest, containing: "Request body is required: the model as YAML or JSON.")
            expectError(try await client.put(uri, "components:\n  - {id: a, typ: cache}", contentType: "text/plain; charset=utf-8"), .badRequest,
                        containing: "Invalid model: 2:13: components[0].typ: unknown key 'typ' (did you mean 'type'?)")
            expectError(try await client.put(uri, #"{"components": [{"id": "a"}, {"id": "b"}]}"#, contentType: "application/json"), .contentTooLarge,
                        containing: "The model has 2 components; this server accepts at most 1")
            let loaded = try await client.put(uri, "components: [{id: a}]", contentType: "application/yaml")
            #expect(loaded.status == .ok && loaded.headers[.contentType] == "application/json")
            #expect(try Body(loaded.body)["components"] as? Int == 1)
        }
    }

    @Test func pathParametersAreReadAsWritten() async throws {
        try await withServer { client async throws in
            for (path, name) in [("pay%20ments", "pay ments"), ("a%zz", "a%zz"), ("a+b", "a+b")] {
                expectError(try await client.get("/api/projects/\(path)"), .notFound, containing: "Project '\(name)' not found.")
                expectError(try await client.execute(uri: "/api/projects/\(path)", method: .delete), .notFound, containing: "Project '\(name)' not found.")
            }
            expectError(try await client.execute(uri: "/api/keys/key%20x", method: .delete), .notFound, containing: "No active key 'key x'.")
        }
    }

    @Test func aKeyConfinedToAProjectCannotRevokeAnotherKey() async throws {
        let store = try await memoryStore()
        _ = try await store.createProject(Project(id: "alpha", name: "alpha", description: "", createdAt: "2026-03-15T10:30:00+00:00"))
        let keys = TestKeys(store: store)
        let admin = try await keys.make(Permission.allCases)
        let confined = try await keys.make([.createProject, .viewResults], project: "alpha")
        let adminID = try #require(try await store.keys().first { $0.project == nil }?.id)
        try await withServer(store: store) { client async throws in
            expectError(try await client.execute(uri: "/api/keys/\(adminID)", method: .delete, headers: bearer(confined)), .notFound,
                        containing: "No active key '\(adminID)'.")
            let listed = try Body(try await client.get("/api/keys", headers: bearer(confined)).body)
            #expect(listed["count"] as? Int == 1)
            let revoked = try Body(try await client.execute(uri: "/api/keys/\(adminID)", method: .delete, headers: bearer(admin)).body)
            #expect(revoked["status"] as? String == "revoked" && revoked["id"] as? String == adminID)
            #expect((revoked["revoked_at"] as? String)?.hasSuffix("+00:00") == true)
        }
    }
}
