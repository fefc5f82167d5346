import Foundation

/// What a compliance test looks for on one component.
public enum ComplianceCheck: String, Codable, Sendable, CaseIterable {
    /// `security.encryption_at_rest`.
    case encryptionAtRest = "encryption_at_rest"
    /// `security.encryption_in_transit`.
    case encryptionInTransit = "encryption_in_transit"
    /// `security.auth_required`.
    case accessControl = "access_control"
    /// `compliance_tags.audit_logging`.
    case auditLogging = "audit_logging"
    /// `security.log_enabled`.
    case logging
    /// `security.ids_monitored`.
    case intrusionDetection = "intrusion_detection"
    /// `security.log_enabled` or `security.ids_monitored`.
    case monitoring
    /// `security.backup_enabled`.
    case backups
    /// `security.network_segmented`.
    case networkSegmentation = "network_segmentation"
    /// `security.waf_protected` or `security.rate_limiting`: incoming traffic is filtered or throttled.
    case boundaryProtection = "boundary_protection"
    /// `compliance_tags.change_management`.
    case changeManagement = "change_management"
    /// Not a single point of failure under the one SPOF rule (more than one replica, or failover).
    case redundancy
    /// `region.dr_target_region` is set: there is somewhere to recover to.
    case disasterRecovery = "disaster_recovery"

    /// Whether component `i` satisfies the check.
    func holds(for i: Int, in assessment: Assessment) -> Bool {
        let component = assessment.model.components[i]
        let security = component.security
        switch self {
        case .encryptionAtRest: return security.encryptionAtRest
        case .encryptionInTransit: return security.encryptionInTransit
        case .accessControl: return security.authRequired
        case .auditLogging: return component.complianceTags.auditLogging
        case .logging: return security.logEnabled
        case .intrusionDetection: return security.idsMonitored
        case .monitoring: return security.logEnabled || security.idsMonitored
        case .backups: return security.backupEnabled
        case .networkSegmentation: return security.networkSegmented
        case .boundaryProtection: return security.wafProtected || security.rateLimiting
        case .changeManagement: return component.complianceTags.changeManagement
        case .redundancy: return !assessment.spofs.isSPOF[i]
        case .disasterRecovery: return !component.region.drTargetRegion.isEmpty
        }
    }

    /// What is missing when the check fails, in words.
    var missing: String {
        switch self {
        case .encryptionAtRest: return "no encryption at rest"
        case .encryptionInTransit: return "no encryption in transit"
        case .accessControl: return "no authentication"
        case .auditLogging: return "no audit logging"
        case .logging: return "no logging"
        case .intrusionDetection: return "no intrusion detection"
        case .monitoring: return "no logging or intrusion detection"
        case .backups: return "no backups"
        case .networkSegmentation: return "not network-segmented"
        case .boundaryProtection: return "no WAF or rate limiting"
        case .changeManagement: return "no change management"
        case .redundancy: return "single point of failure"
        case .disasterRecovery: return "no disaster-recovery region"
        }
    }
}

/// A named set of components a test applies to. A test's scope is the intersection of its sets.
public enum ComplianceScope: String, Codable, Sendable, CaseIterable {
    case all
    /// `contains_phi`, `contains_pii` or `pci_scope`, or classified `confidential` or `restricted`.
    case sensitive
    /// Sensitive components and every component with a dependency to or from one (data flows there).
    case sensitiveFlows = "sensitive_flows"
    /// `compliance_tags.pci_scope`.
    case pci
    /// PCI components and every component connected to one by a dependency.
    case pciFlows = "pci_flows"
    /// `compliance_tags.contains_phi`.
    case phi
    /// PHI components and every component connected to one by a dependency.
    case phiFlows = "phi_flows"
    /// Databases and storage: where data is kept.
    case dataStores = "data_stores"
    /// Entry points, DNS and load balancers: where traffic comes in.
    case edge
    /// Components an entry point needs through hard dependencies (the SPOF rule's reach).
    case criticalPath = "critical_path"

    /// Scopes over data that needs protection: any gap in them is a failure, never a partial pass.
    public var protectsData: Bool {
        switch self {
        case .sensitive, .sensitiveFlows, .pci, .pciFlows, .phi, .phiFlows: return true
        case .all, .dataStores, .edge, .criticalPath: return false
        }
    }

    /// Membership of every component.
    func members(in assessment: Assessment) -> [Bool] {
        let graph = assessment.graph
        let components = graph.model.components
        switch self {
        case .all: return components.map { _ in true }
        case .sensitive: return components.map(Self.isSensitive)
        case .pci: return components.map(\.complianceTags.pciScope)
        case .phi: return components.map(\.complianceTags.containsPHI)
        case .sensitiveFlows: return Self.withNeighbours(Self.sensitive.members(in: assessment), graph)
        case .pciFlows: return Self.withNeighbours(Self.pci.members(in: assessment), graph)
        case .phiFlows: return Self.withNeighbours(Self.phi.members(in: assessment), graph)
        case .dataStores: return components.map { $0.type == .database || $0.type == .storage }
        case .edge: return components.indices.map { graph.isEntryPoint[$0] || ComponentLayer(components[$0].type) == .edge }
        case .criticalPath: return assessment.spofs.isHardReachable
        }
    }

    private static func isSensitive(_ component: Component) -> Bool {
        let tags = component.complianceTags
        return tags.containsPHI || tags.containsPII || tags.pciScope
            || ["confidential", "restricted"].contains(tags.dataClassification.lowercased())
    }

    private static func withNeighbours(_ base: [Bool], _ graph: CompiledGraph) -> [Bool] {
        var result = base
        for dependency in graph.model.dependencies {
            guard let source = graph.index(of: dependency.source), let target = graph.index(of: dependency.target) else { continue }
            if base[source] || base[target] { result[source] = true; result[target] = true }
        }
        return result
    }
}

/// One model check of a control, over a scope.
public struct ControlTest: Codable, Sendable, Equatable {
    public var check: ComplianceCheck
    /// Sets intersected to give the components the test applies to.
    public var scope: [ComplianceScope]
}

/// A control as the framework names it, with the model tests that evaluate it.
public struct ComplianceControl: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var requirement: String
    public var tests: [ControlTest]
}

public struct ComplianceFramework: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var version: String
    public var controls: [ComplianceControl]
}

/// The frameworks and controls shipped in `Data/compliance-controls.json`.
public struct ComplianceCatalog: Codable, Sendable, Equatable {
    public var frameworks: [ComplianceFramework]

    /// The bundled catalogue, read once.
    public static let bundled: Result<ComplianceCatalog, any Error> = Result { try load() }

    public static func load() throws -> ComplianceCatalog {
        guard let url = Bundle.module.url(forResource: "compliance-controls", withExtension: "json", subdirectory: "Data") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "compliance-controls.json is missing from this build"])
        }
        return try JSONDecoder().decode(ComplianceCatalog.self, from: Data(contentsOf: url))
    }

    /// The framework with this id, ignoring case.
    public func framework(_ id: String) throws -> ComplianceFramework {
        guard let match = frameworks.first(where: { $0.id == id.lowercased() }) else {
            throw UnknownNameError(.framework, name: id, known: frameworks.map(\.id))
        }
        return match
    }
}

