import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process a live test starts and stops by its PID. Its output goes to a file, never to a pipe the
/// test reads (a daemon it starts could keep such a pipe open, and the read would never end); its
/// input is /dev/null. Foundation starts it in a process group of its own, so `kill` ends it with
/// what it started in that group (nginx's workers). Waits poll as a task (they never hold one of the
/// test pool's threads) and have an upper bound.
final class Spawned: @unchecked Sendable {
    let process: Process
    /// Where its stdout and stderr go.
    let log: URL

    init(_ executable: String, _ arguments: [String], log: URL) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        // The child has its own copy of the file's descriptor.
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        self.process = process
    }

    /// What it wrote so far.
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    var isRunning: Bool { process.isRunning }

    /// Waits until it exits, at most `limit`: its exit status, or `nil` when it still ran (it is then killed).
    func exit(within limit: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else {
            kill()
            return nil
        }
        return process.terminationStatus
    }

    /// SIGKILL to its process group: no chance to flush or close anything.
    func kill() {
        // A pid of 0 would name the tests' own process group.
        guard process.processIdentifier > 0 else { return }
        Glibc.kill(-process.processIdentifier, SIGKILL)
    }

    /// Sends `signal` to the process itself.
    func signal(_ signal: Int32) {
        guard process.processIdentifier > 0 else { return }
        Glibc.kill(process.processIdentifier, signal)
    }

    /// Runs a command to its end, at most `limit` (then it is killed and the status is -1): its exit status and output.
    static func run(_ executable: String, _ arguments: [String], log: URL, within limit: Duration = .seconds(180)) async throws -> (status: Int32, output: String) {
        let command = try Spawned(executable, arguments, log: log)
        let status = try await command.exit(within: limit)
        return (status ?? -1, command.output)
    }
}

/// Polls `probe` every 100 ms until it gives a value, at most `limit`; then throws, saying what was awaited.
func poll<T>(_ awaited: String, within limit: Duration, _ probe: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + limit
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else { throw WaitedTooLong(awaited: awaited, limit: limit) }
        try await Task.sleep(for: .milliseconds(100))
    }
}

/// A wait of a live test reached its bound.
struct WaitedTooLong: Error, CustomStringConvertible {
    let awaited: String
    let limit: Duration
    var description: String { "waited \(limit) for \(awaited)" }
}
