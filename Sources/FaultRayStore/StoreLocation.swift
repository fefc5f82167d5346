import Foundation
import Logging

/// Where the store lives, and opening it: the PostgreSQL database at `databaseURL` when one is given
/// (several servers can share it), otherwise the embedded SQLite file in `dataDirectory`. The server
/// and `faultray keys` open the store the same way.
public struct StoreLocation: Sendable {
    /// The embedded store's directory (`./.faultray` unless `FAULTRAY_DATA_DIR` says otherwise).
    public var dataDirectory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FAULTRAY_DATA_DIR"] ?? ".faultray")
    /// The PostgreSQL database (`postgres://…`, see `PostgresURL`), from `--database` or
    /// `FAULTRAY_DATABASE_URL` (if set and not empty); `nil`: the embedded store in `dataDirectory`.
    public var databaseURL = ProcessInfo.processInfo.environment["FAULTRAY_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    public init() {}

    /// Opens the store; the caller closes it.
    public func open(logger: Logger) async throws -> any Store {
        if let databaseURL {
            return try await PostgresStore.open(url: databaseURL, logger: logger)
        }
        return try await SQLiteStore.open(directory: dataDirectory, logger: logger)
    }

    /// Where it is, for messages: `in DIRECTORY` or `in the PostgreSQL database`.
    public var place: String { databaseURL == nil ? "in \(dataDirectory.path)" : "in the PostgreSQL database" }
}
