import Foundation
import Testing

/// The README's Layout section names every directory of the repository that holds code or inputs: each top-level
/// directory, each target under `Sources/` and each directory directly inside a target (in that target's lines),
/// and nothing that does not exist.
@Suite struct ReadmeLayoutTests {
    /// The lines of the README's Layout block.
    let lines: [Substring]

    init() throws {
        let readme = try String(contentsOf: repositoryURL.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Layout\n\n```\n"))
        let block = readme[section.upperBound...].prefix { $0 != "`" }
        lines = block.split(separator: "\n")
    }

    /// The names of the directories inside `path` (relative to the repository), hidden ones left out.
    func directories(_ path: String) throws -> [String] {
        let url = repositoryURL.appendingPathComponent(path)
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { try $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true && !$0.lastPathComponent.hasPrefix(".") }
            .map(\.lastPathComponent).sorted()
    }

    @Test func everyTopLevelDirectoryIsNamed() throws {
        let text = lines.joined(separator: "\n")
        for directory in try directories("") + [".ci"] {
            #expect(text.contains("\(directory)/"), "README Layout does not name \(directory)/")
        }
    }

    @Test func everyDirectoryOfEachTargetIsNamedInItsLines() throws {
        for target in try directories("Sources") {
            let head = "Sources/\(target)/"
            let start = try #require(lines.firstIndex { $0.contains(head) }, "README Layout does not name \(head)")
            // The target's lines: its own, then those that continue it (indented, naming no other path of the tree).
            let own = [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
            let text = own.joined(separator: "\n")
            for directory in try directories("Sources/\(target)") {
                #expect(text.contains("\(directory)/"), "README Layout does not name \(head)\(directory)/")
            }
        }
    }

    @Test func everyNamedSourcePathExists() {
        let text = lines.joined(separator: "\n")
        let pattern = /(Sources|Tests)\/[A-Za-z-]+\//
        for match in text.matches(of: pattern) {
            let path = repositoryURL.appendingPathComponent(String(match.output.0)).path
            #expect(FileManager.default.fileExists(atPath: path), "README Layout names \(match.output.0), which does not exist")
        }
    }
}
