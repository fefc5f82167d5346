import FaultRayStore
import Foundation
import Logging

/// Opens the store `configuration` names: the PostgreSQL database at `databaseURL` when one is
/// given (several servers can share it), otherwise the embedded SQLite file in `dataDirectory`.
public func openStore(_ configuration: ServerConfiguration, logger: Logger) async throws -> any Store {
    if let url = configuration.databaseURL {
        return try await PostgresStore.open(url: url, logger: logger)
    }
    return try await SQLiteStore.open(directory: configuration.dataDirectory, logger: logger)
}

extension ServerConfiguration {
    /// The database URL from `FAULTRAY_DATABASE_URL`, if set and not empty.
    static var environmentDatabaseURL: String? {
        ProcessInfo.processInfo.environment["FAULTRAY_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
