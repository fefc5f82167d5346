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
            let (status, output) = try server.shell(local + " -sS -w '\\n%{http_code}'")
            #expect(status == 0, "\(local)\n\(output)")
            let code = Int(output.split(separator: "\n").last ?? "") ?? 0
            #expect((200..<300).contains(code), "\(command)\n\(output)")
        }
        // The quick start's simulated failure is a real cascade, not an empty answer.
        let (_, output) = try server.shell("curl -sS -X POST \(server.baseURL)/api/simulate-failure/database")
        #expect(output.contains(#""root_cause":"database""#) && output.contains(#""wave":1"#))
    }

    @Test func theServerStopsGracefullyOnSIGTERMAndKeepsItsModel() async throws {
        let server = try LiveServer.start(arguments: ["--demo"])
        let (_, put) = try server.shell("curl -sS -X PUT -H 'Content-Type: application/yaml' --data-binary @examples/web-shop.yaml \(server.baseURL)/api/infrastructure")
        #expect(put.contains(#""status":"loaded""#), "\(put)")
        #expect(server.stop() == 0)
        let again = try LiveServer.start(arguments: [], dataDirectory: server.dataDirectory)
        defer { again.stop() }
        let (_, topology) = try again.shell("curl -sS \(again.baseURL)/api/topology")
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
        // Start the full run in the background, then ask for health while it runs every pair (the pairs
        // keep both cores busy for about two seconds in a debug build): the answer comes at once.
        let marks = server.dataDirectory.appendingPathComponent("marks")
        let (status, _) = try LiveServer.shell("""
            (curl -sS -o /dev/null -X POST \(server.baseURL)/api/simulate; echo run >> \(marks.path)) &
            sleep 0.8; curl -sS -o /dev/null -w 'health %{time_total}\\n' \(server.baseURL)/api/health >> \(marks.path); wait
            """)
        #expect(status == 0)
        let lines = try String(contentsOf: marks, encoding: .utf8).split(separator: "\n")
        let order = lines.map { $0.split(separator: " ")[0] }
        // No wall-clock bound (a loaded machine makes any bound flaky): the health answer comes before the run's.
        #expect(order == ["health", "run"])
    }

    /// curl asks before sending a body over 1 MiB and, unanswered, waits a second before sending anyway.
    @Test func aLargeUploadIsInvitedWith100Continue() async throws {
        let server = try LiveServer.start(arguments: ["--rate-limit", "off"])
        defer { server.stop() }
        let model = server.dataDirectory.appendingPathComponent("large.yaml")
        #expect(try LiveServer.shell("\(LiveServer.executable.path) generate --components 4000 --seed 3 > \(model.path)").0 == 0)
        let (status, output) = try server.shell("""
            curl -sS -v -o /dev/null -w 'final %{http_code}' -X PUT -H 'Content-Type: application/yaml' -H 'Expect: 100-continue' \
              --data-binary @\(model.path) \(server.baseURL)/api/infrastructure 2>&1
            """)
        #expect(status == 0)
        #expect(output.contains("< HTTP/1.1 100 Continue"), "\(output.suffix(600))")
        #expect(output.hasSuffix("final 200"), "\(output.suffix(600))")
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
        let projects = try again.ids("/api/projects", "projects"), experiments = try again.ids("/api/calendar", "experiments")
        #expect(created.subtracting(projects).isEmpty, "lost projects: \(created.subtracting(projects).sorted())")
        #expect(scheduled.subtracting(experiments).isEmpty, "lost experiments: \(scheduled.subtracting(experiments).sorted())")
        #expect(deleted.intersection(projects).isEmpty, "deleted projects back: \(deleted.intersection(projects).sorted())")
    }

    @Test func keysFromTheCommandLineCloseTheAPI() async throws {
        let server = try LiveServer.start(arguments: ["--demo"])
        defer { server.stop() }
        let keys = { (command: String) in try LiveServer.shell("\(LiveServer.executable.path) keys \(command) --data-dir \(server.dataDirectory.path)") }
        #expect(try server.shell("curl -s -o /dev/null -w '%{http_code}' \(server.baseURL)/api/topology").1 == "200")
        let (status, output) = try keys("create --name ci --permissions view_results --tier pro 2>/dev/null")
        #expect(status == 0)
        let key = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("fr_live_") && key.count == 51)
        let (_, list) = try keys("list")
        #expect(list.contains("ci") && !list.contains(key))
        // The server looks at the key store at most once a second: poll until the key takes effect.
        #expect(try server.eventually("curl -s -o /dev/null -w '%{http_code}' \(server.baseURL)/api/topology", "401"))
        let unauthorized = try server.shell("curl -s -D - \(server.baseURL)/api/topology").1
        #expect(unauthorized.contains("401") && unauthorized.lowercased().contains("www-authenticate: bearer"))
        let authorized = try server.shell("curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer \(key)' \(server.baseURL)/api/topology").1
        #expect(authorized == "200")
        let forbidden = try server.shell("curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Authorization: Bearer \(key)' \(server.baseURL)/api/simulate").1
        #expect(forbidden == "403")
        let (_, bad) = try keys("create --name x --permissions view_result 2>&1")
        #expect(bad.contains("did you mean 'view_results'"))
        let id = try #require(list.split(separator: "\t").first.map(String.init))
        #expect(try keys("revoke \(id)").0 == 0)
        // No active key left: the API is open again.
        #expect(try server.eventually("curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer \(key)' \(server.baseURL)/api/topology", "200"))
        // The server's log never shows the key.
        #expect(!server.log.contains(key))
    }

    /// Request log lines are written in batches (`LogOutput`), and each request's line shows up within moments.
    @Test func requestLogLinesAreWrittenSoon() async throws {
        let server = try LiveServer.start(arguments: ["--demo", "--rate-limit", "off"])
        defer { server.stop() }
        let ids = try (0..<3).map { _ in
            let (_, headers) = try server.shell("curl -sS -o /dev/null -D - \(server.baseURL)/api/health")
            let line = try #require(headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") })
            return "hb.request.id=" + line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
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

    /// The `id`s of the objects listed under `key` by `GET path`.
    func ids(_ path: String, _ key: String) throws -> Set<String> {
        let (_, body) = try shell("curl -sS \(baseURL)\(path)")
        let list = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?[key] as? [[String: Any]]
        return Set(try #require(list, "\(path): \(body.prefix(300))").compactMap { $0["id"] as? String })
    }

    /// Runs `command` until it prints `expected` (at most 5 s).
    func eventually(_ command: String, _ expected: String) throws -> Bool {
        let deadline = Date().addingTimeInterval(5)
        repeat {
            if try shell(command).1 == expected { return true }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
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
