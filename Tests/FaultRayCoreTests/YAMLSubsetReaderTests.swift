import Foundation
import Testing
@testable import FaultRayCore
import Yams

/// The reader against Yams: whenever it returns a tree, Yams must compose the same one.
@Suite("YAML subset reader")
struct YAMLSubsetReaderTests {
    @Test("examples, the demo and generated models take the fast path and match Yams")
    func documents() throws {
        var texts: [(String, String)] = []
        let examples = try FileManager.default.contentsOfDirectory(at: examplesURL, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        #expect(examples.count >= 5)
        for url in examples { texts.append((url.lastPathComponent, try String(contentsOf: url, encoding: .utf8))) }
        let demo = try #require(DemoModel.url)
        texts.append(("bundled demo", try String(contentsOf: demo, encoding: .utf8)))
        for (size, seed) in [(6, 1), (40, 2), (300, 3)] {
            let model = ModelGenerator.generate(components: size, seed: UInt64(seed))
            texts.append(("generated \(size) YAML", model.yaml()))
            texts.append(("generated \(size) JSON", model.json()))
            let object = try JSONSerialization.jsonObject(with: Data(model.json().utf8))
            let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            texts.append(("generated \(size) pretty JSON", String(decoding: pretty, as: UTF8.self)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let encoded = try encoder.encode(["components": [["id": "a/b", "name": "Ünïcode 😀 \"quoted\"\ttab"]], "dependencies": []])
        texts.append(("JSONEncoder", String(decoding: encoded, as: UTF8.self)))
        texts += texts.map { name, text in ("\(name) with Windows line ends", text.replacingOccurrences(of: "\n", with: "\r\n")) }
        for (name, text) in texts {
            let tree = YAMLSubsetReader.read(text)
            #expect(tree != nil, "fast path not taken for \(name)")
            #expect(tree == yamsTree(text), "differs from Yams for \(name)")
        }
    }

    @Test("common shapes take the fast path and match Yams", arguments: accepted)
    func acceptedSnippet(_ text: String) {
        #expect(expectAgreement(text), "fast path not taken")
    }

    @Test("tricky and invalid snippets: a tree only when Yams makes the same one", arguments: tricky)
    func trickySnippet(_ text: String) {
        expectAgreement(text)
    }

    /// Set `YAML_READER_MUTATIONS` to run more cases.
    @Test("random mutations: a tree only when Yams makes the same one")
    func mutations() {
        let count = ProcessInfo.processInfo.environment["YAML_READER_MUTATIONS"].flatMap(Int.init) ?? 5_000
        let model = ModelGenerator.generate(components: 6, seed: 5)
        let bases = accepted + tricky + [model.yaml(), model.json()]
        let alphabet = Array(" :-#\"'[]{},\n&*!|>?xa1é\\\t.%@`~uD8\u{85}\u{301}😀\r")
        var rng = SeededRandom(seed: 2024)
        var taken = 0
        for _ in 0 ..< count {
            var characters = Array(bases[Int.random(in: 0 ..< bases.count, using: &rng)])
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
                let at = Int.random(in: 0 ... characters.count, using: &rng)
                let character = alphabet[Int.random(in: 0 ..< alphabet.count, using: &rng)]
                switch Int.random(in: 0 ..< 3, using: &rng) {
                case 0 where at < characters.count: characters.remove(at: at)
                case 1 where at < characters.count: characters[at] = character
                default: characters.insert(character, at: at)
                }
            }
            let text = String(characters)
            if expectAgreement(text) { taken += 1 }
            // The whole loader takes whatever the mutation made: a model or errors, never a crash.
            _ = try? ModelLoader.load(text: text)
        }
        // The mutations must still exercise the reader, not only its bail-outs.
        #expect(taken > count / 5)
    }
}

/// What Yams makes of `text` as the loader reads it, or `nil` when it throws or finds no document.
private func yamsTree(_ text: String) -> DocumentTree? {
    guard let node = try? Yams.compose(yaml: ModelLoader.joiningSurrogateEscapes(text), .basic) else { return nil }
    return DocumentTree.converting(node, budget: .max)
}

/// Expects the reader to give up, or to agree with Yams; tells whether it read the text.
@discardableResult
private func expectAgreement(_ text: String) -> Bool {
    guard let tree = YAMLSubsetReader.read(text) else { return false }
    let reference = yamsTree(text)
    #expect(tree == reference, "\(String(reflecting: text)): \(describe(tree)) vs Yams \(reference.map(describe) ?? "nil")")
    return true
}

/// A tree in one line, for failure messages.
private func describe(_ tree: DocumentTree) -> String {
    func node(_ id: DocumentTree.ID) -> String {
        let entry = tree.entries[Int(id)]
        let position = "@\(entry.line):\(entry.column)"
        switch entry.kind {
        case .scalar: return String(reflecting: tree.texts[Int(entry.first)]) + "(\(entry.type))" + position
        case .sequence: return "[" + tree.items(id)!.map(node).joined(separator: ", ") + "]" + position
        case .mapping: return "{" + tree.pairs(id)!.map { node($0.key) + ": " + node($0.value) }.joined(separator: ", ") + "}" + position
        }
    }
    return node(tree.root)
}

/// Shapes the reader must handle itself.
private let accepted: [String] = [
    "a: 1\n",
    "a: 1",
    "---\na: 1\n",
    "--- # start\na: 1\n",
    "# comment\n\na: 1 # trailing\n# end\n",
    "a: \"quoted\"\nb: 'single'\n",
    "\"key\": value\n'other key': 2\n",
    "key with spaces: value with spaces   \n",
    "url: http://x:80/a\n",
    "a:b: c\n",
    "t: a#b\n",
    "k: -not a list\n",
    "- -1\n- -x\n- --\n",
    "values: [yes, No, ~, null, 0x1F, 0o17, 1_000, .inf, -.INF, .nan, 1e3, 2001-12-14, 3.14, '', \"\"]\n",
    "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
    "a:\n- x\n- y\nb: 2\n",
    "a:\n  - x\n  - y\nb:\n- z\n",
    "- a: 1\n  b: 2\n- c: 3\n",
    "- - a\n  - b\n- - c\n",
    "- a:\n  - x\n  b: 1\n",
    "-\n  a: 1\n- \n- b\n",
    "empty:\nnext: 1\n",
    "a:\n  b:\nc:\n",
    "last:",
    "- \n-\n",
    "seq:\n- \n- x\n-",
    "a: [1, 2, [3, {b: c}]]\nd: {e: f, 'g': \"h\", i: [], j: {}}\n",
    "a: [1,\n  2,\n  3]\nb: 4\n",
    "[a, b, c]\n",
    "[a, b, ]",
    "{a: 1, b: [x, y], }",
    "{\"components\":[{\"id\":\"a\",\"n\":1.5,\"ok\":true,\"none\":null}],\"dependencies\":[]}",
    "{\n  \"components\" : [\n    {\n      \"id\" : \"a\"\n    }\n  ],\n  \"dependencies\" : [\n\n  ]\n}\n",
    "{\"a\": \"\", \"b\":\"x\\\"y\\\\z\\/w\"}",
    "{\"a\": }",
    "{\"a\":, \"b\": 1}",
    "scalar at the root\n",
    "\"quoted root\"\n",
    "'it''s'\n",
    "e: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\\x41\\u00e9\\U0001F600\"\n",
    "e: \"\\uD83D\\uDE00 x\"\nf: [\"\\ud83d\\ude00\", after]\n",
    "{\"e\": \"\\ud83d\\ude00\\ud83d\\ude00\", \"after\": {\"k\": 1}}",
    "é: ü\nnaïve: [ä, \"ö\", {ß: 1}]\n",
    "- é: 1\n  ü: \"😀\"\n",
    "k: \"tab\tinside\"\n",
    "a: b\n\n\n   \n# c\n",
    "  indented: root\n  second: 1\n",
    "a: 1\n#comment at column 0\n  # deeper comment\nb: 2\n",
    "a: \"v\"# comment without space\n",
    "a: [x]# comment\n",
    "\"a\" : 1\nb : 2\n",
    "a: x]\nb: y}\nc: z,\n",
    "a: 'b' # c\n",
    "key:    # comment\n  value\n",
    "- # comment\n  value\n",
    "1: one\n2.5: two\ntrue: yes\n",
    "a: \"\"\nb: ''\n",
    "a: \"  two  spaces  \"\nb: ' x '\n",
    "[\"a\"]",
    "{a: [b, {c: [d]}], e: f}\n",
    "{\"é\": \"\\ud83d\\ude00\", \"b\": {\"c\": }, \"d\": [1]}",
    "\"\\ud83d\\ude00 key\":\nb: 1\n",
    "{\"a\":\n  1, \"b\"  :  [\n  ]\n}",
    "[a, # comment\n b,#comment\n c]\n",
    "{a: 1, # comment\n b: 2}\n",
    "[a#b, c #d\n]\n",
    "hello # comment\n# more\n",
    "a:\n# c0\n- x\n    # c4\n- y\nb: 1\n",
    "- x # c\n- y\n",
    "a:\n  [1, 2]\nb: 3\n",
    "[\n  1,\n  2\n]\n",
    "- {a: 1,\n   b: 2}\n- x\n",
    "a: 'it''s'\n'a''b': 1\n",
    "~: a\nnull: b\nyes: c\n",
    "- - - a\n    - b\n  - c\n- d\n",
    String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    "k" + String(repeating: "x", count: 990) + ": v\n",
    "---\n[1, 2]\n",
]

/// Snippets that may or may not take the fast path, many invalid.
private let tricky: [String] = [
    "", "   \n", "# only a comment\n", "---\n", "---\n...\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n",
    "a: b: c\n", "a:\n  b: 1\n c: 2\n", "a: 1\n  b: 2\n", "- a\n b\n", "- a\nb: 1\n", "a: 1\n- b\n",
    "a: \"unterminated\n", "a: 'unterminated\n", "a: \"multi\n  line\"\n", "a: plain\n  continued\n",
    "a: plain\n\n  continued after blank\n", "- a\n  - b\n", "key: - a\n", "a:\tb\n", "a: b\t# c\n", "\ta: b\n",
    "a: b\r\n", "\u{FEFF}a: b\n", "a: &x b\nc: *x\n", "a: !tag b\n", "a: |\n  text\n", "a: >\n  text\n",
    "? a\n: b\n", ": x\n", "a: @b\n", "a: `b`\n", "a: 1\na: 2\n", "{a: 1, a: 2}", "{\"a\": 1, \"a\": 2}", "a: 1\n\"a\": 2\n",
    "é: 1\n\"\\u00e9\": 2\n", "e\u{301}: 1\n\u{E9}: 2\n", "[a: b]", "[a, b: c]", "{a}", "{a, b: c}", "{a:1}", "{a:}", "{a:,}",
    "[a\n b]", "[a\n, b]", "{\"a\"\n: 1}", "a: [1,\n2]\n", "a:\n  [1,\n  2]\n", "a: {b: 1,\n}\n", "[a,,b]", "[,]", "[a", "{a: 1",
    "[a]]", "a: [b] c\n", "[a]: b\n", "{a: b}: c\n", "- [a]: b\n", "\"a\":b\n", "a: \"b\"c\n", "a: \"b\" c\n", "a: 'b''\n",
    "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: \"\\uD83D\"\n", "a: \"\\uDE00\"\n", "a: \"\\uD83D\\u0041\"\n", "a: \"\\UD83DDE00\"\n",
    "a: \\uD83D\\uDE00\n", "a: '\\uD83D\\uDE00'\n", "a: \"\\\\uD83D\\uDE00\"\n", "a: \"\\\\\\uD83D\\uDE00\"\n", "a: \"\\uFEFF\"\n",
    "a: \"\\u0000\"\n", "a: \"\\x85\"\n", "a: \"\\U00110000\"\n", "a: \"x\\\n  y\"\n", "a: \u{85}b\n", "a: b\u{2028}c\n", "a: \u{1}\n",
    "a: \u{7F}\n", "a: \u{FFFE}\n", "- - - - - a\n", String(repeating: "[", count: 101) + String(repeating: "]", count: 101),
    String(repeating: "- ", count: 101) + "a\n",
    "k" + String(repeating: "x", count: 1_100) + ": v\n", String(repeating: "é", count: 1_022) + ": v\n",
    "\"" + String(repeating: "x", count: 1_022) + "\": v\n", "\"" + String(repeating: "x", count: 1_023) + "\": v\n",
    "\"a\\u0062\": 1\nab: 2\n", "{\"a\": 1, \"\\u0061\": 2}", "- {a: 1,\n  b: 2}\n", "- {a: 1,\n b: 2}\n", "{\"" + String(repeating: "x", count: 1_100) + "\": 1}",
    "a:\n- b\n  - c\n", "a:\n  - b\n - c\n", "-  a: 1\n   b: 2\n", "- a: 1\n b: 2\n", "-\tx\n", "- a\n-\n  - b\n  c\n",
    "a: 1 # c\n  b: 2\n", "---x: 1\n", " --- \n", "--- a\n", "--- [a]\n", "---\n---\n", "a: b\n--- \n", "a: \"---\"\n",
    "-x: 1\n", "?x: 1\n", ":x: 1\n", "x?: 1\n", "- ? a\n", "[? a]", "{? a: b}", "[- a]", "[-a, -]", "[a:b, c:d]", "[a:, b]",
    "description: a longer line with \u{1} inside\n", "description: a longer line with \u{7F} inside\n",
    "description: a longer line with \u{85} inside\n", "description: a longer line with \u{FEFF} inside\n",
    "description: \"a longer quoted line, \u{8} inside\"\n", "description: a longer line with a\r\nbreak\n",
    "a: \"x\" # c\n  b: 2\n", "?not\n", "a: -\nb: -\n", "a:\n\n\n  b\n", "a: [\n]\n", "[\n]\n", "{\n}\n", "a:\n  # c\n  b: 1\n", "a:\n# c\n- b\n",
]
