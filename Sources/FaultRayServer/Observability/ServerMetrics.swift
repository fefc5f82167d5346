import CoreMetrics
import Foundation
import Prometheus

/// The server's metrics, in swift-metrics' terms over a Prometheus registry of the server's own (no
/// process-wide bootstrap: tests run many servers in one process), served at `GET /metrics` in
/// Prometheus' text format.
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    /// Latency buckets, in seconds: from a cached answer (well under a millisecond) to a full run.
    static let buckets: [Duration] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]
        .map { Duration.nanoseconds(Int64($0 * 1e9)) }

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.buckets
        self.factory = factory
    }

    /// A request answered: counted by route template (`unmatched` for paths no route has: the router
    /// calls those `NotFound`), method and status, its latency by route and method.
    func request(route: String?, method: String, status: Int, duration: Duration) {
        let route = route.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched"
        Counter(label: "faultray_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))],
                factory: factory).increment()
        Timer(label: "faultray_http_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A request refused by the rate limit, by the client's tier.
    func rateLimited(tier: String) {
        Counter(label: "faultray_rate_limit_refusals_total", dimensions: [("tier", tier)], factory: factory).increment()
    }

    /// An analysis made (not served from the cache), by its kind (the route and query that name it).
    func analysis(_ kind: String, duration: Duration) {
        Timer(label: "faultray_analysis_duration_seconds", dimensions: [("analysis", kind)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A full scenario run finished.
    func fullRun(duration: Duration) {
        Timer(label: "faultray_full_run_duration_seconds", dimensions: [], factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A store call failed, by whether it read or wrote.
    func storeError(_ kind: String) {
        Counter(label: "faultray_store_errors_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// Every metric, in Prometheus' text exposition format.
    func exposition() -> String { registry.emitToString() }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
