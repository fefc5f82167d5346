import FaultRayCore
@testable import FaultRayServer
import Foundation
import HummingbirdTesting
import Logging
import Testing

extension OutsideTool {
    /// The Python Prometheus client, whose text-format parser reads `/metrics` in the tests.
    static let prometheusClient = OutsideTool(name: "prometheus_client", probe: "python3 -c 'import prometheus_client'",
                                              install: "python3 -m pip install prometheus_client")
}

@Suite("Metrics and request ids")
struct MetricsTests {
    /// The samples of a `/metrics` body as Prometheus' own parser reads them: `name{label="value",…}` to value,
    /// labels sorted by name.
    static func samples(_ text: String) throws -> [String: Double] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-metrics-\(UUID()).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for sample in family.samples:
                    labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
                    out[f"{sample.name}{{{labels}}}"] = sample.value
            print(json.dumps(out))
            """
        let (status, output) = try LiveServer.shell("python3 -c '\(script.replacingOccurrences(of: "'", with: "'\\''"))' '\(file.path)'")
        guard status == 0, let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Double] else {
            throw MetricsParseError(output: output)
        }
        return parsed
    }

    struct MetricsParseError: Error, CustomStringConvertible {
        let output: String
        var description: String { "the Prometheus parser refused /metrics: \(output)" }
    }

    static func scrape(_ client: some TestClientProtocol) async throws -> [String: Double] {
        let response = try await client.get("/metrics")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return try samples(String(buffer: response.body))
    }

    @Test(.needs(.prometheusClient)) func countersMoveAsRequestsAreMade() async throws {
        try OutsideTool.prometheusClient.require()
        let clock = TestClock()
        try await withServer(clock: clock, configure: { $0.rateLimits = [.free: 6] }) { client async throws in
            let topology = #"faultray_http_requests_total{method="GET",route="/api/topology",status="200"}"#
            let latency = #"faultray_http_request_duration_seconds_count{method="GET",route="/api/topology"}"#
            for _ in 0..<2 { #expect(try await client.get("/api/topology").status == .ok) }
            #expect(try await client.post("/api/simulate-failure/nope").status == .notFound)
            let first = try await Self.scrape(client)
            #expect(first[topology] == 2)
            #expect(first[latency] == 2)
            #expect(first[#"faultray_http_requests_total{method="POST",route="/api/simulate-failure/{component_id}",status="404"}"#] == 1)
            // The topology was made once (then cached): one analysis timed.
            #expect(first[#"faultray_analysis_duration_seconds_count{analysis="topology"}"#] == 1)
            #expect(first[#"faultray_rate_limit_refusals_total{tier="free"}"#] ?? 0 == 0)
            // 4 requests so far; 2 more reach the limit of 6, the 7th is refused.
            #expect(try await client.get("/api/topology").status == .ok)
            #expect(try await client.get("/nowhere").status == .notFound)
            #expect(try await client.get("/api/topology").status == .tooManyRequests)
            clock.advance(by: 61)
            let second = try await Self.scrape(client)
            #expect(second[topology] == 3)
            // Timed by route and method: the refused request too.
            #expect(second[latency] == 4)
            #expect(second[#"faultray_http_requests_total{method="GET",route="/api/topology",status="429"}"#] == 1)
            #expect(second[#"faultray_http_requests_total{method="GET",route="unmatched",status="404"}"#] == 1)
            #expect(second[#"faultray_rate_limit_refusals_total{tier="free"}"#] == 1)
            #expect(second[#"faultray_http_requests_total{method="GET",route="/metrics",status="200"}"#] == 1)
        }
    }

    @Test func everyAnswerCarriesItsOwnRequestId() async throws {
        try await withServer { client async throws in
            var ids: Set<String> = []
            for path in ["/api/topology", "/api/health", "/nowhere"] {
                let id = try #require(try await client.get(path).headers[.requestID])
                #expect(!id.isEmpty)
                ids.insert(id)
            }
            #expect(ids.count == 3)
        }
    }

    @Test func jsonLogLinesAreOneObjectEach() throws {
        let text = JSONLogLine.line(time: testStart, level: .info, label: "faultray", message: "GET /api/topology \"quoted\"",
                                    metadata: ["hb.request.id": "abc", "project": "p"], source: "FaultRayServer")
        let line = Data(text.utf8)
        #expect(text.hasSuffix("\n") && text.dropLast().firstIndex(of: "\n") == nil)
        let record = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(record == ["time": "2026-03-15T10:30:00.000Z", "level": "info", "logger": "faultray",
                           "message": "GET /api/topology \"quoted\"", "hb.request.id": "abc", "project": "p"])
    }

    @Test func textLogLinesKeepSwiftLogsLayoutInUTC() {
        let line = TextLogLine.line(time: testStart.addingTimeInterval(0.75), level: .info, label: "faultray", message: "Request",
                                    metadata: ["hb.request.path": "/api/topology", "hb.request.id": "abc"], source: "Hummingbird")
        #expect(line == "2026-03-15T10:30:00+0000 info faultray: hb.request.id=abc hb.request.path=/api/topology [Hummingbird] Request\n")
        // The second stamp is made again when the second changes, not kept from the line before.
        let later = TextLogLine.line(time: testStart.addingTimeInterval(86_400 + 3_599), level: .error, label: "faultray",
                                     message: "m", metadata: [:], source: "s")
        #expect(later == "2026-03-16T11:29:59+0000 error faultray: [s] m\n")
    }
}
