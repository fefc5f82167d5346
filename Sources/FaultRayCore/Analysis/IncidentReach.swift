/// What a component's tags say about the providers and services it uses. Tags are read in lower case:
///
/// - `provider:<name>` — the component runs on, or uses, `<name>` (several such tags are allowed);
/// - `<provider>:<service>` with a provider the incident catalogue knows (`aws:s3`, `gcp:cloud_sql`) — the
///   component is, or uses, that provider's service, and so also uses the provider;
/// - `service:<service>` — the component is, or uses, the service, whoever provides it.
///
/// Other tags (`pci`, `az:us-east-1a`) say nothing here.
struct ComponentHints {
    var providers: [String] = []
    var services: [(provider: String?, name: String)] = []

    init(tags: [String], knownProviders: Set<String>) {
        for tag in tags {
            let parts = tag.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { continue }
            let (prefix, value) = (parts[0], parts[1])
            switch prefix {
            case "provider": addProvider(value)
            case "service": services.append((nil, value))
            default:
                guard knownProviders.contains(prefix) else { continue }
                addProvider(prefix)
                services.append((prefix, value))
            }
        }
    }

    private mutating func addProvider(_ name: String) {
        if !providers.contains(name) { providers.append(name) }
    }
}

/// How an incident reaches one component.
enum IncidentReach: Equatable {
    enum Effect: Equatable {
        /// The service was unavailable where the component runs: it goes down.
        case down
        /// The service was impaired: the component degrades.
        case impaired
        /// The service was unavailable, and the component's failover moves it to an unaffected region.
        case failover(region: String)
    }

    /// The component uses none of the incident's services.
    case unmatched
    /// It uses one, but the incident does not reach it.
    case spared(service: String, reason: String)
    case hit(service: String, effect: Effect)
}

/// The rules deciding which components an incident reaches, and how.
///
/// 1. Service. A component uses an incident service when its tags name the service (see `ComponentHints`),
///    or, when its tags name no service of the incident's provider, when its type is one the service
///    stands for (`IncidentService.componentTypes`; a component type used as a service name stands for
///    itself). For a `pattern` incident the type always counts. Unavailable services are tried before
///    impaired ones, each list in catalogue order; the first match is the component's only match.
/// 2. Provider. For a `provider` incident, a component whose tags declare providers is spared unless one
///    of them is the incident's; a component declaring none is assumed to use it (`assumedProvider`).
/// 3. Place. Unless the incident is global, a component whose region (or, without one, availability zone)
///    is declared and lies outside the affected regions is spared; one declaring neither is assumed to
///    be inside (`assumedLocation`). A place lies in an affected region when it equals it, ignoring case, or
///    is a zone of it: the region's name followed by an optional `-` and one letter or digit
///    (`us-east-1a`, `us-central1-b`).
/// 4. Effect. An impaired service degrades the component. An unavailable one takes it down, unless it has
///    failover enabled and a `region.dr_target_region` outside the affected regions (never for a global
///    incident): then it fails over there and degrades. A standby inside the affected area fails with it.
struct IncidentScope {
    let incident: Incident
    let catalog: IncidentCatalog
    private let knownProviders: Set<String>

    init(_ incident: Incident, catalog: IncidentCatalog) {
        self.incident = incident
        self.catalog = catalog
        knownProviders = catalog.knownProviders
    }

    /// The reach of the incident on `component`, and which of its facts were assumed.
    func reach(_ component: Component) -> (reach: IncidentReach, assumedProvider: Bool, assumedLocation: Bool) {
        let hints = ComponentHints(tags: component.tags, knownProviders: knownProviders)
        guard let (service, unavailable) = matchedService(component, hints) else { return (.unmatched, false, false) }
        let checksProvider = incident.exposure == .provider
        if checksProvider, !hints.providers.isEmpty, !hints.providers.contains(incident.provider) {
            let declared = hints.providers.joined(separator: ", ")
            return (.spared(service: service, reason: "declares provider \(declared), not \(incident.provider)"), false, false)
        }
        let place = component.region.region.isEmpty ? component.region.availabilityZone : component.region.region
        if !incident.isGlobal, !place.isEmpty, !covers(place) {
            return (.spared(service: service, reason: "is in \(place), outside \(regionList)"), false, false)
        }
        let assumed = (checksProvider && hints.providers.isEmpty, !incident.isGlobal && place.isEmpty)
        guard unavailable else { return (.hit(service: service, effect: .impaired), assumed.0, assumed.1) }
        let target = component.region.drTargetRegion
        if component.failover.enabled, !target.isEmpty, !incident.isGlobal, !covers(target) {
            return (.hit(service: service, effect: .failover(region: target)), assumed.0, assumed.1)
        }
        return (.hit(service: service, effect: .down), assumed.0, assumed.1)
    }

    /// The affected regions, for messages: `us-east-1`, `us-central1, us-east1`, or `every region`.
    var regionList: String {
        incident.isGlobal ? "every region" : incident.affectedRegions.joined(separator: ", ")
    }

    /// The first incident service the component uses, and whether it was unavailable (else impaired).
    private func matchedService(_ component: Component, _ hints: ComponentHints) -> (String, Bool)? {
        let pattern = incident.exposure == .pattern
        let named = hints.services.filter { pattern || $0.provider == nil || $0.provider == incident.provider }.map(\.name)
        let byType = pattern || named.isEmpty
        for (services, unavailable) in [(incident.affectedServices, true), (incident.impairedServices, false)] {
            if let service = services.first(where: { named.contains($0) || (byType && catalog.componentTypes(of: $0).contains(component.type)) }) {
                return (service, unavailable)
            }
        }
        return nil
    }

    /// Whether a region or zone name lies in an affected region (rule 3).
    private func covers(_ place: String) -> Bool {
        let place = place.lowercased()
        return incident.affectedRegions.contains { region in
            let region = region.lowercased()
            guard place.hasPrefix(region) else { return false }
            let rest = place.dropFirst(region.count)
            let zone = rest.first == "-" ? rest.dropFirst() : rest
            return rest.isEmpty || (zone.count == 1 && zone.allSatisfy { $0.isLetter || $0.isNumber })
        }
    }
}
