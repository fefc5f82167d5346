import ArgumentParser
import FaultRayCore
import Foundation

@main
struct FaultRayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faultray",
        abstract: "Model-based chaos engineering: simulate failures on a model of your infrastructure.",
        discussion: """
        Describe your infrastructure as components and dependencies in YAML or JSON (see docs/model-format.md), \
        then ask what cascades when something fails, how resilient the design is and where its single points of failure are.

        Exit codes: 0 success, 1 a gate failed (--min-score, --fail-on), 2 invalid input or usage.
        """,
        version: FaultRayVersion.current,
        subcommands: [ServeCommand.self, KeysCommand.self, ValidateCommand.self, SimulateCommand.self, DemoCommand.self, GenerateCommand.self,
                      ImportCommand.self, CheckCommand.self,
                      AvailabilityCommand.self, CutSetsCommand.self, FaultTreeCommand.self])

    /// Runs the command, reporting usage errors and bad input (an unknown name, a field that breaks its
    /// rule) with exit code 2 as documented.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as UnknownNameError {
            Foundation.exit(failure(error.sentence).rawValue)
        } catch let error as InvalidFieldError {
            Foundation.exit(failure(error.description).rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let output = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                output.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Prints `message` on stderr and returns the exit code to throw.
func failure(_ message: String, code: Int32 = 2) -> ExitCode {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode(code)
}

/// Loads a model or exits with code 2 and every loader message.
func loadModel(_ path: String) throws -> InfrastructureModel {
    do {
        return try ModelLoader.load(contentsOf: URL(fileURLWithPath: path))
    } catch let error as ModelError {
        throw failure(error.description)
    }
}

/// The bundled demo model.
func demoModel() throws -> InfrastructureModel {
    guard let url = DemoModel.url else {
        throw failure("the demo model is missing from this build")
    }
    return try loadModel(url.path)
}

/// Writes JSON in the one wire format (sorted keys, snake_case).
func printJSON<T: Encodable>(_ value: T) throws {
    print(String(decoding: try WireJSON.encode(value), as: UTF8.self))
}

/// Shows progress of long work on a terminal (stderr), and nothing otherwise.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let lastPercent = Locked(-1)

    init(enabled: Bool) { self.enabled = enabled && isatty(STDERR_FILENO) == 1 }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lastPercent.withLock { lastPercent in
            guard percent != lastPercent else { return }
            lastPercent = percent
            FileHandle.standardError.write(Data("\rsimulating: \(percent)% of \(total) scenarios".utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
