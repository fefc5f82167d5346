import FaultRayCore

/// The REST server is built in the server issue; this module holds its shared facts meanwhile.
enum ServerInfo {
    static var engineLinked: Bool { !ScenarioCatalog.trafficMultipliers.isEmpty }
}
