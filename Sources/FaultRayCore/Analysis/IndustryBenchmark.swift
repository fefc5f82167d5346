/// Where a percentile falls among an industry's peers.
public enum BenchmarkRank: String, Codable, Sendable {
    case top10 = "Top 10%"
    case topQuartile = "Top quartile"
    case upperHalf = "Upper half"
    case lowerHalf = "Lower half"
    case bottomQuartile = "Bottom quartile"

    /// From 90 top 10 %, from 75 top quartile, from 50 upper half, from 25 lower half, else bottom quartile.
    public init(percentile: Double) {
        switch percentile {
        case 90...: self = .top10
        case 75..<90: self = .topQuartile
        case 50..<75: self = .upperHalf
        case 25..<50: self = .lowerHalf
        default: self = .bottomQuartile
        }
    }
}

/// A model's value beside the industry's on one dimension.
public struct DimensionPair: Codable, Sendable, Equatable {
    public var yours: Double
    public var industry: Double
}

/// A dimension clearly above or below the industry.
public struct DimensionGap: Codable, Sendable, Equatable {
    public var dimension: BenchmarkDimension
    public var yours: Double
    public var industry: Double
    /// `yours − industry`.
    public var difference: Double
}

/// Data for a radar chart, one value per dimension in `labels` order.
public struct RadarChart: Codable, Sendable, Equatable {
    public var labels: [String]
    public var yourValues: [Double]
    public var industryValues: [Double]
}

/// The model compared with one industry.
public struct BenchmarkComparison: Codable, Sendable, Equatable {
    public var yourScore: Double
    public var industry: String
    public var displayName: String
    public var percentile: Double
    public var rank: BenchmarkRank
    public var comparison: PerDimension<DimensionPair>
    public var strengths: [DimensionGap]
    public var weaknesses: [DimensionGap]
    /// The score's findings that cost the most points, with their fixes.
    public var improvementPriorities: [ResilienceScore.Finding]
    public var radarChart: RadarChart
    public var illustrative: Bool
    public var sourceNote: String
}

/// The model's standing in one industry.
public struct IndustryStanding: Codable, Sendable, Equatable {
    public var industry: String
    public var displayName: String
    public var percentile: Double
    public var rank: BenchmarkRank
}

/// The model's standing in every industry, in catalogue order.
public struct BenchmarkOverview: Codable, Sendable, Equatable {
    public var yourScore: Double
    public var benchmarks: [IndustryStanding]
    public var illustrative: Bool
    public var sourceNote: String
}

/// Compares a model with the industry reference figures of an `IndustryCatalog`.
///
/// Rules:
/// - The model's dimensions are `ModelDimensions`; an industry's are its averages, with its median
///   score for resilience.
/// - Percentile: piecewise-linear through (score 0, 0), (p25, 25), (median, 50), (p75, 75), (p90, 90)
///   and (100, 100), rounded to one decimal; rank from `BenchmarkRank`.
/// - A strength (weakness) is a dimension more than `gapThreshold` points above (below) the
///   industry's, largest gap first, ties in dimension order.
/// - Improvement priorities: the `priorityLimit` score findings that cost the most points.
/// - Every result repeats the catalogue's `illustrative` flag and `sourceNote`.
public struct IndustryBenchmark: Sendable {
    public static let gapThreshold = 5.0
    public static let priorityLimit = 5

    public let catalog: IndustryCatalog
    public let assessment: Assessment
    /// The model's own dimensions.
    public let dimensions: PerDimension<Double>

    public init(_ assessment: Assessment, catalog: IndustryCatalog) {
        self.assessment = assessment
        self.catalog = catalog
        dimensions = ModelDimensions.of(assessment, singleFailures: SingleFailures.simulate(assessment))
    }

    /// The model against the industry `id` (case-insensitive).
    public func compare(industry id: String) throws(UnknownNameError) -> BenchmarkComparison {
        let industry = try catalog.industry(id)
        let reference = industry.reference
        let percentile = Self.percentile(of: dimensions.resilience, in: industry.resilience)
        let gaps = BenchmarkDimension.allCases
            .map { DimensionGap(dimension: $0, yours: dimensions[$0], industry: reference[$0], difference: Format.round(dimensions[$0] - reference[$0], places: 1)) }
            .enumerated().sorted { abs($0.element.difference) != abs($1.element.difference) ? abs($0.element.difference) > abs($1.element.difference) : $0.offset < $1.offset }
            .map(\.element)
        return BenchmarkComparison(
            yourScore: dimensions.resilience, industry: industry.id, displayName: industry.displayName,
            percentile: percentile, rank: BenchmarkRank(percentile: percentile),
            comparison: PerDimension { DimensionPair(yours: dimensions[$0], industry: reference[$0]) },
            strengths: gaps.filter { $0.difference > Self.gapThreshold },
            weaknesses: gaps.filter { $0.difference < -Self.gapThreshold },
            improvementPriorities: assessment.score.largestFindings(limit: Self.priorityLimit),
            radarChart: RadarChart(labels: BenchmarkDimension.allCases.map(\.label),
                                   yourValues: BenchmarkDimension.allCases.map { dimensions[$0] },
                                   industryValues: BenchmarkDimension.allCases.map { reference[$0] }),
            illustrative: catalog.illustrative, sourceNote: catalog.sourceNote)
    }

    /// The model's percentile and rank in every industry.
    public func all() -> BenchmarkOverview {
        BenchmarkOverview(
            yourScore: dimensions.resilience,
            benchmarks: catalog.industries.map {
                let percentile = Self.percentile(of: dimensions.resilience, in: $0.resilience)
                return IndustryStanding(industry: $0.id, displayName: $0.displayName, percentile: percentile, rank: BenchmarkRank(percentile: percentile))
            },
            illustrative: catalog.illustrative, sourceNote: catalog.sourceNote)
    }

    /// Percentile of `score` among peers with quartiles `q` (see the type's rules).
    public static func percentile(of score: Double, in q: ScoreQuartiles) -> Double {
        let points: [(score: Double, percentile: Double)] = [(0, 0), (q.p25, 25), (q.median, 50), (q.p75, 75), (q.p90, 90), (100, 100)]
        let s = min(100, max(0, score))
        let upper = points.firstIndex { $0.score >= s } ?? points.count - 1
        guard upper > 0 else { return 0 }
        let (a, b) = (points[upper - 1], points[upper])
        return Format.round(a.percentile + (s - a.score) / (b.score - a.score) * (b.percentile - a.percentile), places: 1)
    }
}
