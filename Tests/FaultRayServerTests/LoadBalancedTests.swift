import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two `faultray serve` processes on one PostgreSQL behind nginx, configured by `deploy/nginx.conf`:
/// what the README's recipe runs, checked through nginx and, where the point is which server
/// answers, through each server directly.
@Suite("Two servers behind nginx on one PostgreSQL", .serialized, .tags(.live), .needs(.postgres), .needs(.nginx), .needs(.curl))
struct LoadBalancedTests {
    @Test(.timeLimit(.minutes(15))) func twoServersBehindNginxAreOneService() async throws {
        let fleet = try Fleet()
        defer { fleet.tearDown() }
        try await fleet.startDatabase()
        try await fleet.startServer(["--demo"])
        try await fleet.startServer()
        try await fleet.startNginx()
        let checks = Checks(fleet: fleet)
        try await checks.anUploadThroughOneIsWhatTheOtherAnswers()
        try await checks.requireKeys()
        try await checks.aFreeKeyIsRefusedAtThe31stRequestHoweverSpread()
        try await checks.aFullRunIsSeenFromBothServers()
        try await checks.withoutTheDatabaseWritesAre503AndBothRecoverWithoutARestart()
        try await checks.aKilledServerLosesNoAcknowledgedWrite()
        await fleet.stop()
    }

    /// The steps of the test, in order, on one fleet.
    final class Checks: @unchecked Sendable {
        let fleet: Fleet
        /// How many anonymous requests went straight to a server: each gets a client address of its own
        /// (the servers trust X-Forwarded-For), so no free-tier limit of one address is reached meanwhile.
        private var anonymousRequests = 0
        private var adminKey = "", freeKey = ""

        init(fleet: Fleet) { self.fleet = fleet }

        private func anonymous() -> [String] {
            anonymousRequests += 1
            return ["X-Forwarded-For: 10.9.\(anonymousRequests / 250).\(anonymousRequests % 250)"]
        }

        private var admin: [String] { ["Authorization: Bearer \(adminKey)"] }

        private func nodes(_ base: String, _ headers: [String]) async throws -> Int? {
            (try await fleet.http("GET", "\(base)/api/topology", headers: headers).json["nodes"] as? [Any])?.count
        }

        func anUploadThroughOneIsWhatTheOtherAnswers() async throws {
            let (one, two) = (fleet.serverURLs[0], fleet.serverURLs[1])
            // The second server holds the demo the first stored at its start.
            #expect(try await nodes(two, anonymous()) == 12)
            let uploaded = repositoryURL.appendingPathComponent("examples/multi-region-payments.yaml")
            let upload = try await fleet.http("PUT", "\(one)/api/infrastructure", headers: anonymous() + ["Content-Type: application/yaml"], file: uploaded)
            #expect(upload.status == 200, "\(upload.body.prefix(300))")
            let uploadedNodes = try #require(try await nodes(one, anonymous()))
            #expect(uploadedNodes != 12)
            #expect(try await nodes(two, anonymous()) == uploadedNodes, "the other server answers the upload at its next request")
            for _ in 0..<4 { #expect(try await nodes(fleet.url, []) == uploadedNodes) }
        }

        /// With keys required: each server verified the admin key before PostgreSQL stopped, and keeps
        /// accepting it for reads while it cannot check keys.
        func withoutTheDatabaseWritesAre503AndBothRecoverWithoutARestart() async throws {
            let uploadedNodes = try #require(try await nodes(fleet.url, admin))
            for server in fleet.serverURLs { #expect(try await nodes(server, admin) == uploadedNodes) }
            try await fleet.stopPostgres()
            for server in fleet.serverURLs {
                // The model held is still analysed; writes are refused; health says the store is failing.
                #expect(try await nodes(server, admin) == uploadedNodes, "\(server) keeps analysing the model it holds")
                let write = try await fleet.http("POST", "\(server)/api/projects", headers: admin + ["Content-Type: application/json"], body: #"{"name": "while away"}"#)
                #expect(write.status == 503, "\(server): \(write.body.prefix(300))")
                let put = try await fleet.http("PUT", "\(server)/api/infrastructure", headers: admin + ["Content-Type: application/yaml"],
                                               file: repositoryURL.appendingPathComponent("examples/demo.yaml"))
                #expect(put.status == 503)
                #expect(try await fleet.http("GET", "\(server)/api/topology", headers: anonymous()).status == 401, "keys stay required")
                #expect(try await health(server) == "degraded")
            }
            #expect(try await health(fleet.url) == "degraded")
            try await fleet.startPostgres()
            for (index, server) in fleet.serverURLs.enumerated() {
                // Healthy again by itself (the connection pool retries with a backoff of at most a minute).
                _ = try await poll("\(server) to be healthy again", within: .seconds(150)) { try await health(server) == "healthy" ? true : nil }
                let write = try await fleet.http("POST", "\(server)/api/projects", headers: admin + ["Content-Type: application/json"], body: #"{"name": "back \#(index)"}"#)
                #expect(write.status == 201, "\(server): \(write.body.prefix(300))")
                #expect(fleet.servers[index].isRunning, "no restart")
            }
        }

        private func health(_ base: String) async throws -> String? {
            try await fleet.http("GET", "\(base)/api/health", headers: anonymous()).json["status"] as? String
        }

        /// An enterprise key with every permission and a free-tier key that may only read, made with
        /// `faultray keys create --database`; the servers require keys within a second.
        func requireKeys() async throws {
            (adminKey, freeKey) = (try await createKey(["--name", "admin", "--permissions", "view_results,run_simulation,create_project", "--tier", "enterprise"]),
                                   try await createKey(["--name", "reader", "--permissions", "view_results", "--tier", "free"]))
            try await everyServerAnswers(401)
        }

        private func createKey(_ arguments: [String]) async throws -> String {
            let (status, output) = try await keys(["create"] + arguments)
            let lines = output.split(separator: "\n")
            let key = lines.first { $0.hasPrefix("fr_live_") }.map(String.init)
            guard status == 0, let key else { throw FleetError("keys create failed: \(output)") }
            return key
        }

        private func keys(_ arguments: [String]) async throws -> (Int32, String) {
            try await Spawned.run(fleet.faultray, ["keys"] + arguments + ["--database", fleet.databaseURL],
                                  log: fleet.directory.appendingPathComponent("keys-\(UUID()).log"))
        }

        /// Waits until every server answers `status` to a request without a key (after PostgreSQL came
        /// back, a server learns of new keys once its pool connects again).
        private func everyServerAnswers(_ status: Int) async throws {
            for server in fleet.serverURLs {
                _ = try await poll("\(server) to answer \(status) without a key", within: .seconds(120)) {
                    try await fleet.http("GET", "\(server)/api/topology", headers: anonymous()).status == status ? true : nil
                }
            }
        }

        func aFreeKeyIsRefusedAtThe31stRequestHoweverSpread() async throws {
            // All in one calendar minute (the limit's window across servers): not near its end.
            let second = Int(Date().timeIntervalSince1970) % 60
            if second > 30 { try await Task.sleep(for: .seconds(61 - second)) }
            let free = ["Authorization: Bearer \(freeKey)"]
            let targets = [fleet.url] + fleet.serverURLs
            var statuses: [Int] = [], remaining: [String] = []
            for index in 0..<30 {
                let reply = try await fleet.http("GET", "\(targets[index % 3])/api/topology", headers: free)
                statuses.append(reply.status)
                remaining.append(reply.header("X-RateLimit-Remaining") ?? "-")
            }
            #expect(statuses == Array(repeating: 200, count: 30), "\(statuses)")
            // One count across the servers, not one per server.
            #expect(remaining == (0..<30).map { String(29 - $0) }, "\(remaining)")
            for target in targets {
                let refused = try await fleet.http("GET", "\(target)/api/topology", headers: free)
                #expect(refused.status == 429, "\(target): \(refused.body.prefix(300))")
            }
        }

        func aFullRunIsSeenFromBothServers() async throws {
            let run = try await fleet.http("POST", "\(fleet.url)/api/simulate", headers: admin)
            #expect(run.status == 200)
            let id = try #require(run.json["run_id"] as? Int)
            for server in fleet.serverURLs {
                let summary = try await fleet.http("GET", "\(server)/api/v2/dashboard/summary", headers: admin).json
                #expect((summary["last_run"] as? [String: Any])?["id"] as? Int == id, "\(server)")
                let history = try await fleet.http("GET", "\(server)/api/score-history?limit=1", headers: admin).json
                #expect(((history["history"] as? [[String: Any]])?.first)?["id"] as? Int == id, "\(server)")
            }
        }

        /// Projects and calendar experiments created through nginx by two loops; the first server is
        /// killed with SIGKILL once some are acknowledged. Every acknowledged write is then listed,
        /// and nginx keeps answering through the other server.
        func aKilledServerLosesNoAcknowledgedWrite() async throws {
            let projects = fleet.directory.appendingPathComponent("acknowledged-projects"), experiments = fleet.directory.appendingPathComponent("acknowledged-experiments")
            let key = adminKey, url = fleet.url
            let post = "curl -s -m 60 -w '\\n%{http_code}' -X POST -H 'Authorization: Bearer \(key)' -H 'Content-Type: application/json'"
            let loops = try [
                """
                for i in $(seq 1 150); do
                  [ "$(\(post) -d "{\\"id\\": \\"burst-$i\\", \\"name\\": \\"burst $i\\"}" \(url)/api/projects | tail -n 1)" = 201 ] && echo "burst-$i" >> '\(projects.path)'
                done; true
                """,
                """
                for i in $(seq 1 150); do
                  out=$(\(post) -d "{\\"name\\": \\"experiment $i\\"}" \(url)/api/calendar/schedule)
                  [ "$(echo "$out" | tail -n 1)" = 201 ] && echo "$out" | sed -n 's/.*"id":"\\(exp[^"]*\\)".*/\\1/p' >> '\(experiments.path)'
                done; true
                """,
            ].enumerated().map { index, script in
                try Spawned("/bin/sh", ["-c", script], log: fleet.directory.appendingPathComponent("burst-\(index).log"))
            }
            let acknowledged = { () -> (projects: Set<String>, experiments: Set<String>) in
                let lines = { (file: URL) in Set(((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)) }
                return (lines(projects), lines(experiments))
            }
            let atKill = try await poll("40 acknowledged writes", within: .seconds(180)) { () -> Int? in
                let (p, e) = acknowledged()
                return p.count + e.count >= 40 && !p.isEmpty && !e.isEmpty ? p.count + e.count : nil
            }
            fleet.servers[0].kill()
            for loop in loops { #expect(try await loop.exit(within: .seconds(400)) != nil, "the write loop ended") }
            let (acknowledgedProjects, acknowledgedExperiments) = acknowledged()
            #expect(acknowledgedProjects.count + acknowledgedExperiments.count > atKill, "writes were acknowledged after the kill")
            let listedProjects = try await fleet.http("GET", "\(url)/api/projects", headers: admin).ids("projects")
            let listedExperiments = try await fleet.http("GET", "\(fleet.serverURLs[1])/api/calendar", headers: admin).ids("experiments")
            #expect(acknowledgedProjects.subtracting(listedProjects).isEmpty, "lost projects: \(acknowledgedProjects.subtracting(listedProjects).sorted())")
            #expect(acknowledgedExperiments.subtracting(listedExperiments).isEmpty,
                    "lost experiments: \(acknowledgedExperiments.subtracting(listedExperiments).sorted())")
            // nginx skips the dead server: every request is answered.
            for _ in 0..<10 { #expect(try await fleet.http("GET", "\(url)/api/topology", headers: admin).status == 200) }
        }
    }
}
