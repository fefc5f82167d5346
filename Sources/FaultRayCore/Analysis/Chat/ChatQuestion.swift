/// A chat question that cannot be answered as given.
public enum ChatQuestionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `question` at all.
    case missing
    /// A question that is empty or only whitespace.
    case empty
    /// A question longer than `maxCharacters` characters.
    case tooLong(characters: Int)

    public static let maxCharacters = 2000

    public var description: String {
        switch self {
        case .missing: return "Missing 'question': ask something about your infrastructure, e.g. \"What are the single points of failure?\""
        case .empty: return "The question is empty: ask something about your infrastructure, e.g. \"What are the single points of failure?\""
        case .tooLong(let n): return "The question is \(n) characters long; the limit is \(Self.maxCharacters)."
        }
    }

    /// Checks a question: present, not blank, at most `maxCharacters` characters (grapheme clusters).
    static func validate(_ question: String?) throws(ChatQuestionError) -> String {
        guard let question else { throw .missing }
        guard !question.allSatisfy(\.isWhitespace) else { throw .empty }
        guard question.count <= maxCharacters else { throw .tooLong(characters: question.count) }
        return question
    }
}

/// A question split into lowercase words, with the components, failure domains and availability
/// target it names.
///
/// Words are maximal runs of letters and digits, so punctuation, `-` and `_` separate words and
/// keywords only ever match whole words ("no" is not found in "nodes"). A component is named by its id
/// or its name as a run of whole words, case-insensitively (`web-server`, `Web Server` and
/// `web_server` all name `web-server`). Longer names are matched first and a word belongs to at most
/// one mention, so "Primary Database" names the component called that, not one whose id is `database`
/// elsewhere in the model. Mentions are listed in the order they appear in the question.
///
/// A tag of a component, as whole words with a trailing `s` ignored ("payment" and "payments"), marks
/// it `tagged`: a path named by what it does ("the checkout path"). A host, zone or region of the model
/// written out as whole words (`us-east-1`, `us-east-1a`, `app01.shop.internal`) is a named domain.
struct ChatQuestion {
    let text: String
    let words: [String]
    let wordSet: Set<String>
    /// Indices of the named components, in order of appearance, each once.
    private(set) var mentions: [Int]
    /// Indices of the components whose tags the question uses, in model order.
    let tagged: [Int]
    /// The hosts, zones and regions the question names, in model order.
    let domains: [FailureDomain]
    let target: ChatTarget?
    /// The model's components.
    let components: [Component]

    init(_ text: String, components: [Component]) {
        self.text = text
        self.components = components
        words = Self.words(text)
        wordSet = Set(words)
        mentions = Self.mentions(in: words, components: components)
        let singular = words.map(Self.singular)
        tagged = components.indices.filter { i in
            components[i].tags.contains { !Self.occurrences(of: Self.words($0).map(Self.singular), in: singular).isEmpty }
        }
        var domains: [FailureDomain] = []
        for domain in components.flatMap(Self.placement) where !domains.contains(domain) {
            if !Self.occurrences(of: Self.words(domain.name), in: words).isEmpty { domains.append(domain) }
        }
        self.domains = domains
        target = ChatTarget.parse(text)
    }

    /// The question with `components` named as well (after those it names).
    func assuming(_ components: [Int]) -> ChatQuestion {
        var q = self
        q.mentions += components.filter { !mentions.contains($0) }
        return q
    }

    /// The host, zone and region a component is placed in, as the full run's domain scenarios name them.
    static func placement(_ c: Component) -> [FailureDomain] {
        [FailureDomain(.host, c.host), FailureDomain(.zone, c.region.availabilityZone), FailureDomain(.region, c.region.region)]
            .filter { !$0.name.isEmpty }
    }

    private static func singular(_ word: String) -> String { word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : word }

    /// Lowercase words of `text`.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    func has(_ word: String) -> Bool { wordSet.contains(word) }

    func hasAny(_ candidates: Set<String>) -> Bool { !wordSet.isDisjoint(with: candidates) }

    /// Whether the words of `phrase` appear consecutively.
    func has(phrase: String) -> Bool { Self.occurrences(of: Self.words(phrase), in: words).first != nil }

    /// Whether a word of `first` is directly followed by a word of `second`.
    func hasPair(_ first: Set<String>, _ second: Set<String>) -> Bool {
        zip(words, words.dropFirst()).contains { first.contains($0) && second.contains($1) }
    }

    private static func occurrences(of phrase: [String], in words: [String]) -> [Int] {
        guard !phrase.isEmpty, phrase.count <= words.count else { return [] }
        return (0...(words.count - phrase.count)).filter { words[$0..<($0 + phrase.count)].elementsEqual(phrase) }
    }

    private static func mentions(in words: [String], components: [Component]) -> [Int] {
        var phrases: [(words: [String], length: Int, component: Int)] = []
        for (i, component) in components.enumerated() {
            for label in Set([component.id, component.name]) {
                let labelWords = Self.words(label)
                if !labelWords.isEmpty { phrases.append((labelWords, label.count, i)) }
            }
        }
        phrases.sort { ($0.words.count, $0.length, -$0.component) > ($1.words.count, $1.length, -$1.component) }
        var taken = [Bool](repeating: false, count: words.count)
        var found: [(position: Int, component: Int)] = []
        for phrase in phrases {
            for start in occurrences(of: phrase.words, in: words) where !taken[start..<(start + phrase.words.count)].contains(true) {
                for k in start..<(start + phrase.words.count) { taken[k] = true }
                found.append((start, phrase.component))
            }
        }
        var seen = Set<Int>()
        return found.sorted { $0.position < $1.position }.map(\.component).filter { seen.insert($0).inserted }
    }
}
