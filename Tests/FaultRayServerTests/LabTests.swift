import Foundation
import Testing

extension OutsideTool {
    /// What the fidelity lab (`lab/`) starts: nginx, PostgreSQL, Redis, and Debian's Python drivers.
    static let lab = OutsideTool(
        name: "the lab's nginx, PostgreSQL, Redis, python3-psycopg and python3-redis",
        probe: "(command -v nginx || test -x /usr/sbin/nginx) && command -v redis-server && ls /usr/lib/postgresql/*/bin/initdb && /usr/bin/python3 -c 'import psycopg, redis'",
        install: "apt-get install -y nginx postgresql redis-server python3-psycopg python3-redis")
}

/// The fidelity lab with short windows: a real system on loopback, every scenario injected live, and
/// FaultRay's prediction for `lab/model.yaml` beside what was observed (issue 19).
@Suite("Fidelity lab", .serialized, .tags(.live), .needs(.lab))
struct LabTests {
    /// Every scenario agrees, is inconclusive (near a threshold) or is a known gap with its reason.
    @Test(.timeLimit(.minutes(14))) func everyScenarioAgreesOrIsInconclusiveOrAKnownGap() async throws {
        try OutsideTool.lab.require()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-lab-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let lab = Process()
        lab.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        lab.currentDirectoryURL = repositoryURL
        lab.arguments = ["lab/lab.py", "--faultray", LiveServer.executable.path, "--out", out.path,
                         "--rate", "25", "--window", "6", "--settle", "1", "--baselines", "3"]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-lab-\(UUID()).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        lab.standardOutput = handle
        lab.standardError = handle
        try lab.run()
        // Bounded: the lab stops its own processes on SIGTERM; after 12 minutes it is stopped by its PID.
        // The wait sleeps as a task (not a thread) so that the other tests' async work keeps its threads.
        let deadline = Date().addingTimeInterval(12 * 60)
        while lab.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(500)) }
        if lab.isRunning {
            kill(lab.processIdentifier, SIGTERM)
            lab.waitUntilExit()
        }
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(lab.terminationStatus == 0, "\(output.suffix(4000))")

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("lab-report.json"))) as? [String: Any]
        let scenarios = try #require(report?["scenarios"] as? [[String: Any]])
        let knownGaps = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryURL.appendingPathComponent("lab/known-gaps.json"))) as? [String: String]
        #expect(scenarios.count >= 16)
        for scenario in scenarios {
            let id = scenario["id"] as? String ?? "?", verdict = scenario["verdict"] as? String ?? "?"
            #expect(["agree", "inconclusive", "known_gap"].contains(verdict), "\(id): \(scenario)")
            if verdict == "known_gap" { #expect(knownGaps?[id] != nil, "\(id) is a known gap without a reason") }
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("lab-report.md"), encoding: .utf8)
        #expect(markdown.contains("Agreement:"))
    }
}
