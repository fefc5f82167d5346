@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The request bodies of the calendar's generated operations are read as the hand-written routes read them: the
/// size limit, the media type, an empty body, the project first, then the JSON types, unknown fields and each
/// field's rule, with the same answers.
@Suite("Calendar request bodies")
struct CalendarBodyTests {
    static let window = #""starts_at": "2026-12-20T00:00:00Z", "ends_at": "2027-01-02T00:00:00Z""#

    @Test(arguments: ["/api/calendar/schedule", "/api/v1/calendar/blackouts"])
    func bodiesAreCheckedBeforeTheyAreDecoded(uri: String) async throws {
        try await withServer(maxBodyBytes: 256) { client in
            expectError(try await client.post(uri), .badRequest, containing: "Request body is required: a JSON object.")
            expectError(try await client.post(uri, "", headers: [.contentType: "text/plain"]), .badRequest, containing: "Request body is required")
            expectError(try await client.post(uri, #"{"name": "x"}"#, headers: [.contentType: "text/plain; charset=utf-8"]), .unsupportedMediaType,
                        containing: "Unsupported media type 'text/plain'; send JSON with Content-Type: application/json.")
            expectError(try await client.post(uri, String(repeating: " ", count: 257)), .contentTooLarge,
                        containing: "Request body is larger than the limit of 256 bytes.")
            expectError(try await client.post(uri, #"{"name":"#), .badRequest, containing: "Request body is not valid JSON.")
            expectError(try await client.post(uri, "[]"), .badRequest, containing: "expected an object")
            // The project is checked before the body.
            expectError(try await client.post(uri + "?project=nope", ""), .notFound, containing: "Project 'nope' not found.")
        }
    }

    @Test(arguments: [
        ("/api/calendar/schedule", #"{"name": 5, "zzz": 1}"#, "field 'name': expected a string"),
        ("/api/calendar/schedule", #"{"name": "", "recurence": "weekly"}"#, "unknown field 'recurence' (did you mean 'recurrence'?)"),
        ("/api/calendar/schedule", #"{"name": "", "recurrence": "fortnightly", "scheduled_time": "bad"}"#, "field 'name': required"),
        ("/api/calendar/schedule", #"{"name": "x", "recurrence": "fortnightly", "scheduled_time": "bad"}"#, "field 'recurrence': expected one of"),
        ("/api/calendar/schedule", #"{"name": "x", "scheduled_time": "bad", "target_components": 5}"#, "field 'target_components': expected an array"),
        ("/api/calendar/schedule", #"{"name": null}"#, "field 'name': required, 1 to 200 characters"),
        ("/api/calendar/blackouts", #"{"name": "x", "starts_at": "2026-12-01T00:00:00Z"}"#, "missing required field 'ends_at'"),
        ("/api/calendar/blackouts", #"{"name": null, "starts_at": 1}"#, "field 'name': expected a string, found null"),
        ("/api/calendar/blackouts", #"{"name": "", "starts_at": "bad", "ends_at": "bad"}"#, "field 'name': required"),
        ("/api/calendar/blackouts", #"{"name": "x", "starts_at": "bad", "ends_at": "bad", "why": 1}"#, "unknown field 'why'; expected: ends_at, name, reason, starts_at"),
    ])
    func theFirstFaultOfABodyIsNamedAsBefore(uri: String, body: String, message: String) async throws {
        try await withServer { client in
            expectError(try await client.post(uri, body), .badRequest, containing: message)
        }
    }

    @Test func jsonMediaTypesAndNoneAreAccepted() async throws {
        try await withServer { client in
            let merge = try await client.post("/api/calendar/schedule", #"{"name": "a"}"#, headers: [.contentType: "application/merge-patch+json"])
            #expect(merge.status == .created)
            let bare = try await client.execute(uri: "/api/calendar/blackouts", method: .post, body: ByteBuffer(string: "{\"name\": \"b\", \(Self.window)}"))
            #expect(bare.status == .created && bare.headers[.contentType] == "application/json")
            #expect(try Body(bare.body)["starts_at"] as? String == "2026-12-20T00:00:00+00:00")
        }
    }

    /// The hand-written types of the request bodies take exactly the properties of their schemas in the document.
    @Test func theRequestTypesTakeTheDocumentsProperties() throws {
        for (name, fields) in [("ScheduleRequest", ScheduleRequest.fields), ("BlackoutRequest", BlackoutRequest.fields)] {
            #expect(try schemaProperties(name) == fields, "\(name)")
        }
    }
}

/// The names of the properties of the schema `name` in the served document.
func schemaProperties(_ name: String) throws -> Set<String> {
    let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.served.utf8)) as? [String: Any])
    let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
    let properties = try #require((schemas[name] as? [String: Any])?["properties"] as? [String: Any], "\(name)")
    return Set(properties.keys)
}
