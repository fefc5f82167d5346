import FaultRayCore
@testable import FaultRayServer
import FaultRayStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The generated operations whose guard checks the project before the body (`.jsonAfterProject`, `.model`) hand the
/// checked project to the handler, which does not read it from the store again: one read of the project per request.
@Suite("Checked project")
struct CheckedProjectTests {
    @Test func theProjectIsReadOncePerRequest() async throws {
        let store = ProjectReadCountingStore(base: try await memoryStore())
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
                let before = store.reads
                let response = try await request()
                #expect(response.status.code < 300, "\(name): \(String(buffer: response.body))")
                #expect(store.reads - before == 1, "\(name) read the project \(store.reads - before) times")
            }
        }
    }
}

/// Counts the reads of projects (`Store.project(id:)`).
struct ProjectReadCountingStore: StoreWrapper {
    let base: any Store
    private let count = Locked(0)

    var reads: Int { count.withLock { $0 } }

    func project(id: String) async throws -> Project? {
        count.withLock { $0 += 1 }
        return try await base.project(id: id)
    }
}
