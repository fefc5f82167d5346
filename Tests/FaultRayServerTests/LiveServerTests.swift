import FaultRayCore
import Foundation
@testable import FaultRayServer
import Testing

/// Starts the built `faultray serve` on a free port and talks to it over real HTTP with curl.
@Suite("Live server", .serialized, .tags(.live), .needs(.curl))
struct LiveServerTests {
    /// The API contract (a copy of the reference the API was built from, kept with the tests).
    static let contractURL = repositoryURL.appendingPathComponent("Tests/Fixtures/faultray-api-reference.txt")

    @Test func everyCurlExampleOfTheContractRunsVerbatim() async throws {
        let contract = try String(contentsOf: Self.contractURL, encoding: .utf8)
        let examples = Self.curlCommands(in: contract)
        #expect(examples.count >= 20, "found \(examples.count) curl examples")
        // Off: the examples together exceed the free tier's 30 calls a minute from one address.
        let server = try LiveServer.start(arguments: ["--demo", "--rate-limit", "off"])
        defer { server.stop() }
        for command in examples {
            let local = command.replacingOccurrences(of: "http://localhost:8000", with: server.baseURL)
            // The answer's status, method, URL and media type on a last line of their own, checked against the
            // OpenAPI document with the body (in a file where the example says `-o`: not JSON, and not read).
            let (status, output) = try server.shell(local + " -sS -w '\\n%{http_code} %{method} %{url_effective} %{content_type}'")
            #expect(status == 0, "\(local)\n\(output)")
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            let answer = (lines.last ?? "").split(separator: " ", maxSplits: 3).map(String.init)
            let code = Int(answer.first ?? "") ?? 0
            #expect((200..<300).contains(code), "\(command)\n\(output)")
            guard answer.count >= 3 else { continue }
            LiveHTTP.check(method: answer[1], url: answer[2], status: code, contentType: answer.count == 4 ? answer[3] : nil,
                           body: Data(lines.dropLast().joined(separator: "\n").utf8))
        }
        // The quick start's simulated failure is a real cascade, not an empty answer.
        let output = try await server.http("POST", "/api/simulate-failure/database").body
        #expect(output.contains(#""root_cause":"database""#) && output.contains(#""wave":1"#))
    }

    @Test func theServerStopsGracefullyOnSIGTERMAndKeepsItsModel() async throws {
        let server = try LiveServer.start(arguments: ["--demo"])
        let put = try await server.http("PUT", "/api/infrastructure", headers: ["Content-Type: application/yaml"],
                                        file: repositoryURL.appendingPathComponent("examples/web-shop.yaml")).body
        #expect(put.contains(#""status":"loaded""#), "\(put)")
        #expect(server.stop() == 0)
        let again = try LiveServer.start(arguments: [], dataDirectory: server.dataDirectory)
        defer { again.stop() }
        let topology = try await again.http("GET", "/api/topology").body
        let expected = try String(contentsOf: repositoryURL.appendingPathComponent("examples/web-shop.yaml"), encoding: .utf8)
        let firstID = try #require(expected.split(separator: "\n").first { $0.contains("- id:") }?.split(separator: ":").last)
        #expect(topology.contains(#""id":"\#(firstID.trimmingCharacters(in: .whitespaces))""#), "\(topology.prefix(300))")
    }

    @Test func otherRequestsAreAnsweredWhileAFullRunIsInProgress() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-big-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let generator = try LiveServer.shell("\(LiveServer.executable.path) generate --components 1500 --seed 7 --json > \(scratch.path)")
        #expect(generator.0 == 0)
        let server = try LiveServer.start(arguments: ["--model", scratch.path])
        defer { server.stop() }
        // Start the full run, then ask for health while it runs every pair (the pairs keep both cores busy
        // for about two seconds in a debug build): the answer comes at once.
        let order = Locked<[String]>([])
        async let run: Int = {
            let status = try await server.http("POST", "/api/simulate").status
            order.withLock { $0.append("run") }
            return status
        }()
        try await Task.sleep(for: .milliseconds(800))
        let health = try await server.http("GET", "/api/health").status
        order.withLock { $0.append("health") }
        #expect(try await run == 200 && health == 200)
        // No wall-clock bound (a loaded machine makes any bound flaky): the health answer comes before the run's.
        #expect(order.withLock { $0 } == ["health", "run"])
    }

    /// curl asks before sending a body over 1 MiB and, unanswered, waits a second before sending anyway.
    @Test func aLargeUploadIsInvitedWith100Continue() async throws {
        let server = try LiveServer.start(arguments: ["--rate-limit", "off"])
        defer { server.stop() }
        let model = server.dataDirectory.appendingPathComponent("large.yaml")
        #expect(try LiveServer.shell("\(LiveServer.executable.path) generate --components 4000 --seed 3 > \(model.path)").0 == 0)
        let reply = try await server.http("PUT", "/api/infrastructure", headers: ["Content-Type: application/yaml", "Expect: 100-continue"],
                                          file: model, options: ["-v"])
        #expect(reply.trace.contains("< HTTP/1.1 100 Continue"), "\(reply.trace.suffix(600))")
        #expect(reply.status == 200, "\(reply.body.prefix(300))")
    }

    /// Creates, schedules and deletes at once (each project created, then deleted by two requests in
    /// parallel, so delete transactions overlap the other writes), SIGKILL in the middle: after a
    /// restart every acknowledged write is there, and every acknowledged delete stays done.
    @Test func everyAcknowledgedWriteSurvivesSIGKILLDuringConcurrentDeletes() async throws {
        let server = try LiveServer.start(arguments: ["--rate-limit", "off"])
        let acknowledged = server.dataDirectory.appendingPathComponent("acknowledged")
        let base = server.baseURL, log = acknowledged.path
        // Each loop is a process of its own: a shell started from the tests cannot `wait` for background
        // jobs (SIGCHLD is blocked), so there are none.
        let functions = """
            post() { curl -s -w '\\n%{http_code}' -X POST -H 'Content-Type: application/json' -d "$2" \(base)$1; }
            churn() { for i in $(seq $1 $2); do
                post /api/projects "{\\"id\\": \\"doomed-$i\\", \\"name\\": \\"doomed\\"}" >/dev/null
                curl -s --parallel --parallel-immediate -o /dev/null -o /dev/null -w '%{http_code}\\n' -X DELETE \\
                  \(base)/api/projects/doomed-$i \(base)/api/projects/doomed-$i 2>/dev/null | grep -q '^200$' && echo "deleted doomed-$i" >> \(log)
              done; }
            create() { for i in $(seq $1 $2); do
                [ "$(post /api/projects "{\\"name\\": \\"burst $i\\"}" | tail -n 1)" = 201 ] && echo "project burst-$i" >> \(log)
              done; }
            schedule() { for i in $(seq $1 $2); do
                out=$(post /api/calendar/schedule "{\\"name\\": \\"experiment $i\\"}")
                [ "$(echo "$out" | tail -n 1)" = 201 ] && echo "$out" | sed -n 's/.*"id":"\\(exp[^"]*\\)".*/experiment \\1/p' >> \(log)
              done; }

            """
        let loops = try ["churn 1 1000", "churn 1001 2000", "create 1 400", "create 401 800", "schedule 1 400", "schedule 401 800"].map { loop in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", functions + loop + "; true"]
            try process.run()
            return process
        }
        // Kill the server in the middle of the burst, once some writes of every kind were acknowledged.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? String(contentsOf: acknowledged, encoding: .utf8))?.split(separator: "\n").count ?? 0) < 150 {
            try await Task.sleep(for: .milliseconds(20))
        }
        server.kill()
        loops.forEach { $0.waitUntilExit() }
        let acked = try String(contentsOf: acknowledged, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let of = { (kind: String) in Set(acked.filter { $0.first == kind }.map { $0[1] }) }
        let (created, scheduled, deleted) = (of("project"), of("experiment"), of("deleted"))
        #expect(!created.isEmpty && !scheduled.isEmpty && !deleted.isEmpty, "acknowledged \(created.count) creates, \(scheduled.count) schedules, \(deleted.count) deletes")
        #expect(created.count < 800 && scheduled.count < 800, "the server was killed after the burst")
        let again = try LiveServer.start(arguments: ["--rate-limit", "off"], dataDirectory: server.dataDirectory)
        defer { again.stop() }
        let projects = try await again.http("GET", "/api/projects").ids("projects"),
            experiments = try await again.http("GET", "/api/calendar").ids("experiments")
        #expect(created.subtracting(projects).isEmpty, "lost projects: \(created.subtracting(projects).sorted())")
        #expect(scheduled.subtracting(experiments).isEmpty, "lost experiments: \(scheduled.subtracting(experiments).sorted())")
        #expect(deleted.intersection(projects).isEmpty, "deleted projects back: \(deleted.intersection(projects).sorted())")
    }

    @Test func keysFromTheCommandLineCloseTheAPI() async throws {
        let server = try LiveServer.start(arguments: ["--demo"])
        defer { server.stop() }
        let keys = { (command: String) in try LiveServer.shell("\(LiveServer.executable.path) keys \(command) --data-dir \(server.dataDirectory.path)") }
        #expect(try await server.http("GET", "/api/topology").status == 200)
        let (status, output) = try keys("create --name ci --permissions view_results --tier pro 2>/dev/null")
        #expect(status == 0)
        let key = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("fr_live_") && key.count == 51)
        let (_, list) = try keys("list")
        #expect(list.contains("ci") && !list.contains(key))
        // The server looks at the key store at most once a second: poll until the key takes effect.
        #expect(try await server.eventually("/api/topology", 401))
        let unauthorized = try await server.http("GET", "/api/topology")
        #expect(unauthorized.status == 401 && unauthorized.header("WWW-Authenticate")?.lowercased().hasPrefix("bearer") == true)
        let bearer = ["Authorization: Bearer \(key)"]
        #expect(try await server.http("GET", "/api/topology", headers: bearer).status == 200)
        #expect(try await server.http("POST", "/api/simulate", headers: bearer).status == 403)
        let (_, bad) = try keys("create --name x --permissions view_result 2>&1")
        #expect(bad.contains("did you mean 'view_results'"))
        let id = try #require(list.split(separator: "\t").first.map(String.init))
        #expect(try keys("revoke \(id)").0 == 0)
        // No active key left: the API is open again.
        #expect(try await server.eventually("/api/topology", 200, headers: bearer))
        // The server's log never shows the key.
        #expect(!server.log.contains(key))
    }

    /// Request log lines are written in batches (`LogOutput`), and each request's line shows up within moments.
    @Test func requestLogLinesAreWrittenSoon() async throws {
        let server = try LiveServer.start(arguments: ["--demo", "--rate-limit", "off"])
        defer { server.stop() }
        var ids: [String] = []
        for _ in 0..<3 {
            ids.append("hb.request.id=" + (try #require(try await server.http("GET", "/api/health").header("X-Request-Id"))))
        }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !ids.allSatisfy(server.log.contains) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(ids.allSatisfy(server.log.contains), "\(server.log.suffix(600))")
    }

    /// The curl commands of the contract: continuation lines (a trailing `\\`, or an open quote) joined.
    static func curlCommands(in text: String) -> [String] {
        var commands: [String] = []
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let command = current {
                current = command + "\n" + line
            } else if line.hasPrefix("curl ") {
                current = line
            }
            guard let command = current else { continue }
            let quoteOpen = command.filter { $0 == "'" }.count % 2 == 1
            if !quoteOpen, !command.hasSuffix("\\") {
                // Tab labels such as "curl Python JavaScript" are not commands.
                if command.contains("http://localhost:8000") { commands.append(command) }
                current = nil
            }
        }
        return commands
    }
}

/// A `faultray serve` process on a free port, with its own data directory.
final class LiveServer: @unchecked Sendable {
    let process = Process()
    let dataDirectory: URL
    private(set) var baseURL = ""
    private let logBuffer = Locked("")

    /// What the server wrote to stdout and stderr so far.
    var log: String { logBuffer.withLock { $0 } }

    /// The built `faultray` executable, beside the test bundle.
    static var executable: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("faultray")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return repositoryURL.appendingPathComponent(".build/debug/faultray")
    }

    private init(dataDirectory: URL) { self.dataDirectory = dataDirectory }

    /// Starts the server; throws when curl, which every live test talks to it with, is missing.
    static func start(arguments: [String], dataDirectory: URL? = nil) throws -> LiveServer {
        try OutsideTool.curl.require()
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("faultray-live-\(UUID())")
        let server = LiveServer(dataDirectory: directory)
        let output = Pipe()
        server.process.executableURL = executable
        server.process.arguments = ["serve", "--port", "0", "--data-dir", directory.path] + arguments
        server.process.standardOutput = output
        server.process.standardError = output
        try server.process.run()
        // Read the log until the server says where it listens.
        var log = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, server.process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"listening on (http://[0-9.]+:[0-9]+)"#, options: .regularExpression) {
                server.baseURL = String(log[range].split(separator: " ").last!)
                // Keep reading the log so the server never blocks on a full pipe.
                server.logBuffer.withLock { $0 = log }
                output.fileHandleForReading.readabilityHandler = { handle in
                    let text = String(decoding: handle.availableData, as: UTF8.self)
                    server.logBuffer.withLock { $0 += text }
                }
                return server
            }
        }
        server.process.terminate()
        throw LiveServerError(log: log)
    }

    /// Runs a shell command in the repository folder; returns its exit status and output.
    func shell(_ command: String) throws -> (Int32, String) {
        // Files the examples write (`-o badge.svg`) or read (`@before.yaml`) are in a scratch folder.
        let scratch = dataDirectory.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let demo = repositoryURL.appendingPathComponent("examples/demo.yaml"), shop = repositoryURL.appendingPathComponent("examples/web-shop.yaml")
        for (name, source) in [("before.yaml", demo), ("after.yaml", shop)] {
            try Data(contentsOf: source).write(to: scratch.appendingPathComponent(name))
        }
        return try Self.shell(command, in: command.contains(" -o ") || command.contains("=@") ? scratch : repositoryURL)
    }

    /// Runs a shell command in `directory`; returns its exit status and output.
    static func shell(_ command: String, in directory: URL = repositoryURL, environment: [String: String] = [:]) throws -> (Int32, String) {
        let shell = Process()
        let output = Pipe()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", command]
        shell.currentDirectoryURL = directory
        shell.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        shell.standardOutput = output
        shell.standardError = output
        try shell.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        return (shell.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// One request to `path` on this server, its answer checked against the OpenAPI document (`LiveHTTP`).
    func http(_ method: String, _ path: String, headers: [String] = [], body: String? = nil, file upload: URL? = nil,
              options: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws -> LiveHTTP.Reply {
        try await LiveHTTP(scratch: dataDirectory.appendingPathComponent("requests"))(method, baseURL + path, headers: headers, body: body, file: upload,
                                                                                     options: options, sourceLocation: sourceLocation)
    }

    /// Asks for `GET path` until it answers `status` (at most 5 s).
    func eventually(_ path: String, _ status: Int, headers: [String] = []) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        repeat {
            if try await http("GET", path, headers: headers).status == status { return true }
            try await Task.sleep(for: .milliseconds(200))
        } while ContinuousClock.now < deadline
        return false
    }

    /// Kills the process with SIGKILL: no chance to flush or close anything.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct LiveServerError: Error, CustomStringConvertible {
    var log: String
    var description: String { "the server did not start:\n\(log)" }
}
