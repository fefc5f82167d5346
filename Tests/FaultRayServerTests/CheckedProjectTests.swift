@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The generated operations whose guard checks the project before the body (`.jsonAfterProject`, `.model`) hand the
/// checked project to the handler, which does not read it from the store again: one read of the project per request.
@Suite("Checked project")
struct CheckedProjectTests {
    @Test func theProjectIsReadOncePerRequest() async throws {
        let store = CountingStore(base: try await memoryStore())
        try await withServer(store: store) { client in
            #expect(try await client.post("/api/projects", #"{"name": "Payments", "id": "payments"}"#).status == .created)
            let requests: [(String, @Sendable () async throws -> TestResponse)] = [
                ("PUT /infrastructure", {
                    try await client.put("/api/infrastructure?project=payments", ModelRouteTests.small, contentType: "application/yaml")
                }),
                ("PUT /projects/{project_id}/infrastructure", {
                    try await client.put("/api/projects/payments/infrastructure", ModelRouteTests.small, contentType: "application/yaml")
                }),
                ("POST /calendar/schedule", {
                    try await client.post("/api/calendar/schedule?project=payments", #"{"name": "x", "target_components": ["db"]}"#)
                }),
                ("POST /calendar/blackouts", {
                    try await client.post("/api/calendar/blackouts?project=payments", #"{"name": "x", \#(CalendarBodyTests.window)}"#)
                }),
            ]
            for (name, request) in requests {
                let before = store.projectReads
                let response = try await request()
                #expect(response.status.code < 300, "\(name): \(String(buffer: response.body))")
                #expect(store.projectReads - before == 1, "\(name) read the project \(store.projectReads - before) times")
            }
        }
    }
}
