import Foundation

/// Number formatting shared by messages and reports.
public enum Format {
    /// `42.5%`, `90%`.
    public static func percent(_ value: Double) -> String { number(value) + "%" }

    /// A number with at most `places` decimals, without trailing zeros.
    public static func number(_ value: Double, places: Int = 1) -> String {
        let rounded = round(value, places: places)
        guard abs(rounded) < 1e15 else { return String(rounded) }
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Rounds half away from zero to `places` decimals; the one rounding rule of every reported figure.
    public static func round(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// `text` with each character found in `table` replaced by its entry (the one way every output
    /// format escapes text: XML, Mermaid labels, iCalendar).
    public static func escaping(_ text: String, _ table: [Character: String]) -> String {
        var result = ""
        for character in text {
            if let replacement = table[character] { result += replacement } else { result.append(character) }
        }
        return result
    }
}
