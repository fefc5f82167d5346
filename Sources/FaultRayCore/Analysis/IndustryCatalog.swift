import Foundation

/// Resilience score quartiles of an industry.
public struct ScoreQuartiles: Codable, Sendable, Equatable {
    public var p25: Double
    public var median: Double
    public var p75: Double
    public var p90: Double
}

/// Reference figures of one industry.
public struct IndustryProfile: Codable, Sendable, Equatable {
    /// Averages of the four dimensions other than resilience.
    public struct Averages: Codable, Sendable, Equatable {
        public var redundancy: Double
        public var isolation: Double
        public var recovery: Double
        public var diversity: Double
    }

    public var id: String
    public var displayName: String
    public var resilience: ScoreQuartiles
    public var dimensions: Averages

    /// The industry's value per dimension; for resilience, its median score.
    public var reference: PerDimension<Double> {
        PerDimension {
            switch $0 {
            case .resilience: return resilience.median
            case .redundancy: return dimensions.redundancy
            case .isolation: return dimensions.isolation
            case .recovery: return dimensions.recovery
            case .diversity: return dimensions.diversity
            }
        }
    }
}

/// The industry reference figures, from `Data/industry-benchmarks.json`.
///
/// No public source publishes FaultRay scores by industry, so the bundled figures are illustrative:
/// `illustrative` and `sourceNote` say so, and every result built from them repeats both.
public struct IndustryCatalog: Codable, Sendable, Equatable {
    public var illustrative: Bool
    public var sourceNote: String
    public var industries: [IndustryProfile]

    /// The bundled catalogue, read once.
    public static let bundled: Result<IndustryCatalog, any Error> = Result { try load() }

    /// Reads the bundled catalogue.
    public static func load() throws -> IndustryCatalog {
        guard let url = Bundle.module.url(forResource: "industry-benchmarks", withExtension: "json", subdirectory: "Data") else {
            throw InvalidIndustryCatalogError(message: "industry-benchmarks.json is missing from this build")
        }
        return try decode(Data(contentsOf: url))
    }

    /// Decodes and checks a catalogue: unique lowercase ids, a non-empty source note, quartiles strictly
    /// increasing inside (0, 100), averages within 0–100.
    public static func decode(_ data: Data) throws -> IndustryCatalog {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let catalog = try decoder.decode(IndustryCatalog.self, from: data)
        if catalog.sourceNote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw InvalidIndustryCatalogError(message: "source_note must say where the figures come from")
        }
        var seen = Set<String>()
        for industry in catalog.industries {
            guard industry.id == industry.id.lowercased(), seen.insert(industry.id).inserted else {
                throw InvalidIndustryCatalogError(message: "industry id '\(industry.id)' must be lowercase and unique")
            }
            let q = industry.resilience
            guard 0 < q.p25, q.p25 < q.median, q.median < q.p75, q.p75 < q.p90, q.p90 < 100 else {
                throw InvalidIndustryCatalogError(message: "\(industry.id): quartiles must increase strictly inside (0, 100)")
            }
            guard BenchmarkDimension.allCases.allSatisfy({ (0...100).contains(industry.reference[$0]) }) else {
                throw InvalidIndustryCatalogError(message: "\(industry.id): averages must be within 0–100")
            }
        }
        return catalog
    }

    /// The industry with id `id`, ignoring case.
    public func industry(_ id: String) throws(UnknownNameError) -> IndustryProfile {
        let key = id.lowercased()
        guard let match = industries.first(where: { $0.id == key }) else {
            throw UnknownNameError(.industry, name: id, known: industries.map(\.id), alsoAccepted: ["list", "all"])
        }
        return match
    }

    /// Every industry with its display name and median score (needs no model).
    public func list() -> IndustryList {
        IndustryList(industries: industries.map { IndustrySummary(industry: $0.id, displayName: $0.displayName, medianScore: $0.resilience.median) },
                     illustrative: illustrative, sourceNote: sourceNote)
    }
}

/// One industry in `IndustryCatalog.list()`.
public struct IndustrySummary: Codable, Sendable, Equatable {
    public var industry: String
    public var displayName: String
    public var medianScore: Double
}

/// The known industries.
public struct IndustryList: Codable, Sendable, Equatable {
    public var industries: [IndustrySummary]
    public var illustrative: Bool
    public var sourceNote: String
}

/// A benchmark data file that breaks the catalogue's rules.
public struct InvalidIndustryCatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "invalid industry-benchmarks.json: \(message)" }
}
