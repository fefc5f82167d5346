import Foundation
import Testing

extension OutsideTool {
    /// nginx, the load balancer in front of two servers in the live test.
    static let nginx = OutsideTool(name: "nginx", probe: "test -x /usr/sbin/nginx", install: "apt-get install -y nginx")
}

/// Two `faultray serve` processes on one PostgreSQL database behind nginx, as `deploy/` runs them.
@Suite("Two servers behind nginx", .serialized, .needs(.postgres), .needs(.nginx), .needs(.curl))
struct LoadBalancedTests {
    /// nginx on a free port in front of `servers`, stopped when the test process ends or by `stop`.
    final class Balancer: Sendable {
        let url: String
        private let directory: URL

        init(servers: [LiveServer]) throws {
            try OutsideTool.nginx.require()
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-nginx-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let port = try TestPostgres.freePort()
            url = "http://127.0.0.1:\(port)"
            let upstreams = servers.map { "server \($0.baseURL.replacingOccurrences(of: "http://", with: ""));" }.joined(separator: "\n")
            // The relevant part of deploy/nginx.conf, on test ports.
            let config = """
                worker_processes 1;
                daemon on;
                pid \(directory.path)/nginx.pid;
                error_log \(directory.path)/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path \(directory.path);
                    proxy_temp_path \(directory.path);
                    upstream faultray { \(upstreams) keepalive 8; }
                    server {
                        listen 127.0.0.1:\(port);
                        client_max_body_size 10m;
                        location / {
                            proxy_pass http://faultray;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_next_upstream error timeout;
                        }
                    }
                }
                """
            try Data(config.utf8).write(to: directory.appendingPathComponent("nginx.conf"))
            let (status, output) = try LiveServer.shell("/usr/sbin/nginx -p '\(directory.path)' -c '\(directory.path)/nginx.conf' 2>&1")
            guard status == 0 else { throw LiveServerError(log: "nginx: \(output)") }
        }

        func stop() {
            _ = try? LiveServer.shell("/usr/sbin/nginx -p '\(directory.path)' -c '\(directory.path)/nginx.conf' -s stop 2>&1")
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func curl(_ arguments: String) throws -> String { try LiveServer.shell("curl -s \(arguments)").1 }

    static func nodes(_ base: String, _ options: String = "") throws -> Int? {
        let body = try curl("\(options) \(base)/api/topology")
        return ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any])?["nodes"].flatMap { ($0 as? [Any])?.count }
    }

    /// Two servers on a new database (the first loads the demo) with `arguments`, behind nginx.
    static func withServers(_ arguments: [String], _ body: (LiveServer, LiveServer, Balancer) async throws -> Void) async throws {
        let url = try await TestPostgres.shared.value.newDatabase()
        let database = ["--database", url, "--trust-proxy"] + arguments
        let first = try LiveServer.start(arguments: database + ["--demo"])
        defer { first.stop() }
        let second = try LiveServer.start(arguments: database)
        defer { second.stop() }
        let balancer = try Balancer(servers: [first, second])
        defer { balancer.stop() }
        try await body(first, second, balancer)
    }

    @Test func uploadsAndRateLimitsAcrossServers() async throws {
        try await Self.withServers(["--tier-limits", "free=30"]) { first, second, balancer in
            // A client (nginx tells its address, 127.0.0.1) gets 30 requests a minute however nginx spreads
            // them: the 31st is refused. Away from a minute's end, so that all fall in one minute.
            let second60 = Int(Date().timeIntervalSince1970) % 60
            if second60 > 45 { try await Task.sleep(for: .seconds(61 - second60)) }
            var codes: [String] = []
            for _ in 0..<31 { codes.append(try Self.curl("-o /dev/null -w '%{http_code}' \(balancer.url)/api/versions")) }
            #expect(codes == Array(repeating: "200", count: 30) + ["429"], "\(codes)")
            #expect(first.log.contains("/api/versions") && second.log.contains("/api/versions"), "nginx spread the requests")

            // Upload through one server, read through the other (as another client).
            let other = "-H 'X-Forwarded-For: 10.0.0.1'"
            let shop = repositoryURL.appendingPathComponent("examples/web-shop.yaml").path
            #expect(try Self.nodes(second.baseURL, other) == 12)
            let upload = try Self.curl("-o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/yaml' --data-binary @'\(shop)' \(other) \(first.baseURL)/api/infrastructure")
            #expect(upload == "200")
            let shopNodes = try Self.nodes(first.baseURL, other)
            #expect(shopNodes != nil && shopNodes != 12)
            #expect(try Self.nodes(second.baseURL, other) == shopNodes)
        }
    }

    /// kill -9 of one server during a burst of writes through nginx: every write acknowledged is in
    /// the database, and the other server keeps answering.
    @Test func aKilledServerLosesNoAcknowledgedWrite() async throws {
        try await Self.withServers(["--rate-limit", "off"]) { first, second, balancer in
            let acknowledged = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-acked-\(UUID())")
            defer { try? FileManager.default.removeItem(at: acknowledged) }
            let burst = Process()
            burst.executableURL = URL(fileURLWithPath: "/bin/sh")
            burst.arguments = ["-c", """
                for i in $(seq 1 200); do
                  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "{\\"id\\": \\"burst-$i\\", \\"name\\": \\"burst\\"}" \(balancer.url)/api/projects)
                  [ "$code" = 201 ] && echo "burst-$i" >> '\(acknowledged.path)'
                done; true
                """]
            try burst.run()
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, ((try? String(contentsOf: acknowledged, encoding: .utf8))?.split(separator: "\n").count ?? 0) < 40 {
                try await Task.sleep(for: .milliseconds(20))
            }
            first.kill()
            burst.waitUntilExit()
            let acked = Set(try String(contentsOf: acknowledged, encoding: .utf8).split(separator: "\n").map(String.init))
            let listed = try second.ids("/api/projects", "projects")
            #expect(acked.count >= 40 && acked.isSubset(of: listed), "lost: \(acked.subtracting(listed).sorted())")
            // After the kill, nginx sends everything to the server left.
            #expect(acked.count > 100, "the burst went on through the other server: \(acked.count) of 200")
            // The model the first server loaded at start is served by the one left.
            #expect(try Self.nodes(balancer.url) == 12)
        }
    }
}
