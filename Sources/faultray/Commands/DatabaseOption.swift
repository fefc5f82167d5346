import ArgumentParser
import FaultRayStore

/// The help of `--database`, which `serve` and `keys` share.
let databaseHelp = """
    PostgreSQL database shared by several servers: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require] \
    (default: $FAULTRAY_DATABASE_URL; neither: the embedded store in the data directory).
    """

/// Checks a `--database` URL's form before anything connects.
func validateDatabase(_ url: String?) throws {
    guard let url else { return }
    do {
        _ = try PostgresURL.configuration(url)
    } catch {
        throw ValidationError("--database: \(error)")
    }
}
