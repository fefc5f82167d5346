import Foundation
import PostgresNIO

/// Where a PostgreSQL store lives, from a URL `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`
/// (also `postgresql://`; user, password and database percent-decoded; port 5432 unless given).
/// `sslmode` is `disable`, `prefer` (the default: TLS when the server offers it) or `require`
/// (TLS with the server's certificate verified against the system's trusted roots).
public enum PostgresURL {
    /// The client configuration `url` describes; a `StoreError` naming what is wrong otherwise.
    public static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        func invalid(_ reason: String) -> StoreError {
            StoreError("the database URL is not postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]: \(reason)")
        }
        guard let parts = URLComponents(string: url) else { throw invalid("it does not parse as a URL") }
        guard let scheme = parts.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw invalid("the scheme must be postgres or postgresql")
        }
        guard let host = parts.host, !host.isEmpty else { throw invalid("no host") }
        guard let user = parts.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else { throw invalid("no user") }
        let database = String(parts.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw invalid("no database name after the host") }
        if let port = parts.port, !(1...65535).contains(port) { throw invalid("the port must be from 1 to 65535") }
        let tls: PostgresClient.Configuration.TLS
        let options = parts.queryItems ?? []
        if let unknown = options.first(where: { $0.name != "sslmode" }) { throw invalid("unknown option '\(unknown.name)'") }
        switch options.last?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        case let mode: throw invalid("sslmode '\(mode)' is not disable, prefer or require")
        }
        // A host in brackets is an IPv6 address; the client wants it bare.
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return PostgresClient.Configuration(host: bare, port: parts.port ?? 5432, username: user,
                                            password: parts.percentEncodedPassword?.removingPercentEncoding,
                                            database: database, tls: tls)
    }
}
