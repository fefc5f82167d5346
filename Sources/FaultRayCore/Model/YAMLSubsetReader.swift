/// Reads the common subset of YAML (block mappings and sequences, plain and quoted scalars, flow
/// collections such as JSON) straight from UTF-8 bytes into a ``DocumentTree``.
///
/// It is a fast path in front of Yams, which stays authoritative: whenever it returns a tree, that tree
/// equals the one Yams composes from the same text (positions included); for anything beyond the subset,
/// or anything it is not sure libyaml reads the same way, it returns `nil`.
///
/// The subset: an optional leading `---` line; comments and blank lines; block mappings whose keys are
/// plain or quoted scalars, block sequences (also compact, `- key: value`, and at a key's indentation,
/// `key:` then `- item`); single-line plain, single-quoted and double-quoted scalars (with all of YAML's
/// escapes, and JSON's surrogate pairs); flow sequences and mappings, nested and over several lines;
/// `\n` or `\r\n` line ends. Everything else (tabs outside quotes, a `\r` alone, byte order marks,
/// control characters, anchors, aliases, tags, block scalars, `?` keys, scalars over several lines,
/// collections as keys, single-pair mappings in flow sequences, duplicate keys, irregular indentation,
/// more than one document, invalid YAML) gives `nil`.
enum YAMLSubsetReader {
    /// The tree of `text`, exactly as Yams would compose it; `nil` when the text goes beyond the subset
    /// or is not valid YAML, and the caller should let Yams read it (and report its errors).
    static func read(_ text: String) -> DocumentTree? {
        var text = text
        if text.utf8.contains(carriageReturn) {
            guard let lineFeedsOnly = withoutCarriageReturns(text) else { return nil }
            text = lineFeedsOnly
        }
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> DocumentTree? in
            guard let ascii = Reader.checkCharacters(bytes) else { return nil }
            var reader = Reader(bytes: bytes, ascii: ascii)
            return try? reader.document()
        } ?? nil
    }
}

extension YAMLSubsetReader {
    /// Windows line ends: `\r\n` is one line break to libyaml, as `\n` is, so without the `\r`s every
    /// line, column and scalar stays the same (scalars here never span lines). `nil` for a `\r` alone.
    private static func withoutCarriageReturns(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingReturn = false
        for byte in text.utf8 {
            if pendingReturn, byte != newline { return nil }
            pendingReturn = byte == carriageReturn
            if !pendingReturn { bytes.append(byte) }
        }
        return pendingReturn ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

/// Thrown when the text goes beyond what the reader handles.
private struct Unsupported: Error {}

/// A scalar read but not yet added to the tree (a block mapping's first key is read before the mapping starts).
private struct Scalar {
    let text: String
    let type: DocumentTree.ScalarType
    /// Where it starts, as a byte offset and as Yams' 1-based mark.
    let offset: Int
    let line: Int
    let column: Int
}

private let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
private let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), hash = UInt8(ascii: "#"), comma = UInt8(ascii: ",")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
private let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
private let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

private struct Reader {
    /// Most nested collections read (libyaml allows 1,000); deeper documents are left to Yams, which keeps
    /// the reader's recursion shallow.
    private static let maxDepth = 100
    /// Longest key, in bytes, from its start to its `:` (libyaml drops a simple key after 1,024 characters).
    private static let maxKeyLength = 1_000

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the text is all ASCII, so that columns are byte offsets.
    private let ascii: Bool
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    /// Characters saved on this line so far by joining JSON surrogate pairs (`\ud83d\ude00`, twelve
    /// characters, is one in the text Yams reads).
    private var lineShift = 0
    /// Characters counted on this line up to byte `counted`, for columns in non-ASCII text.
    private var counted = 0, countedCharacters = 0
    private var depth = 0
    private var builder: DocumentTree.Builder
    /// The keys of the mappings being read, innermost last, to reject duplicates as Yams does.
    private var keys: [String] = []
    /// Reused buffer for unescaping quoted scalars.
    private var scratch: [UInt8] = []
    /// Recently resolved plain scalars (a power of two of them), by ``plainType(_:_:)``.
    private var recentTypes = [(text: String, type: DocumentTree.ScalarType)?](repeating: nil, count: 256)

    init(bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) {
        self.bytes = bytes
        self.ascii = ascii
        builder = DocumentTree.Builder(capacity: bytes.count / 8)
    }

    /// Whether the text is all ASCII; `nil` when it holds a character libyaml rejects or treats specially:
    /// control characters (tab and line feed aside), `\r`, NEL, the line and paragraph separators, a byte
    /// order mark, U+FFFE and U+FFFF.
    static func checkCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits = ones &* 0x80
        var ascii = true
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                // Eight bytes at a time while they are all printable ASCII (0x20 to 0x7E).
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                let belowSpace = (word &- ones &* 0x20) & ~word, deleteOrAbove = word &+ ones
                if (word | belowSpace | deleteOrAbove) & highBits == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte &- 0x20 < 0x5F || byte == newline || byte == tab { continue }
            guard byte >= 0x80 else { return nil }
            ascii = false
            // The text is valid UTF-8, so a lead byte is followed by its continuation bytes.
            switch byte {
            case 0xC2: if bytes[index] < 0xA0 { return nil }
            case 0xE2: if bytes[index] == 0x80, bytes[index + 1] & 0xFE == 0xA8 { return nil }
            case 0xEF: if bytes[index] == 0xBB && bytes[index + 1] == 0xBF || bytes[index] == 0xBF && bytes[index + 1] >= 0xBE { return nil }
            default: break
            }
        }
        return ascii
    }

    // MARK: Document and block structure

    mutating func document() throws(Unsupported) -> DocumentTree {
        skipBlankLines()
        if pos < bytes.count, atDocumentMarker(dash) {
            pos += 3
            try endLine()
        } else {
            try checkNoDocumentMarker()
        }
        guard pos < bytes.count else { throw Unsupported() }
        try blockNode(parent: -1, compact: true)
        guard pos == bytes.count, let tree = builder.finish() else { throw Unsupported() }
        return tree
    }

    /// Reads the node starting at the current position, in a block collection indented `parent` (-1 for
    /// the root), and moves to the next line with content. `compact` allows a block collection to start
    /// here (at a line's start or after `- `, not after `key: `).
    private mutating func blockNode(parent: Int, compact: Bool) throws(Unsupported) {
        let indent = pos - lineStart
        switch peek() {
        case dash where Self.isBlankOrEnd(peek(1)):
            guard compact else { throw Unsupported() }
            try blockSequence(indent: indent, indentless: false)
        case openBracket, openBrace:
            try flowCollection(blockIndent: parent)
            try endLine()
        default:
            let scalar = try blockScalar()
            if atValueIndicator {
                guard compact else { throw Unsupported() }
                try blockMapping(firstKey: scalar, indent: indent)
            } else {
                // Any more-indented line after a plain scalar (which libyaml would read as its continuation)
                // is left to the enclosing collection, which rejects it.
                add(scalar)
                try endLine()
            }
        }
    }

    /// Reads a block mapping indented `indent` whose first key is read, up to its `:`.
    private mutating func blockMapping(firstKey: Scalar, indent: Int) throws(Unsupported) {
        try enter()
        builder.begin()
        let firstKeyIndex = keys.count
        var key = firstKey
        while true {
            guard pos - key.offset <= Self.maxKeyLength else { throw Unsupported() }
            add(key)
            keys.append(key.text)
            pos += 1
            try valueAfterIndicator(indent: indent, compactOnSameLine: false, sequenceAtIndent: true)
            let next = contentIndent
            if next < indent { break }
            guard next == indent else { throw Unsupported() }
            key = try blockScalar()
            guard atValueIndicator else { throw Unsupported() }
        }
        try checkUniqueKeys(from: firstKeyIndex)
        builder.end(.mapping, line: firstKey.line, column: firstKey.column)
        depth -= 1
    }

    /// Reads a block sequence whose first `-` is at the current position, indented `indent`; an
    /// indentless one (a mapping value at the key's indentation) ends at the mapping's next key.
    private mutating func blockSequence(indent: Int, indentless: Bool) throws(Unsupported) {
        try enter()
        let startLine = line, startColumn = column(pos)
        builder.begin()
        while true {
            pos += 1
            try valueAfterIndicator(indent: indent, compactOnSameLine: true, sequenceAtIndent: false)
            let next = contentIndent
            if next == indent, atBlockEntry { continue }
            guard next < indent || indentless && next == indent else { throw Unsupported() }
            break
        }
        builder.end(.sequence, line: startLine, column: startColumn)
        depth -= 1
    }

    /// Reads the value after a mapping's `:` or a sequence's `-` (the position just past it), in a
    /// collection indented `indent`: on the same line (a block collection there only when
    /// `compactOnSameLine`), on the following more-indented lines, a sequence at the same indentation
    /// when `sequenceAtIndent`, or else empty.
    private mutating func valueAfterIndicator(indent: Int, compactOnSameLine: Bool, sequenceAtIndent: Bool) throws(Unsupported) {
        let emptyLine = line, emptyColumn = column(pos)
        skipSpaces()
        guard atLineEnd else {
            try blockNode(parent: indent, compact: compactOnSameLine)
            return
        }
        try endLine()
        let next = contentIndent
        if next > indent {
            try blockNode(parent: indent, compact: true)
        } else if sequenceAtIndent, next == indent, atBlockEntry {
            try blockSequence(indent: indent, indentless: true)
        } else {
            addEmpty(line: emptyLine, column: emptyColumn)
        }
    }

    /// A quoted or plain scalar in block context, followed by any spaces.
    private mutating func blockScalar() throws(Unsupported) -> Scalar {
        let scalar = peek() == singleQuote || peek() == doubleQuote ? try quoted() : try plain(flow: false)
        skipSpaces()
        return scalar
    }

    // MARK: Flow collections

    /// Reads a flow sequence or mapping (its lines after the first indented more than `blockIndent`).
    private mutating func flowCollection(blockIndent: Int) throws(Unsupported) {
        try enter()
        let mapping = peek() == openBrace
        let startLine = line, startColumn = column(pos)
        let firstKeyIndex = keys.count
        builder.begin()
        pos += 1
        while true {
            try skipFlowSpace(blockIndent: blockIndent)
            if peek() == (mapping ? closeBrace : closeBracket) { break }
            if mapping {
                let key = try flowScalar()
                add(key)
                keys.append(key.text)
                skipSpaces()
                guard peek() == colon, pos - key.offset <= Self.maxKeyLength else { throw Unsupported() }
                pos += 1
                try skipFlowSpace(blockIndent: blockIndent)
                if peek() == comma || peek() == closeBrace {
                    addEmpty(line: line, column: column(pos))
                } else {
                    try flowNode(blockIndent: blockIndent)
                }
            } else {
                try flowNode(blockIndent: blockIndent)
            }
            try skipFlowSpace(blockIndent: blockIndent)
            if peek() == comma {
                pos += 1
            } else if peek() != (mapping ? closeBrace : closeBracket) {
                throw Unsupported()
            }
        }
        pos += 1
        if mapping { try checkUniqueKeys(from: firstKeyIndex) }
        builder.end(mapping ? .mapping : .sequence, line: startLine, column: startColumn)
        depth -= 1
    }

    private mutating func flowNode(blockIndent: Int) throws(Unsupported) {
        if peek() == openBracket || peek() == openBrace {
            try flowCollection(blockIndent: blockIndent)
        } else {
            add(try flowScalar())
        }
    }

    private mutating func flowScalar() throws(Unsupported) -> Scalar {
        peek() == singleQuote || peek() == doubleQuote ? try quoted() : try plain(flow: true)
    }

    /// Skips spaces, comments and line breaks inside a flow collection; every line it moves to must be
    /// indented more than the enclosing block collection.
    private mutating func skipFlowSpace(blockIndent: Int) throws(Unsupported) {
        while true {
            skipSpaces()
            skipComment()
            guard peek() == newline else { return }
            nextLine()
            skipSpaces()
            if pos < bytes.count, peek() != newline {
                guard pos - lineStart > blockIndent else { throw Unsupported() }
                try checkNoDocumentMarker()
            }
        }
    }

    // MARK: Scalars

    /// A plain scalar on one line: it ends before `: ` (or `:` at the line's end), ` #`, the line's end,
    /// and in flow context before `,[]{}`.
    private mutating func plain(flow: Bool) throws(Unsupported) -> Scalar {
        let start = pos, startColumn = column(pos)
        switch peek() {
        case space, tab, newline, 0, colon, comma, openBracket, closeBracket, openBrace, closeBrace, hash,
             singleQuote, doubleQuote, UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
             UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw Unsupported()
        case dash where Self.isBlankOrEnd(peek(1)):
            throw Unsupported()
        default:
            break
        }
        var end = pos
        scan: while true {
            let run = pos
            while pos < bytes.count, !Self.isSpecialInPlain(bytes[pos]) { pos += 1 }
            if pos > run { end = pos }
            switch peek() {
            case space:
                pos += 1
                continue scan
            case newline, 0:
                break scan
            case tab:
                throw Unsupported()
            case hash where bytes[pos - 1] == space:
                break scan
            case colon:
                let next = peek(1)
                if Self.isBlankOrEnd(next) { break scan }
                if flow, Self.isFlowIndicator(next) || next == UInt8(ascii: "?") { throw Unsupported() }
            case comma, openBracket, closeBracket, openBrace, closeBrace:
                if flow { break scan }
            case backslash:
                try checkNoSurrogateEscape()
            default:
                break
            }
            pos += 1
            end = pos
        }
        pos = end
        let text = string(start ..< end)
        return Scalar(text: text, type: plainType(text, start ..< end), offset: start, line: line, column: startColumn)
    }

    /// A single- or double-quoted scalar on one line.
    private mutating func quoted() throws(Unsupported) -> Scalar {
        let quote = peek(), start = pos, startColumn = column(pos)
        pos += 1
        var escaped = false
        while peek() != quote || quote == singleQuote && peek(1) == singleQuote {
            switch peek() {
            case newline, 0:
                throw Unsupported()
            case singleQuote where quote == singleQuote:
                escaped = true
                pos += 1
            case backslash where quote == doubleQuote:
                escaped = true
                pos += 1
                guard peek() != newline, peek() != 0 else { throw Unsupported() }
            case backslash:
                try checkNoSurrogateEscape()
            default:
                break
            }
            pos += 1
        }
        let content = start + 1 ..< pos
        pos += 1
        let text = !escaped ? string(content) : quote == singleQuote ? unescapeSingle(content) : try unescapeDouble(content)
        return Scalar(text: text, type: .string, offset: start, line: line, column: startColumn)
    }

    private mutating func unescapeSingle(_ range: Range<Int>) -> String {
        scratch.removeAll(keepingCapacity: true)
        var index = range.lowerBound
        while index < range.upperBound {
            scratch.append(bytes[index])
            index += bytes[index] == singleQuote ? 2 : 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    private mutating func unescapeDouble(_ range: Range<Int>) throws(Unsupported) -> String {
        scratch.removeAll(keepingCapacity: true)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            index += 1
            guard byte == backslash else {
                scratch.append(byte)
                continue
            }
            let escape = bytes[index]
            index += 1
            let digits: Int
            switch escape {
            case UInt8(ascii: "x"): digits = 2
            case UInt8(ascii: "u"): digits = 4
            case UInt8(ascii: "U"): digits = 8
            default:
                guard let replacement = Self.escapes[escape] else { throw Unsupported() }
                scratch.append(contentsOf: replacement)
                continue
            }
            var value = try hexValue(index, digits, before: range.upperBound)
            index += digits
            if escape == UInt8(ascii: "u"), value & 0xFC00 == 0xD800 {
                // A JSON surrogate pair, which the loader joins into one character before Yams reads the text.
                guard index + 6 <= range.upperBound, bytes[index] == backslash, bytes[index + 1] == UInt8(ascii: "u") else { throw Unsupported() }
                let low = try hexValue(index + 2, 4, before: range.upperBound)
                guard low & 0xFC00 == 0xDC00 else { throw Unsupported() }
                value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
                index += 6
                lineShift += 11
            }
            // Lone surrogates and beyond Unicode are errors for libyaml; a byte order mark is left to Yams.
            guard let scalar = Unicode.Scalar(value), value != 0xFEFF else { throw Unsupported() }
            scratch.append(contentsOf: UTF8.encode(scalar)!)
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// The bytes YAML's single-character escapes stand for.
    private static let escapes: [UInt8: [UInt8]] = {
        var escapes: [UInt8: [UInt8]] = [:]
        let pairs: [(Character, String)] = [
            ("0", "\u{0}"), ("a", "\u{7}"), ("b", "\u{8}"), ("t", "\t"), ("\t", "\t"), ("n", "\n"), ("v", "\u{B}"),
            ("f", "\u{C}"), ("r", "\r"), ("e", "\u{1B}"), (" ", " "), ("\"", "\""), ("/", "/"), ("\\", "\\"),
            ("N", "\u{85}"), ("_", "\u{A0}"), ("L", "\u{2028}"), ("P", "\u{2029}"),
        ]
        for (escape, replacement) in pairs { escapes[escape.asciiValue!] = Array(replacement.utf8) }
        return escapes
    }()

    /// The value of `count` hexadecimal digits at `index`, all before `limit`.
    private func hexValue(_ index: Int, _ count: Int, before limit: Int) throws(Unsupported) -> UInt32 {
        guard index + count <= limit else { throw Unsupported() }
        var value: UInt32 = 0
        for byte in bytes[index ..< index + count] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Unsupported()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Outside double quotes, the loader would still join a `\uD8xx\uDCxx` pair before Yams reads the text.
    private func checkNoSurrogateEscape() throws(Unsupported) {
        if peek(1) == UInt8(ascii: "u"), peek(2) | 0x20 == UInt8(ascii: "d"), Self.isHighSurrogateDigit(peek(3)) {
            throw Unsupported()
        }
    }

    private static func isHighSurrogateDigit(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "8") || byte == UInt8(ascii: "9") || (byte | 0x20) == UInt8(ascii: "a") || (byte | 0x20) == UInt8(ascii: "b")
    }

    // MARK: Positions and whitespace

    private func peek(_ offset: Int = 0) -> UInt8 {
        let index = pos + offset
        return index < bytes.count ? bytes[index] : 0
    }

    /// Space, tab, line break or the end: what makes `-` and `:` indicators.
    private static func isBlankOrEnd(_ byte: UInt8) -> Bool {
        byte == space || byte == newline || byte == tab || byte == 0
    }

    /// NUL (the end), tab, line feed, space, `#`, `,`, `:`, `[`, `\`, `]`, `{` and `}`: the bytes a plain
    /// scalar may end at or that need a closer look.
    private static func isSpecialInPlain(_ byte: UInt8) -> Bool {
        let low: UInt64 = 1 << 0 | 1 << 9 | 1 << 10 | 1 << 32 | 1 << 35 | 1 << 44 | 1 << 58
        let high: UInt64 = 1 << (0x5B - 64) | 1 << (0x5C - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64)
        return byte < 128 && ((byte < 64 ? low : high) >> (byte & 63)) & 1 != 0
    }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == comma || byte == openBracket || byte == closeBracket || byte == openBrace || byte == closeBrace
    }

    private var atValueIndicator: Bool { peek() == colon && Self.isBlankOrEnd(peek(1)) }
    private var atBlockEntry: Bool { peek() == dash && Self.isBlankOrEnd(peek(1)) }
    private var atLineEnd: Bool { peek() == hash || peek() == newline || pos == bytes.count }

    /// The indentation of the line the position is on (at its first content), or -1 at the end of the text.
    private var contentIndent: Int { pos < bytes.count ? pos - lineStart : -1 }

    private func atDocumentMarker(_ mark: UInt8) -> Bool {
        pos == lineStart && peek() == mark && peek(1) == mark && peek(2) == mark && Self.isBlankOrEnd(peek(3))
    }

    private func checkNoDocumentMarker() throws(Unsupported) {
        if atDocumentMarker(dash) || atDocumentMarker(UInt8(ascii: ".")) { throw Unsupported() }
    }

    private mutating func skipSpaces() {
        while peek() == space { pos += 1 }
    }

    private mutating func skipComment() {
        guard peek() == hash else { return }
        while pos < bytes.count, bytes[pos] != newline { pos += 1 }
    }

    private mutating func nextLine() {
        pos += 1
        line += 1
        lineStart = pos
        lineShift = 0
        counted = pos
        countedCharacters = 0
    }

    /// Skips blank and comment lines, stopping at the first content of a line (or the end).
    private mutating func skipBlankLines() {
        while true {
            skipSpaces()
            skipComment()
            guard peek() == newline else { return }
            nextLine()
        }
    }

    /// Ends the current line, where only spaces and a comment may be left, and moves to the next content.
    private mutating func endLine() throws(Unsupported) {
        skipSpaces()
        guard atLineEnd else { throw Unsupported() }
        skipBlankLines()
        try checkNoDocumentMarker()
    }

    /// The 1-based column of byte `offset` on the current line, in characters of the text Yams reads.
    private mutating func column(_ offset: Int) -> Int {
        if ascii { return offset - lineStart - lineShift + 1 }
        if offset < counted {
            counted = lineStart
            countedCharacters = 0
        }
        while counted < offset {
            if bytes[counted] & 0xC0 != 0x80 { countedCharacters += 1 }
            counted += 1
        }
        return countedCharacters - lineShift + 1
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private mutating func add(_ scalar: Scalar) {
        builder.scalar(scalar.text, type: scalar.type, line: scalar.line, column: scalar.column)
    }

    /// Adds an empty value (`key:` with nothing after it), a null plain scalar at `line` and `column`.
    private mutating func addEmpty(line: Int, column: Int) {
        builder.scalar("", type: Self.emptyType, line: line, column: column)
    }

    private static let emptyType = DocumentTree.resolvePlain("")

    /// What the plain scalar `text`, the bytes in `range`, means (``DocumentTree/resolvePlain(_:)``),
    /// remembered by a hash of its bytes: keys and values repeat, and resolving one (a dictionary
    /// look-up for a word, Yams' rules for `0.5`) costs more than comparing two short texts.
    private mutating func plainType(_ text: String, _ range: Range<Int>) -> DocumentTree.ScalarType {
        let slot = (range.count &* 31 &+ Int(bytes[range.lowerBound]) &* 7 &+ Int(bytes[range.upperBound - 1])) & (recentTypes.count - 1)
        if let recent = recentTypes[slot], recent.text == text { return recent.type }
        let type = DocumentTree.resolvePlain(text)
        recentTypes[slot] = (text, type)
        return type
    }

    private mutating func enter() throws(Unsupported) {
        depth += 1
        guard depth <= Self.maxDepth else { throw Unsupported() }
    }

    /// Rejects a mapping whose keys (from `first` on) repeat one (Yams compares them as strings), and
    /// forgets them.
    private mutating func checkUniqueKeys(from first: Int) throws(Unsupported) {
        defer { keys.removeSubrange(first...) }
        if keys.count - first <= 16 {
            for later in first ..< keys.count {
                for earlier in first ..< later where keys[earlier] == keys[later] { throw Unsupported() }
            }
        } else {
            var seen = Set<String>(minimumCapacity: keys.count - first)
            for key in keys[first...] where !seen.insert(key).inserted { throw Unsupported() }
        }
    }
}
