import FaultRayStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutsideTool {
    /// Debian's PostgreSQL server (its `initdb` and `pg_ctl`), for the store tests on PostgreSQL.
    static let postgres = OutsideTool(name: "PostgreSQL server", probe: "ls /usr/lib/postgresql/*/bin/pg_ctl",
                                      install: "apt-get install -y postgresql")
}

/// A PostgreSQL server the tests start themselves, once per test process: a new cluster in a
/// temporary directory (owned by `nobody` when the tests run as root, since PostgreSQL refuses to
/// run as root), listening on 127.0.0.1 on a free port, with trust authentication for the user
/// `faultray`. A shell watches the test process: when it ends (its end of a pipe closes), the shell
/// stops the server and removes the directory.
final class TestPostgres: Sendable {
    /// The server every test shares, started on first use.
    static let shared = Task { try TestPostgres() }

    let port: Int
    /// The directory of PostgreSQL's programs.
    let bin: String
    /// The prefix that runs a command as the cluster's owner (`runuser -u nobody --` under root).
    let asOwner: String
    let directory: URL
    /// The write end of the watchdog's pipe, kept open while the tests run.
    private let lifeline: FileHandle

    /// The tests' stores use this timeout: long enough for a busy machine (the whole suite runs at once,
    /// the lab and the browser tests among it, on two cores).
    static let timeout = Duration.seconds(30)

    private init() throws {
        try OutsideTool.postgres.require()
        let (status, found) = try LiveServer.shell("ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1")
        guard status == 0 else { throw StoreError("no PostgreSQL programs in /usr/lib/postgresql: \(found)") }
        bin = found.trimmingCharacters(in: .whitespacesAndNewlines)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-pg-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        asOwner = getuid() == 0 ? "runuser -u nobody --" : ""
        if getuid() == 0 { _ = try LiveServer.shell("chown nobody '\(directory.path)'") }
        port = try Self.freePort()
        let data = directory.appendingPathComponent("data").path, log = directory.appendingPathComponent("log").path
        let options = "-p \(port) -c listen_addresses=127.0.0.1 -c unix_socket_directories='\(directory.path)' -c fsync=off -c max_connections=300"
        let pgctl = "\(asOwner) '\(bin)/pg_ctl' -D '\(data)' -l '\(log)' -w -t 120 -o \"\(options)\""
        let script = """
            set -e
            \(asOwner) '\(bin)/initdb' -D '\(data)' -U faultray --auth=trust -E UTF8 --no-sync >/dev/null
            \(pgctl) start >/dev/null
            echo ready
            set +e
            read _
            \(pgctl) -m immediate stop >/dev/null 2>&1
            rm -rf '\(directory.path)'
            """
        let shell = Process(), input = Pipe(), output = Pipe()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        shell.standardInput = input
        shell.standardOutput = output
        try shell.run()
        lifeline = input.fileHandleForWriting
        // The shell keeps its output open while it waits: read until it says ready, or ends.
        var answer = ""
        while !answer.contains("ready") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            answer += String(decoding: chunk, as: UTF8.self)
        }
        guard answer.contains("ready") else {
            let log = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw StoreError("PostgreSQL did not start (\(bin)): \(log)")
        }
    }

    /// The URL of a new, empty database of this server.
    func newDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let (status, output) = try LiveServer.shell("'\(bin)/createdb' -h 127.0.0.1 -p \(port) -U faultray \(name)")
        guard status == 0 else { throw StoreError("createdb failed: \(output)") }
        return url(name)
    }

    /// The URL of the database `name`.
    func url(_ name: String) -> String { "postgres://faultray@127.0.0.1:\(port)/\(name)?sslmode=disable" }

    /// A port no one listens on now (the kernel's choice for a socket bound to port 0).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw StoreError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
