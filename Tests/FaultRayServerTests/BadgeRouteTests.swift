import FaultRayCore
import FaultRayStore
@testable import FaultRayServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing

/// Collects the text of an XML document, failing on any parse error.
final class XMLText: NSObject, XMLParserDelegate {
    var text: [String] = []
    private var current = ""

    static func parse(_ data: Data) -> [String]? {
        let collector = XMLText()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        return parser.parse() ? collector.text : nil
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" || elementName == "title" { text.append(current) }
        current = ""
    }
}

@Suite("Badges")
struct BadgeRouteTests {
    @Test func everyTypeAndStyleIsWellFormedSVG() async throws {
        try await withServer { client async throws in
            for kind in Badge.Kind.allCases {
                for style in Badge.Style.allCases {
                    let response = try await client.get("/badge/\(kind.rawValue).svg?style=\(style.rawValue)")
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
                    #expect(response.headers[.cacheControl]?.contains("no-cache") == true)
                    #expect(XMLText.parse(Data(buffer: response.body)) != nil, "\(kind) \(style)")
                }
            }
        }
    }

    @Test func valuesAgreeWithTheAPI() async throws {
        try await withServer { client async throws in
            let metadata = try #require(try Body(try await client.get("/api/topology").body)["metadata"] as? [String: Any])
            let score = try #require(metadata["resilience_score"] as? Double)
            let texts = XMLText.parse(Data(buffer: try await client.get("/badge/resilience_score.svg").body)) ?? []
            #expect(texts.contains("\(Format.number(score))/100"))
            let summary = try Body(try await client.get("/api/v2/dashboard/summary").body)
            let sla = XMLText.parse(Data(buffer: try await client.get("/badge/sla_estimate.svg").body)) ?? []
            #expect(sla.contains(summary["sla_estimate"] as? String ?? "?"))
            let spofs = XMLText.parse(Data(buffer: try await client.get("/badge/spof_count.svg").body)) ?? []
            #expect(spofs.contains(String(summary["spof_count"] as? Int ?? -1)))
            let grade = XMLText.parse(Data(buffer: try await client.get("/badge/grade.svg?style=for-the-badge").body)) ?? []
            #expect(grade.contains(ResilienceScore.grade(score)))
        }
    }

    @Test func unknownTypesStylesAndRevalidation() async throws {
        try await withServer { client async throws in
            expectError(try await client.get("/badge/bananas.svg"), .notFound, containing: "resilience_score")
            expectError(try await client.get("/badge/grade.svg?style=neon"), .badRequest, containing: "flat-square")
            let first = try await client.get("/badge/grade.svg")
            let etag = try #require(first.headers[.eTag])
            #expect(try await client.get("/badge/grade.svg", headers: [.ifNoneMatch: etag]).status == .notModified)
            #expect(try await client.get("/badge/grade.svg", headers: [.ifNoneMatch: "W/\"x\", W/\(etag)"]).status == .notModified)
            // Without a model the badge says so instead of inventing a value.
        }
        try await withServer(start: .stored) { client async throws in
            let texts = XMLText.parse(Data(buffer: try await client.get("/badge/resilience_score.svg").body)) ?? []
            #expect(texts.contains("no model"))
        }
    }

    /// Issue 18, item 9: badges needed no key, ignored confinement and were not rate limited. Now, with
    /// keys: public only for projects that opted in, confinement applied, limits applied.
    @Test func badgesArePublicOnlyForProjectsThatOptIn() async throws {
        let store = try await memoryStore()
        _ = try await store.createProject(Project(id: "open", name: "open", description: "", createdAt: "2026-03-15T10:30:00+00:00", publicBadges: true))
        _ = try await store.createProject(Project(id: "closed", name: "closed", description: "", createdAt: "2026-03-15T10:30:00+00:00"))
        let reader = try await TestKeys(store: store).make([.viewResults])
        let confined = try await TestKeys(store: store).make([.viewResults], project: "closed")
        let writer = try await TestKeys(store: store).make([.runSimulation])
        try await withServer(store: store, configure: { $0.rateLimits = nil }) { client async throws in
            for route in ["/badge/grade.svg", "/api/badge-markdown"] {
                for project in ["", "?project=", "?project=default", "?project=closed"] {
                    expectError(try await client.get(route + project), .unauthorized)
                    expectError(try await client.get(route + project, headers: bearer(writer)), .forbidden, containing: "view_results")
                    #expect(try await client.get(route + project, headers: bearer(reader)).status == .ok, "\(route)\(project)")
                }
                #expect(try await client.get(route + "?project=open").status == .ok)
                // Unknown projects look the same as closed ones without a key, and are 404 with one.
                expectError(try await client.get(route + "?project=nothing"), .unauthorized)
                expectError(try await client.get(route + "?project=nothing", headers: bearer(reader)), .notFound)
                // A confined key sees its project's badges and no other's, public or not.
                #expect(try await client.get(route + "?project=closed", headers: bearer(confined)).status == .ok)
                expectError(try await client.get(route + "?project=open", headers: bearer(confined)), .notFound)
                expectError(try await client.get(route, headers: bearer(confined)), .notFound)
            }
            let created = try Body(try await client.post("/api/projects", #"{"name": "Shown", "public_badges": true}"#,
                                                         headers: bearer(try await TestKeys(store: store).make([.createProject]))).body)
            #expect(created["public_badges"] as? Bool == true)
            #expect(try await client.get("/badge/grade.svg?project=shown").status == .ok)
        }
        // And they are rate limited like every route.
        try await withServer(configure: { $0.rateLimits = [.free: 2] }) { client async throws in
            for _ in 0..<2 { #expect(try await client.get("/badge/grade.svg").headers[.rateLimitLimit] == "2") }
            expectError(try await client.get("/badge/grade.svg"), .tooManyRequests)
        }
    }

    @Test func markdownUsesAValidatedBaseURL() async throws {
        try await withServer { client async throws in
            let plain = try Body(try await client.get("/api/badge-markdown").body)
            let markdown = try #require(plain["markdown"] as? String)
            #expect(markdown.split(separator: "\n").count == 5)
            #expect(markdown.contains("![resilience](http://localhost:8000/badge/resilience_score.svg)"))
            let custom = try Body(try await client.get("/api/badge-markdown?base_url=https://faultray.example.com/").body)
            #expect((custom["markdown"] as? String)?.contains("https://faultray.example.com/badge/grade.svg") == true)
            expectError(try await client.get("/api/badge-markdown?project=a%20b)"), .notFound, containing: "not found")
            // Issue 18, item 15: an empty project is the default one, as the schema allows.
            let empty = try await client.get("/api/badge-markdown?project=")
            #expect(empty.status == .ok)
            #expect((try Body(empty.body)["markdown"] as? String) == markdown)
            let named = try Body(try await client.get("/api/badge-markdown?project=default").body)
            #expect((named["markdown"] as? String)?.contains("/badge/grade.svg?project=default") == true)
            for bad in ["javascript:alert(1)//", "ftp://x.example", "not a url", "https://", "https://x.example/?q=1"] {
                let encoded = bad.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? bad
                expectError(try await client.get("/api/badge-markdown?base_url=\(encoded)"), .badRequest, containing: "base_url")
            }
        }
    }
}
