import Foundation
@testable import FaultRayCore
import Testing

/// Issue 18, item 14: parameter keys were written unquoted, so a key could inject YAML (`p: 1\n  replicas: 7`),
/// break the document or drop the parameters (`{x}`). Any key and value must survive export and re-import.
@Suite("Model writer: keys and values round-trip")
struct ModelWriterRoundTripTests {
    /// Fragments that mean something to YAML, joined at random into keys and values. (A text that starts
    /// with U+FEFF loses it on reading: Yams decodes every scalar with Foundation, which drops a leading
    /// byte order mark, and the fast reader matches Yams; so U+FEFF comes only after another character.)
    static let fragments: [String] = [
        "a", "p", "replicas", "name", " ", "  ", ": ", ":", " #", "#", "\n", "\n  ", "\r\n", "\t", "{", "}", "{x}", "[", "]", "[1, 2]",
        ",", "'", "\"", "\\", "-", "- ", "?", "? ", "&", "&anchor", "*", "*alias", "!", "!!str", "|", ">", "%", "@", "`", "~",
        "true", "False", "yes", "NO", "on", "null", "Null", "y", "1", "0x1F", "1.5", "-3", "1e3", ".inf", ".nan", "0o17",
        "---", "...", "é", "日本", "🙂", "\u{85}", "\u{2028}", "a\u{FEFF}", "\u{7F}", "\u{0}", "\u{1B}", "\u{A0}", "=", "<<",
    ]

    static func text(_ rng: inout SeededRandom, allowEmpty: Bool = false) -> String {
        let count = Int.random(in: (allowEmpty ? 0 : 1)...5, using: &rng)
        var text = (0..<count).map { _ in fragments.randomElement(using: &rng)! }.joined()
        if Int.random(in: 0..<4, using: &rng) == 0 {
            // Any control character (NUL excluded only when it would be the whole text: never a problem either way).
            text += String(UnicodeScalar(UInt8.random(in: 0...0x1F, using: &rng)))
        }
        return text
    }

    static func model(seed: UInt64) -> InfrastructureModel {
        var rng = SeededRandom(seed: seed)
        var model = InfrastructureModel()
        model.name = text(&rng)
        model.description = text(&rng, allowEmpty: true)
        for index in 0..<2 {
            var component = Component(id: "c\(index)", name: text(&rng))
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let value: ParameterValue
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: value = .text(text(&rng, allowEmpty: true))
                case 1: value = .number(Double(Int.random(in: -1000...1000, using: &rng)) / 4)
                default: value = .flag(Bool.random(using: &rng))
                }
                component.parameters[text(&rng)] = value
            }
            model.components.append(component)
        }
        return model
    }

    @Test func randomKeysAndValuesSurviveYAMLAndJSON() throws {
        var failures = 0
        for seed in 0..<600 as Range<UInt64> where failures < 5 {
            let model = Self.model(seed: seed)
            for (format, text) in [("YAML", model.yaml()), ("JSON", model.json())] {
                let loaded: InfrastructureModel?
                do {
                    loaded = try ModelLoader.load(text: text)
                } catch {
                    loaded = nil
                    Issue.record("seed \(seed): the \(format) export does not load: \(error)\n\(text)")
                }
                if let loaded, loaded != model {
                    Issue.record("seed \(seed): the \(format) export loads as another model\n\(text)\nread back as\n\(loaded.json())")
                }
                if loaded != model { failures += 1 }
            }
        }
    }

    /// The shapes the issue reported, each alone.
    @Test(arguments: ["p: 1\n  replicas: 7\n  name", "{x}", "[x]", "a: b", "# c", "- x", "? x", "&a", "*a", "!t", "true", "null", "1", "", " x", "x ", "'q'", "\"q\"", "k\u{0}"])
    func reportedKeyShapes(key: String) throws {
        var component = Component(id: "app")
        component.parameters[key] = .number(1)
        component.parameters["z"] = .text(key)
        var model = InfrastructureModel()
        model.components = [component]
        let loaded = try ModelLoader.load(text: model.yaml())
        #expect(loaded == model, "\(model.yaml())")
        #expect(loaded.components.first?.replicas == 1)
    }

    @Test func plainSafeKeysStayPlain() {
        #expect(ModelValue.yamlKey("max_connections") == "max_connections")
        #expect(ModelValue.yamlKey("retry-count") == "retry-count")
        #expect(ModelValue.yamlKey("true") == "\"true\"")
        #expect(ModelValue.yamlKey("a b") == "\"a b\"")
        #expect(ModelValue.yamlKey("1x") == "\"1x\"")
    }
}
