import Foundation

/// The one JSON format of every output and of the generated operations: keys sorted (the same input gives the
/// same bytes), slashes unescaped, timestamps as `Timestamp.iso8601` writes them (and read as `Timestamp.parse`
/// reads them). The server's generated code takes the same format (`Configuration.faultRay`).
public enum WireJSON {
    /// Keys sorted, slashes unescaped.
    public static let formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]

    /// A timestamp as the format writes it.
    public static func timestamp(_ date: Date) -> String { Timestamp.iso8601(date) }

    /// A timestamp as the format reads it: an ISO-8601 date-time with an offset.
    public static func date(_ text: String) throws -> Date {
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "expected an ISO-8601 date-time with an offset"))
        }
        return date
    }

    /// An encoder of the format; `snakeCaseKeys` for types whose Swift names are the keys in camelCase (the
    /// engine's and the store's), not for those that name their keys (the generated ones).
    public static func encoder(snakeCaseKeys: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = formatting
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }

    /// A decoder of the format (keys as the type names them).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in try date(try decoder.singleValueContainer().decode(String.self)) }
        return decoder
    }

    /// `value` in the format, its keys in snake_case.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder().encode(value)
    }
}
