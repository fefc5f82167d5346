import FaultRayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Incidents, replay and marketplace routes")
struct CatalogRouteTests {
    @Test func incidentsAreListedAndFilteredByProvider() async throws {
        try await withServer(start: .stored) { client async throws in
            let all = try Body(try await client.get("/api/incidents").body)
            #expect((all["count"] as? Int ?? 0) >= 18)
            let aws = try Body(try await client.get("/api/incidents?provider=AWS").body)
            let incidents = try #require(aws["incidents"] as? [[String: Any]])
            #expect(!incidents.isEmpty && incidents.allSatisfy { $0["provider"] as? String == "aws" })
            #expect(incidents.contains { $0["id"] as? String == "aws-us-east-1-2017" })
        }
    }

    @Test func theContractReplayIsDeterministicAndListsEachComponentOnce() async throws {
        try await withServer { client async throws in
            let first = try await client.post("/api/replay/aws-us-east-1-2017")
            #expect(first.status == .ok)
            let second = try await client.post("/api/v1/replay/aws-us-east-1-2017")
            #expect(first.body == second.body)
            let body = try Body(first.body)
            let ids = try #require(body["affected_components"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(Set(ids).count == ids.count && ids.contains("object-storage"))
            expectError(try await client.post("/api/replay/aws-us-east-2017"), .notFound, containing: "did you mean 'aws-us-east-1-2017'")
            expectError(try await client.get("/api/replay/aws-us-east-1-2017"), .methodNotAllowed)
        }
    }

    @Test func packagesAreFilteredAndTheContractExamplesExist() async throws {
        try await withServer { client async throws in
            let database = try Body(try await client.get("/api/marketplace/packages?category=database").body)
            let ids = try #require(database["packages"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(ids.contains("aws-rds-failures"))
            let listing = String(buffer: try await client.get("/api/marketplace/packages").body)
            #expect(!listing.contains("\"rating\"") && !listing.contains("\"downloads\""))
            #expect(try await client.get("/api/marketplace/packages/aws-rds-failures").status == .ok)
            expectError(try await client.get("/api/marketplace/packages/nope"), .notFound, containing: "Unknown package")
        }
    }

    @Test func installingBindsToRealComponentsOnceAndFeedsFullRuns() async throws {
        try await withServer { client async throws in
            let before = try Body(try await client.post("/api/simulate").body)
            let installed = try await client.post("/api/marketplace/install/aws-rds-failures")
            #expect(installed.status == .created)
            let report = try Body(installed.body)
            #expect((report["bound"] as? Int ?? 0) > 0 && report["already_installed"] as? Bool == false)
            #expect(String(buffer: installed.body).contains("\"database\""))
            let again = try await client.post("/api/marketplace/install/aws-rds-failures")
            let againBody = try Body(again.body)
            #expect(again.status == .ok && againBody["already_installed"] as? Bool == true)
            let list = try Body(try await client.get("/api/marketplace/installed").body)
            #expect((list["installed"] as? [Any])?.count == 1)
            let after = try Body(try await client.post("/api/simulate").body)
            #expect((after["generated"] as? Int ?? 0) > (before["generated"] as? Int ?? 0))
            let categories = try #require(after["categories"] as? [[String: Any]])
            #expect(categories.contains { $0["category"] as? String == "marketplace" && ($0["generated"] as? Int ?? 0) > 0 })
            // Installed scenarios can be scheduled by id.
            let bound = try #require((report["report"] as? [[String: Any]])?.first { $0["bound"] as? Bool == true }?["id"] as? String)
            #expect(try await client.post("/api/calendar/schedule", "{\"name\": \"rds\", \"scenario_ids\": [\"\(bound)\"]}").status == .created)
        }
    }
}
