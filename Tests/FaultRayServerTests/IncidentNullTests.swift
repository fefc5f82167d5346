import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The incidents and their replay are generated operations whose answers have required fields that may be null:
/// those are written `null`, never left out (the generated types would leave a nil out).
@Suite("Incidents: required fields that may be null")
struct IncidentNullTests {
    /// A DNS entry point on Dyn, with revenue: the replay of Dyn's 6-hour outage costs 6 × 60 minutes of it.
    static let edge = """
        name: edge
        components:
          - {id: edge, name: Edge, type: dns, tags: ["dyn:dns"], cost_profile: {revenue_per_minute: 100}}
        """

    @Test func nullIsWrittenAndValuesAreKept() async throws {
        try await withServer { client in
            let list = String(buffer: try await client.get("/api/incidents").body)
            #expect(list.contains(#""post_mortem_url":null"#))
            #expect(list.contains(#""post_mortem_url":"https://dyn.com/blog/dyn-analysis-summary-of-friday-october-21-attack/""#))
            let demo = String(buffer: try await client.post("/api/replay/dyn-ddos-2016-10").body)
            #expect(demo.contains(#""revenue_impact_estimate":null"#))
            #expect(try await client.put("/api/infrastructure", Self.edge, contentType: "application/yaml").status == .ok)
            let replay = try Body(try await client.post("/api/replay/dyn-ddos-2016-10").body)
            #expect(replay["revenue_impact_estimate"] as? Double == 36_000)
        }
    }
}
