import FaultRayCore
import Foundation

/// Creating and checking API keys. A key is `fr_live_` + 43 base62 characters (256 random bits); only
/// its SHA-256 is stored, and it is shown once, when created.
public enum APIKeys {
    public static let scheme = "fr_live_"

    /// A new key and its record, ready to store.
    public static func make(name: String, permissions: [Permission], tier: Tier, project: String?, now: Date) -> (key: String, record: APIKeyRecord) {
        let key = scheme + base62(randomBytes(32))
        let id = RandomID.make("key")
        let record = APIKeyRecord(
            id: id, name: name, prefix: String(key.prefix(scheme.count + 4)), keyHash: SHA256.hex(key),
            permissions: Permission.allCases.filter(permissions.contains).map(\.rawValue), tier: tier.rawValue,
            project: project, createdAt: Timestamp.iso8601(now))
        return (key, record)
    }

    /// The SHA-256 under which `key` would be stored, or `nil` when it cannot be a key (wrong scheme, too long).
    public static func hash(of key: String) -> String? {
        guard key.hasPrefix(scheme), key.count < 200 else { return nil }
        return SHA256.hex(key)
    }

    /// The active record of the key whose hash (`hash(of:)`) is `hash`, or `nil`. The stored hash is compared
    /// in constant time.
    public static func verify(hash: String, in store: any Store) async throws -> APIKeyRecord? {
        guard let record = try await store.key(hash: hash), constantTimeEqual(record.keyHash, hash), record.isActive else { return nil }
        return record
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// `count` bytes from the system's secure generator.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Big-endian base62 of `bytes`, zero-padded to the length 256 bits (or fewer) need.
    static func base62(_ bytes: [UInt8]) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let width = Int((Double(bytes.count * 8) / log2(62)).rounded(.up))
        var number = bytes
        var digits: [Character] = []
        while digits.count < width {
            var remainder = 0
            for i in number.indices {
                let value = remainder << 8 | Int(number[i])
                number[i] = UInt8(value / 62)
                remainder = value % 62
            }
            digits.append(alphabet[remainder])
        }
        return String(digits.reversed())
    }
}

/// Random identifiers for stored things: `prefix_` + 13 base62 characters (72 bits).
public enum RandomID {
    public static func make(_ prefix: String) -> String { prefix + "_" + APIKeys.base62(APIKeys.randomBytes(9)) }
}
