import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension OutsideTool {
    /// nginx, the load balancer of `deploy/nginx.conf`.
    static let nginx = OutsideTool(name: "nginx", probe: "test -x /usr/sbin/nginx", install: "apt-get install -y nginx")
}

/// The deployment of `deploy/` on one machine, for a live test: a PostgreSQL cluster of its own (the
/// test stops and starts it; the other tests' `TestPostgres` stays up), `faultray serve` processes on
/// it, and nginx in front of them with `deploy/nginx.conf` (only its ports changed). Every process
/// writes to a file in one temporary directory and is stopped by its PID: by `stop`, or by `tearDown`
/// (in a `defer`) when the test fails half-way.
final class Fleet: @unchecked Sendable {
    let directory: URL
    /// The built `faultray`.
    let faultray = LiveServer.executable.path
    private(set) var databaseURL = ""
    private(set) var servers: [Spawned] = []
    /// The servers' base URLs, in the order they started.
    private(set) var serverURLs: [String] = []
    private(set) var nginx: Spawned?
    /// nginx's base URL.
    private(set) var url = ""
    private var postgresPort = 0
    private var postgresBin = ""
    private var postgres: Spawned?
    private var postgresStarts = 0
    /// The prefix that runs a program as the cluster's owner.
    private var owner: [String] = []
    /// Whether `stop` stopped everything (nothing is left to kill).
    private var stopped = false

    init() throws {
        try OutsideTool.postgres.require()
        try OutsideTool.nginx.require()
        try OutsideTool.curl.require()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-fleet-\(UUID())")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("pg"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nginx"), withIntermediateDirectories: true)
    }

    private func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    // MARK: PostgreSQL

    /// Creates the cluster (owned by `nobody` when the tests run as root: PostgreSQL refuses root) and starts it on a free port.
    func startDatabase() async throws {
        let (found, bin) = try await Spawned.run("/bin/sh", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"], log: file("pg-bin.log"))
        guard found == 0 else { throw FleetError("no PostgreSQL programs in /usr/lib/postgresql: \(bin)") }
        postgresBin = bin.trimmingCharacters(in: .whitespacesAndNewlines)
        if getuid() == 0, let nobody = getpwnam("nobody") {
            chown(file("pg").path, nobody.pointee.pw_uid, nobody.pointee.pw_gid)
            // setpriv runs the program in its place (no process in between to pass signals on).
            owner = ["/usr/bin/setpriv", "--reuid=\(nobody.pointee.pw_uid)", "--regid=\(nobody.pointee.pw_gid)", "--clear-groups", "--"]
        }
        postgresPort = try TestPostgres.freePort()
        let initdb = ["\(postgresBin)/initdb", "-D", file("pg/data").path, "-U", "faultray", "--auth=trust", "-E", "UTF8", "--no-sync"]
        let (status, output) = try await Spawned.run((owner + initdb)[0], Array((owner + initdb).dropFirst()), log: file("initdb.log"))
        guard status == 0 else { throw FleetError("initdb failed (\(status)): \(output)") }
        try await startPostgres()
        databaseURL = "postgres://faultray@127.0.0.1:\(postgresPort)/postgres?sslmode=disable"
    }

    /// Starts the cluster (again) in the foreground, waiting until it accepts connections. (Not with
    /// `pg_ctl start`: Foundation learns that a process ended when a socket it inherited closes, and
    /// the server pg_ctl leaves behind keeps that socket open.)
    func startPostgres() async throws {
        postgresStarts += 1
        let command = owner + ["\(postgresBin)/postgres", "-D", file("pg/data").path, "-p", "\(postgresPort)", "-c", "listen_addresses=127.0.0.1",
                               "-c", "unix_socket_directories=\(file("pg").path)", "-c", "fsync=off"]
        let server = try Spawned(command[0], Array(command.dropFirst()), log: file("postgres-\(postgresStarts).log"))
        postgres = server
        _ = try await poll("PostgreSQL to accept connections", within: .seconds(120)) { () -> Bool? in
            guard server.isRunning else { throw FleetError("PostgreSQL ended: \(server.output.suffix(2000))") }
            return server.output.contains("ready to accept connections") ? true : nil
        }
    }

    /// Stops the cluster (SIGINT, a fast shutdown: connections are closed), waiting until it is down.
    func stopPostgres() async throws {
        postgres?.signal(SIGINT)
        guard try await postgres?.exit(within: .seconds(60)) != nil else { throw FleetError("PostgreSQL did not stop within 60 s") }
    }

    // MARK: Servers

    /// Starts `faultray serve` on a free port with the database, trusting nginx's X-Forwarded-For (as
    /// `deploy/faultray@.service` does), and waits until it listens.
    func startServer(_ arguments: [String] = []) async throws {
        let index = servers.count + 1
        let server = try Spawned(faultray, ["serve", "--host", "127.0.0.1", "--port", "0", "--database", databaseURL, "--trust-proxy",
                                            "--data-dir", file("data-\(index)").path] + arguments, log: file("server-\(index).log"))
        servers.append(server)
        let url = try await poll("server \(index) to listen", within: .seconds(120)) { () -> String? in
            guard server.isRunning else { throw FleetError("server \(index) ended: \(server.output.suffix(2000))") }
            let log = server.output
            return log.range(of: #"listening on http://[0-9.]+:[0-9]+"#, options: .regularExpression).map { String(log[$0].dropFirst("listening on ".count)) }
        }
        serverURLs.append(url)
    }

    // MARK: nginx

    /// Starts nginx in the foreground with `deploy/nginx.conf` (its upstream servers and its port
    /// replaced by the test's) included in a main configuration whose files are all in the temporary
    /// directory, and waits until it answers.
    func startNginx() async throws {
        let recipe = try String(contentsOf: repositoryURL.appendingPathComponent("deploy/nginx.conf"), encoding: .utf8)
        let port = try TestPostgres.freePort()
        let ports = serverURLs.map { $0.split(separator: ":").last.map(String.init) ?? "" }
        guard ports.count == 2 else { throw FleetError("the recipe has two servers; \(ports.count) started") }
        let site = try Self.replacing(recipe, [("server 127.0.0.1:8001 ", "server 127.0.0.1:\(ports[0]) "),
                                               ("server 127.0.0.1:8002 ", "server 127.0.0.1:\(ports[1]) "),
                                               ("listen 80;", "listen 127.0.0.1:\(port);")])
        let folder = file("nginx").path
        try Data(site.utf8).write(to: file("nginx/faultray.conf"))
        let main = """
            daemon off;
            worker_processes 1;
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log;
            events { worker_connections 1024; }
            http {
                access_log \(folder)/access.log;
                client_body_temp_path \(folder)/body;
                proxy_temp_path \(folder)/proxy;
                fastcgi_temp_path \(folder)/fastcgi;
                uwsgi_temp_path \(folder)/uwsgi;
                scgi_temp_path \(folder)/scgi;
                include \(folder)/faultray.conf;
            }
            """
        try Data(main.utf8).write(to: file("nginx/nginx.conf"))
        let nginx = try Spawned("/usr/sbin/nginx", ["-p", folder + "/", "-e", "\(folder)/error.log", "-c", "\(folder)/nginx.conf"], log: file("nginx.log"))
        self.nginx = nginx
        url = "http://127.0.0.1:\(port)"
        _ = try await poll("nginx to answer", within: .seconds(60)) { () -> Bool? in
            guard nginx.isRunning else {
                let errors = (try? String(contentsOf: self.file("nginx/error.log"), encoding: .utf8)) ?? ""
                throw FleetError("nginx ended: \(nginx.output) \(errors.suffix(2000))")
            }
            return try await self.http("GET", "\(self.url)/api/health").status == 200 ? true : nil
        }
    }

    /// `text` with each `(old, new)` replaced; throws when `old` is not there exactly once (the recipe changed).
    static func replacing(_ text: String, _ replacements: [(String, String)]) throws -> String {
        try replacements.reduce(text) { text, replacement in
            let parts = text.components(separatedBy: replacement.0)
            guard parts.count == 2 else { throw FleetError("deploy/nginx.conf has '\(replacement.0)' \(parts.count - 1) times, not once") }
            return parts.joined(separator: replacement.1)
        }
    }

    // MARK: Requests and stopping

    /// One request made with curl, its answer checked against the OpenAPI document (`LiveHTTP`).
    func http(_ method: String, _ url: String, headers: [String] = [], body: String? = nil, file upload: URL? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> LiveHTTP.Reply {
        try await LiveHTTP(scratch: file("scratch"))(method, url, headers: headers, body: body, file: upload, sourceLocation: sourceLocation)
    }

    /// Stops nginx, the servers still running (SIGTERM) and PostgreSQL, each within a bound, then removes the directory.
    func stop() async {
        nginx?.signal(SIGTERM)
        _ = try? await nginx?.exit(within: .seconds(30))
        for server in servers where server.isRunning {
            server.signal(SIGTERM)
            _ = try? await server.exit(within: .seconds(30))
        }
        try? await stopPostgres()
        tearDown()
        stopped = true
    }

    /// Kills whatever still runs, by PID, and removes the directory: the path taken when a test fails
    /// half-way (synchronous, for a `defer`).
    func tearDown() {
        guard !stopped else { return }
        nginx?.kill()
        servers.forEach { $0.kill() }
        postgres?.kill()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct FleetError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
