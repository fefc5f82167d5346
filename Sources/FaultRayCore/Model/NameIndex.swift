/// The position of each key of a section, looked up once for every key of every document read.
///
/// Open addressing with FNV-1a over the UTF-8 bytes: on short keys several times cheaper than a
/// `Dictionary`'s seeded hashing. Only the schema's own names are ever inserted, so a document's keys
/// cannot lengthen a probe chain.
struct NameIndex: Sendable {
    private var names: [String?]
    private var positions: [Int]
    private let mask: Int

    init(_ entries: [(name: String, position: Int)]) {
        var size = 8
        while size < entries.count * 4 { size *= 2 }
        names = Array(repeating: nil, count: size)
        positions = Array(repeating: 0, count: size)
        mask = size - 1
        for (name, position) in entries {
            var slot = Self.hash(name) & mask
            while let taken = names[slot] {
                precondition(taken != name, "the name '\(name)' is given twice")
                slot = (slot + 1) & mask
            }
            names[slot] = name
            positions[slot] = position
        }
    }

    subscript(name: String) -> Int? {
        var slot = Self.hash(name) & mask
        while let candidate = names[slot] {
            if candidate == name { return positions[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func hash(_ name: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
