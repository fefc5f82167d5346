import ArgumentParser
import FaultRayCore
import FaultRayStore
import Foundation
import Logging

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys in the server's store.",
        discussion: """
        As soon as one active key exists, the server requires a key on every route but health, versions \
        and the OpenAPI document; badges stay public only for projects created with public_badges (see README).
        """,
        subcommands: [Create.self, List.self, Revoke.self])

    /// The store options every subcommand shares.
    struct Store: ParsableArguments {
        @Option(help: "Directory of the embedded store (default: $FAULTRAY_DATA_DIR or ./.faultray).")
        var dataDir: String?

        @Option(help: ArgumentHelp(databaseHelp, valueName: "url"))
        var database: String?

        func validate() throws { try validateDatabase(database) }

        /// Runs `body` with the store open, closing it afterwards.
        func use<T>(_ body: (any FaultRayStore.Store) async throws -> T) async throws -> T {
            var logger = Logger(label: "faultray")
            logger.logLevel = .error
            var location = StoreLocation()
            if let dataDir { location.dataDirectory = URL(fileURLWithPath: dataDir) }
            if let database { location.databaseURL = database }
            let store: any FaultRayStore.Store
            do {
                store = try await location.open(logger: logger)
            } catch {
                throw failure("cannot open the store \(location.place): \(error)", code: 1)
            }
            do {
                let result = try await body(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it once on stdout.")

        @Option(help: "A name to recognise the key by.")
        var name: String

        @Option(help: "Comma-separated: view_results, run_simulation, create_project.")
        var permissions: String

        @Option(help: "Rate-limit tier: free, basic, pro or enterprise.")
        var tier = "free"

        @Option(help: "Confine the key to one project.")
        var project: String?

        @OptionGroup var store: Store

        func run() async throws {
            let name = try KeyRequest.name(self.name)
            let permissions = try KeyRequest.permissions(self.permissions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let tier = try KeyRequest.tier(self.tier)
            let (key, record) = APIKeys.make(name: name, permissions: permissions, tier: tier, project: project, now: Date())
            try await store.use { store in
                if let project, try await store.project(id: project) == nil {
                    throw failure("--project: no project '\(project)'")
                }
                try await store.createKey(record)
            }
            print(key)
            FileHandle.standardError.write(Data("created \(record.id) (\(record.permissions.joined(separator: ",")), \(record.tier)); the key is shown only this once\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var store: Store

        func run() async throws {
            for key in try await store.use({ try await $0.keys() }) {
                let status = key.revokedAt.map { "revoked \($0)" } ?? "active"
                print([key.id, key.name, key.prefix + "…", key.permissions.joined(separator: ","), key.tier, key.project ?? "*", key.createdAt, status]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")

        @Argument(help: "The key's id (key_…), as `keys list` shows it.")
        var id: String

        @OptionGroup var store: Store

        func run() async throws {
            guard try await store.use({ try await $0.revokeKey(id: id, at: Timestamp.iso8601(Date())) }) else {
                throw failure("no active key '\(id)'", code: 1)
            }
            print("revoked \(id)")
        }
    }
}
