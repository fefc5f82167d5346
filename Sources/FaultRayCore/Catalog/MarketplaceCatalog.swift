/// The scenario packages shipped in `Data/marketplace-packages.json`. There are no download counts,
/// ratings or reviews: nothing here is measured, so nothing is reported.
public struct MarketplaceCatalog: Codable, Sendable, Equatable {
    public var packages: [MarketplacePackage]

    /// The bundled catalogue, read once.
    public static let bundled: Result<MarketplaceCatalog, any Error> = Result {
        try BundledJSON.load(MarketplaceCatalog.self, named: "marketplace-packages")
    }

    /// Packages of a category and of a provider (each ignoring case; nil means any), in catalogue order.
    public func packages(category: String? = nil, provider: String? = nil) -> [MarketplacePackage] {
        packages.filter { package in
            (category.map { $0.lowercased() == package.category } ?? true) && (provider.map { $0.lowercased() == package.provider } ?? true)
        }
    }

    /// Every category, in catalogue order.
    public var categories: [String] { packages.map(\.category).uniqued() }

    /// Every provider, in catalogue order.
    public var providers: [String] { packages.map(\.provider).uniqued() }

    /// The package with this id (any case).
    public func package(id: String) throws -> MarketplacePackage {
        guard let match = packages.first(where: { $0.id == id.lowercased() }) else {
            throw UnknownNameError(.package, name: id, known: packages.map(\.id))
        }
        return match
    }
}
