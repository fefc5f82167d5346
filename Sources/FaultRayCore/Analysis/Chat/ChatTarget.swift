import Foundation

/// An availability target a question states: a percentage from 90 up to (not including) 100, with a
/// `%` sign or a decimal point (`99.95%`, `99%`, `99.9`), or a number of nines (`4 nines`, `five nines`,
/// `three 9s`, `3.5 nines`).
struct ChatTarget: Equatable {
    var nines: Double
    /// The target as the question put it, in percent.
    var percent: Double

    private static let numberWords = ["one": 1.0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7]
    private static let ninesWords: Set = ["nines", "9s"]

    /// The first target stated in `text`, if any.
    static func parse(_ text: String) -> ChatTarget? {
        for token in text.lowercased().split(whereSeparator: \.isWhitespace) {
            let trimmed = token.trimmingCharacters(in: CharacterSet(charactersIn: "?!,;:()[]\"'").union(.whitespaces))
            let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed.hasSuffix(".") ? String(trimmed.dropLast()) : trimmed
            guard let value = Double(number), value.isFinite, value < 100 else { continue }
            if value >= 90, trimmed.hasSuffix("%") || number.contains(".") {
                return ChatTarget(nines: -log10(1 - value / 100), percent: value)
            }
        }
        let words = ChatQuestion.words(text)
        for (previous, word) in zip(words, words.dropFirst()) where ninesWords.contains(word) {
            if let n = Double(previous) ?? numberWords[previous], n > 0 {
                return ChatTarget(nines: n, percent: Format.round(100 * (1 - pow(10, -n)), places: 10))
            }
        }
        return nil
    }

    /// "99.99%".
    var percentText: String { Format.number(percent, places: 6) + "%" }
}
