import FaultRayCore
@testable import FaultRayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Dashboard routes: pages, files, /api/topology/layout, /api/session")
struct DashboardRouteTests {
    @Test func thePageAndItsFilesAreServedFromTheBinaryWithoutOutsideSources() async throws {
        try await withServer { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
            let html = String(buffer: page.body)
            #expect(html.contains(#"<script type="module" src="/dashboard/app.js">"#))
            // Every file the page and its modules name is served, and none comes from elsewhere.
            let folder = repositoryURL.appendingPathComponent("Sources/FaultRayServer/Dashboard")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "index.html" }
            #expect(names.contains("app.js") && names.contains("style.css"))
            for name in names {
                let response = try await client.get("/dashboard/\(name)")
                #expect(response.status == .ok, "\(name)")
                // (SVG's XML namespace is a name, not an address anything is loaded from.)
                let text = String(buffer: response.body).replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
                #expect(!text.contains("http://") && !text.contains("https://"), "\(name) names an outside address")
                let etag = try #require(response.headers[.eTag])
                #expect(try await client.get("/dashboard/\(name)", headers: [.ifNoneMatch: etag]).status == .notModified)
            }
            expectError(try await client.get("/dashboard/nope.js"), .notFound, containing: "nope.js")
            expectError(try await client.get("/dashboard/..%2Fopenapi.json"), .notFound)
        }
    }

    @Test func theLayoutPlacesCallersAboveTheirDependencies() async throws {
        try await withServer { client in
            let body = try Body(try await client.get("/api/topology/layout").body)
            #expect(body["mode"] as? String == "components")
            #expect(body["total_components"] as? Int == 12 && body["shown_components"] as? Int == 12)
            let nodes = try #require(body["nodes"] as? [[String: Any]])
            let edges = try #require(body["edges"] as? [[String: Any]])
            #expect(edges.count == 18)
            let y = Dictionary(uniqueKeysWithValues: nodes.map { ($0["id"] as! String, $0["y"] as! Double) })
            #expect(y["dns"] == 0)
            for edge in edges { #expect(y[edge["source"] as! String]! < y[edge["target"] as! String]!, "\(edge)") }
            let database = try #require(nodes.first { $0["id"] as? String == "database" })
            #expect(database["is_spof"] as? Bool == true && database["layer"] as? String == "data" && database["team"] as? String != nil)
            // Same model, same bytes.
            #expect(String(buffer: try await client.get("/api/topology/layout").body) == String(buffer: try await client.get("/api/v1/topology/layout").body))

            let data = try Body(try await client.get("/api/topology/layout?layer=data").body)
            #expect((data["nodes"] as? [[String: Any]])?.allSatisfy { $0["layer"] as? String == "data" } == true)
            #expect((data["filters"] as? [String: String]) == ["layer": "data"])

            let grouped = try Body(try await client.get("/api/topology/layout?group_by=layer").body)
            #expect(grouped["mode"] as? String == "groups")
            let groups = try #require(grouped["groups"] as? [[String: Any]])
            #expect(groups.reduce(0) { $0 + ($1["count"] as! Int) } == 12)
            // Each group's counts are its members' in the topology.
            let topology = try #require(try Body(try await client.get("/api/topology").body)["nodes"] as? [[String: Any]])
            let order = ["low", "medium", "high", "critical"]
            for group in groups {
                let members = topology.filter { node in nodes.first { $0["id"] as? String == node["id"] as? String }?["layer"] as? String == group["key"] as? String }
                #expect(group["count"] as? Int == members.count)
                #expect(group["spofs"] as? Int == members.filter { $0["is_spof"] as? Bool == true }.count)
                let worst = members.compactMap { $0["risk_level"] as? String }.max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
                #expect(group["worst_risk"] as? String == worst)
            }

            #expect(try Body(try await client.get("/api/topology/layout?zone=&team=").body)["matching_components"] as? Int == 12, "empty: no filter")
            #expect(body["group_by"] == nil, "only in groups mode")
            expectError(try await client.get("/api/topology/layout?group_by=colour"), .badRequest, containing: "group_by")
            expectError(try await client.get("/api/topology/layout?zone=us-east-1x"), .notFound, containing: "did you mean")
        }
    }

    @Test func aLargeModelIsAggregatedAndDrilledInto() async throws {
        let model = ModelGenerator.generate(components: 3000, seed: 5)
        try await withServer(start: .model(model)) { client in
            let body = try Body(try await client.get("/api/topology/layout").body)
            #expect(body["mode"] as? String == "groups" && body["group_by"] as? String == "layer")
            #expect((body["nodes"] as? [Any])?.isEmpty == true)
            let groups = try #require(body["groups"] as? [[String: Any]])
            #expect(groups.reduce(0) { $0 + ($1["count"] as! Int) } == 3000)
            // Opening a group filters on it: drawn one by one, or grouped by the next dimension.
            let smallest = try #require(groups.min { ($0["count"] as! Int) < ($1["count"] as! Int) })
            let key = try #require(smallest["key"] as? String)
            let inner = try Body(try await client.get("/api/topology/layout?layer=\(key)").body)
            #expect(inner["matching_components"] as? Int == smallest["count"] as? Int)
            #expect(inner["group_by"] as? String != "layer")
        }
    }

    @Test func theSessionSaysWhatTheKeyMayDo() async throws {
        try await withServer { client in
            let open = try Body(try await client.get("/api/session").body)
            #expect(open["auth_required"] as? Bool == false && (open["permissions"] as? [String])?.count == 3)
        }
        let store = try await memoryStore()
        let key = try await TestKeys(store: store).make([.viewResults], tier: .basic)
        try await withServer(store: store) { client in
            let anonymous = try Body(try await client.get("/api/session").body)
            #expect(anonymous["auth_required"] as? Bool == true && (anonymous["permissions"] as? [String]) == [])
            let viewer = try Body(try await client.get("/api/session", headers: bearer(key)).body)
            #expect(viewer["authenticated"] as? Bool == true && (viewer["permissions"] as? [String]) == ["view_results"])
            #expect(viewer["tier"] as? String == "basic")
            expectError(try await client.get("/api/session", headers: bearer("fr_live_nope")), .unauthorized)
            // The page itself needs no key: it asks for one.
            #expect(try await client.get("/").status == .ok)
        }
    }
}
