import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Free text the API stores: bounded (names 200 characters, descriptions 4,000, id lists 1,000
/// entries), without control characters (a NUL was echoed, then stored cut), else a 400 naming the field.
@Suite("Stored text fields")
struct TextFieldTests {
    static let long = String(repeating: "é", count: 4_001)
    static let window = #""starts_at": "2026-12-20T00:00:00Z", "ends_at": "2027-01-02T00:00:00Z""#

    @Test(arguments: [
        ("/api/projects", #"{"id": "p", "name": "a\u0000b"}"#, "field 'name': no control characters; found U+0000"),
        ("/api/projects", #"{"id": "p", "name": "two\nlines"}"#, "found U+000A"),
        ("/api/projects", #"{"id": "p", "name": "\ttabbed"}"#, "found U+0009"),
        ("/api/projects", #"{"id": "p", "name": "x", "description": "cut\u0000here"}"#, "field 'description': no control characters but tab and line breaks; found U+0000"),
        ("/api/projects", #"{"id": "p", "name": "x", "description": "bell\u0007"}"#, "found U+0007"),
        ("/api/keys", #"{"name": "\u0000", "permissions": ["view_results"]}"#, "field 'name'"),
        ("/api/calendar/schedule", #"{"name": "e\u001b[31m"}"#, "found U+001B"),
        ("/api/calendar/schedule", #"{"name": "e", "description": "\u0000"}"#, "field 'description'"),
        ("/api/calendar/blackouts", #"{"name": "b", "reason": "\u007f", \#(window)}"#, "field 'reason'"),
    ])
    func controlCharactersAre400(uri: String, body: String, message: String) async throws {
        try await withServer { client async throws in
            expectError(try await client.post(uri, body), .badRequest, containing: message)
            #expect((try Body(try await client.get("/api/projects").body)["projects"] as? [Any])?.count == 1)
        }
    }

    @Test func tabsAndLineBreaksInDescriptionsAreStoredExactly() async throws {
        try await withServer { client async throws in
            let description = "line one\r\nline\ttwo\n" + String(repeating: "é", count: 3_980)
            let body = try JSONSerialization.data(withJSONObject: ["id": "p", "name": String(repeating: "n", count: 200), "description": description])
            #expect(try await client.post("/api/projects", String(decoding: body, as: UTF8.self)).status == .created)
            #expect(try Body(try await client.get("/api/projects/p").body)["description"] as? String == description)
        }
    }

    /// Bodies with `LONG_NAME` (201 characters), `LONG_TEXT` (4,001) or `MANY` (1,001 copies of the
    /// next quoted id) in place of a value.
    @Test(arguments: [
        ("/api/projects", #"{"id": "p", "name": LONG_NAME}"#, "field 'name': required, 1 to 200 characters"),
        ("/api/projects", #"{"id": "p", "name": "x", "description": LONG_TEXT}"#, "field 'description': at most 4000 characters; got 4001"),
        ("/api/keys", #"{"name": LONG_NAME, "permissions": ["view_results"]}"#, "field 'name'"),
        ("/api/calendar/schedule", #"{"name": "e", "description": LONG_TEXT}"#, "field 'description': at most 4000"),
        ("/api/calendar/schedule", #"{"name": "e", "target_components": [MANY "database"]}"#, "field 'target_components': at most 1000 entries; got 1001"),
        ("/api/calendar/schedule", #"{"name": "e", "scenario_ids": [MANY "single-failure-database"]}"#, "field 'scenario_ids'"),
        ("/api/calendar/blackouts", #"{"name": "b", "reason": LONG_TEXT, \#(window)}"#, "field 'reason': at most 4000"),
    ])
    func textBeyondItsLimitIs400(uri: String, body: String, message: String) async throws {
        var json = body.replacingOccurrences(of: "LONG_NAME", with: "\"\(String(repeating: "n", count: 201))\"")
            .replacingOccurrences(of: "LONG_TEXT", with: "\"\(Self.long)\"")
        if let many = json.range(of: #"MANY ("[^"]*")"#, options: .regularExpression) {
            let id = json[many].dropFirst(5)
            json.replaceSubrange(many, with: Array(repeating: id, count: 1_001).joined(separator: ", "))
        }
        try await withServer { [json] client async throws in
            expectError(try await client.post(uri, json), .badRequest, containing: message)
        }
    }
}
