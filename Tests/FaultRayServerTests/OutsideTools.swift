import Foundation
import Testing

/// A program outside Swift that some tests need: `curl` for the live tests, Debian's
/// `python3-icalendar` for the calendar feed. Where it is missing those tests are skipped with the
/// reason; with `FAULTRAY_REQUIRE_TOOLS=1` (set by `.ci/run`, which installs them) they run anyway and
/// fail on the missing tool, so CI never passes by skipping.
struct OutsideTool: Sendable, CustomStringConvertible {
    /// What the tool is called in messages.
    let name: String
    /// A shell command that exits 0 exactly when the tool works.
    let probe: String
    /// How to install it.
    let install: String

    static let curl = OutsideTool(name: "curl", probe: "command -v curl", install: "apt-get install -y curl")
    static let icalendar = OutsideTool(name: "python3-icalendar", probe: "/usr/bin/python3 -c 'import icalendar'",
                                       install: "apt-get install -y python3-icalendar")
    /// The SARIF and JUnit schema validators (PyPI's jsonschema and xmlschema) of `Tests/Fixtures/schemas/validate.py`.
    static let schemaValidators = OutsideTool(name: "jsonschema and xmlschema", probe: "python3 -c 'import jsonschema, xmlschema'",
                                              install: "python3 -m pip install jsonschema xmlschema")

    /// Whether `FAULTRAY_REQUIRE_TOOLS=1` turns a missing tool into a failure.
    static let requiredByEnvironment = ProcessInfo.processInfo.environment["FAULTRAY_REQUIRE_TOOLS"] == "1"

    var description: String { name }

    /// Whether the tool is installed and works (the probe is run each time it is asked).
    var isInstalled: Bool {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", probe]
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        do {
            try shell.run()
        } catch {
            return false
        }
        shell.waitUntilExit()
        return shell.terminationStatus == 0
    }

    /// Why a test that needs the tool does not run.
    var missing: String { "\(name) is not installed (\(install)); the tests that need it are skipped" }

    /// Throws, naming the tool and how to install it, when it is not installed: the failure a test
    /// reports when it runs without the tool because `FAULTRAY_REQUIRE_TOOLS=1`.
    func require() throws {
        guard isInstalled else { throw MissingTool(tool: self) }
    }
}

/// A tool a test needs is not installed.
struct MissingTool: Error, CustomStringConvertible {
    let tool: OutsideTool
    var description: String { "\(tool.name) is required here (FAULTRAY_REQUIRE_TOOLS=1) but not installed: \(tool.install)" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test (or suite) only where `tool` is installed, skipping it with the reason elsewhere;
    /// when `required` (by default `FAULTRAY_REQUIRE_TOOLS=1`), it always runs and a missing tool fails it.
    static func needs(_ tool: OutsideTool, required: Bool = OutsideTool.requiredByEnvironment) -> Self {
        .enabled(Comment(rawValue: tool.missing)) { required || tool.isInstalled }
    }
}

extension Tag {
    /// Tests that start the real `faultray` binary or an outside daemon (PostgreSQL for `Backend.tested`,
    /// Chromium, the lab's services) rather than driving the router in-process. None asserts on wall-clock
    /// durations (a loaded machine makes any bound flaky): they assert orders and counts.
    @Tag static var live: Self
}
