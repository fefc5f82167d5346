import Foundation
import Testing

/// What the tests themselves rely on: files inside the repository, and outside tools that skip (or,
/// in CI, fail) rather than crash when missing.
@Suite("Test inputs")
struct TestInputTests {
    static let absent = OutsideTool(name: "faultray-no-such-tool", probe: "command -v faultray-no-such-tool", install: "nothing to install")

    /// A fresh clone has everything: the contract the live tests run is in the repository.
    @Test func theContractIsReadFromTheRepository() throws {
        let root = repositoryURL.standardizedFileURL.path + "/"
        #expect(LiveServerTests.contractURL.standardizedFileURL.path.hasPrefix(root), "\(LiveServerTests.contractURL.path)")
        let contract = try String(contentsOf: LiveServerTests.contractURL, encoding: .utf8)
        #expect(LiveServerTests.curlCommands(in: contract).count >= 20)
    }

    @Test func aMissingToolSkipsItsTestsWithTheReason() async throws {
        #expect(!Self.absent.isInstalled)
        let trait: ConditionTrait = .needs(Self.absent, required: false)
        #expect(try await trait.evaluate() == false)
        #expect(trait.comments.contains { $0.rawValue.contains("faultray-no-such-tool is not installed (nothing to install)") })
    }

    @Test func whenToolsAreRequiredAMissingOneFailsItsTests() async throws {
        let trait: ConditionTrait = .needs(Self.absent, required: true)
        #expect(try await trait.evaluate() == true)
        #expect(throws: MissingTool.self) { try Self.absent.require() }
    }

    @Test func anInstalledToolRunsItsTests() async throws {
        let shell = OutsideTool(name: "sh", probe: "command -v sh", install: "")
        #expect(try await ConditionTrait.needs(shell, required: false).evaluate())
        try shell.require()
    }
}
