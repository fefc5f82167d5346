import Foundation

/// A JSON value, as the schema validator reads documents and responses.
enum JSON: Equatable, Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    /// The JSON text `data`.
    init(data: Data) throws {
        self = try JSONDecoder().decode(JSON.self, from: data)
    }

    subscript(_ key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var objectValue: [String: JSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var arrayValue: [JSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The value at a JSON Pointer inside a document (`#/components/schemas/Error`).
    func resolve(pointer: String) -> JSON? {
        guard pointer.hasPrefix("#") else { return nil }
        var value: JSON? = self
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch value {
            case .object(let members)?: value = members[key]
            case .array(let items)?: value = Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: return nil
            }
        }
        return value
    }

    /// Short text of the value for messages.
    var summary: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let text): return "\"\(text.count > 60 ? String(text.prefix(60)) + "…" : text)\""
        case .array(let items): return "an array of \(items.count)"
        case .object(let members): return "an object with keys \(members.keys.sorted())"
        }
    }
}

/// A JSON Schema (2020-12) validator for the keywords the OpenAPI document uses; a schema with any
/// other keyword is reported rather than passed, so the validator never skips a rule silently.
struct JSONSchemaValidator: Sendable {
    /// The document `$ref`s point into.
    let document: JSON

    /// Keywords that only annotate: they never make a value invalid.
    static let annotations: Set<String> = [
        "description", "title", "examples", "example", "default", "format", "contentMediaType", "deprecated", "readOnly", "writeOnly", "$comment",
        // OpenAPI's hint for code generators of which `oneOf` branch a value takes; the `oneOf` itself validates.
        "discriminator",
    ]

    /// Keywords this validator applies.
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "minProperties",
        "maxProperties", "dependentSchemas", "dependentRequired", "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ]

    /// Every violation of `schema` by `value`, each with the place in the value (`$.nodes[3].id`).
    func errors(_ value: JSON, _ schema: JSON, at place: String = "$") -> [String] {
        switch schema {
        case .bool(true): return []
        case .bool(false): return ["\(place): nothing is allowed here"]
        case .object(let keywords): return errors(value, keywords, at: place)
        default: return ["\(place): the schema is not a schema: \(schema.summary)"]
        }
    }

    private func errors(_ value: JSON, _ schema: [String: JSON], at place: String) -> [String] {
        var found: [String] = []
        for keyword in schema.keys.sorted() where !Self.assertions.contains(keyword) && !Self.annotations.contains(keyword) {
            found.append("\(place): unsupported schema keyword \(keyword)")
        }
        if let ref = schema["$ref"]?.string {
            if let target = document.resolve(pointer: ref) { found += errors(value, target, at: place) }
            else { found.append("\(place): unresolvable $ref \(ref)") }
        }
        if let type = schema["type"] {
            let names: [String]
            switch type {
            case .string(let name): names = [name]
            case .array(let items): names = items.compactMap(\.string)
            default: names = []
            }
            if !names.contains(where: { Self.has(value, type: $0) }) {
                found.append("\(place): \(value.summary) is not of type \(names.joined(separator: " or "))")
            }
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            found.append("\(place): \(value.summary) is not one of \(options.map(\.summary))")
        }
        if let constant = schema["const"], constant != value {
            found.append("\(place): \(value.summary) is not \(constant.summary)")
        }
        for (keyword, sub) in schema.sorted(by: { $0.key < $1.key }) {
            found += combined(keyword, sub, value, schema, at: place)
        }
        switch value {
        case .object(let members): found += objectErrors(members, schema, at: place)
        case .array(let items): found += arrayErrors(items, schema, at: place)
        case .string(let text): found += stringErrors(text, schema, at: place)
        case .number(let number): found += numberErrors(number, schema, at: place)
        default: break
        }
        return found
    }

    /// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`.
    private func combined(_ keyword: String, _ sub: JSON, _ value: JSON, _ schema: [String: JSON], at place: String) -> [String] {
        let options: [JSON]
        if case .array(let items) = sub { options = items } else { options = [sub] }
        switch keyword {
        case "allOf":
            return options.flatMap { errors(value, $0, at: place) }
        case "anyOf", "oneOf":
            let passing = options.filter { errors(value, $0, at: place).isEmpty }.count
            if keyword == "anyOf", passing == 0 { return ["\(place): \(value.summary) matches none of anyOf"] }
            if keyword == "oneOf", passing != 1 { return ["\(place): \(value.summary) matches \(passing) of oneOf, not exactly one"] }
            return []
        case "not":
            return errors(value, sub, at: place).isEmpty ? ["\(place): \(value.summary) matches what `not` excludes"] : []
        case "if":
            let branch = errors(value, sub, at: place).isEmpty ? schema["then"] : schema["else"]
            return branch.map { errors(value, $0, at: place) } ?? []
        default:
            return []
        }
    }

    private func objectErrors(_ members: [String: JSON], _ schema: [String: JSON], at place: String) -> [String] {
        var found: [String] = []
        let properties = schema["properties"]?.objectValue ?? [:]
        for case .string(let key) in schema["required"]?.arrayValue ?? [] where members[key] == nil {
            found.append("\(place): required property \(key) is missing")
        }
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            let inner = "\(place).\(key)"
            if let property = properties[key] { found += errors(member, property, at: inner) }
            else if schema["additionalProperties"] == .bool(false) { found.append("\(place): unexpected property \(key)") }
            else if let additional = schema["additionalProperties"] { found += errors(member, additional, at: inner) }
            if let names = schema["propertyNames"] { found += errors(.string(key), names, at: "\(place) key \(key)") }
            if let dependent = schema["dependentSchemas"]?[key] { found += errors(.object(members), dependent, at: place) }
            if case .array(let needed)? = schema["dependentRequired"]?[key] {
                for case .string(let other) in needed where members[other] == nil { found.append("\(place): \(key) needs \(other)") }
            }
        }
        if case .number(let least)? = schema["minProperties"], Double(members.count) < least { found.append("\(place): fewer than \(Int(least)) properties") }
        if case .number(let most)? = schema["maxProperties"], Double(members.count) > most { found.append("\(place): more than \(Int(most)) properties") }
        return found
    }

    private func arrayErrors(_ items: [JSON], _ schema: [String: JSON], at place: String) -> [String] {
        var found: [String] = []
        var prefix: [JSON] = []
        if case .array(let schemas)? = schema["prefixItems"] { prefix = schemas }
        for (index, item) in items.enumerated() {
            if index < prefix.count { found += errors(item, prefix[index], at: "\(place)[\(index)]") }
            else if let each = schema["items"] { found += errors(item, each, at: "\(place)[\(index)]") }
        }
        if case .number(let least)? = schema["minItems"], Double(items.count) < least { found.append("\(place): fewer than \(Int(least)) items") }
        if case .number(let most)? = schema["maxItems"], Double(items.count) > most { found.append("\(place): more than \(Int(most)) items") }
        if schema["uniqueItems"] == .bool(true), let repeated = items.enumerated().first(where: { items[..<$0.offset].contains($0.element) }) {
            found.append("\(place): item \(repeated.offset) repeats an earlier one")
        }
        return found
    }

    private func stringErrors(_ text: String, _ schema: [String: JSON], at place: String) -> [String] {
        var found: [String] = []
        let length = Double(text.unicodeScalars.count)
        if case .number(let least)? = schema["minLength"], length < least { found.append("\(place): \(JSON.string(text).summary) is shorter than \(Int(least))") }
        if case .number(let most)? = schema["maxLength"], length > most { found.append("\(place): \(JSON.string(text).summary) is longer than \(Int(most))") }
        if let pattern = schema["pattern"]?.string {
            if let regex = Self.regexes.compiled(pattern) {
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    found.append("\(place): \(JSON.string(text).summary) does not match \(pattern)")
                }
            } else {
                found.append("\(place): the pattern \(pattern) does not compile")
            }
        }
        return found
    }

    private func numberErrors(_ number: Double, _ schema: [String: JSON], at place: String) -> [String] {
        let bounds: [(String, (Double, Double) -> Bool, String)] = [
            ("minimum", { $0 >= $1 }, "below"), ("maximum", { $0 <= $1 }, "above"),
            ("exclusiveMinimum", { $0 > $1 }, "not above"), ("exclusiveMaximum", { $0 < $1 }, "not below"),
        ]
        var found: [String] = []
        for (keyword, holds, relation) in bounds {
            if case .number(let bound)? = schema[keyword], !holds(number, bound) {
                found.append("\(place): \(JSON.number(number).summary) is \(relation) \(keyword) \(JSON.number(bound).summary)")
            }
        }
        if case .number(let step)? = schema["multipleOf"], (number / step).rounded() != number / step {
            found.append("\(place): \(JSON.number(number).summary) is not a multiple of \(step)")
        }
        return found
    }

    /// Compiled patterns, shared by every validation.
    private static let regexes = RegexCache()

    /// Whether `value` is of the JSON Schema type `name` (an integer is a number without a fraction).
    static func has(_ value: JSON, type name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .number(let number)): return number.isFinite && number == number.rounded()
        default: return false
        }
    }
}

/// Regular expressions compiled once per pattern.
private final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var patterns: [String: NSRegularExpression?] = [:]

    func compiled(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = patterns[pattern] { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        patterns[pattern] = regex
        return regex
    }
}
