/// The release of this build, reported by `faultray --version`, `/api/health` and the OpenAPI document.
public enum FaultRayVersion {
    public static let current = "0.3.0"
}
