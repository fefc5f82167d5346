import FaultRayCore
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
        let key = RequestSeries(route: route.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched", method: method, status: status)
        let series = requestSeries.withLock { $0[key] } ?? makeRequestSeries(key)
        series.count.increment()
        series.latency.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// The labels of one request series: the counter's (the histogram's are the route and method).
    private struct RequestSeries: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// The metrics of each request series seen, so a request costs one dictionary look-up instead of the
    /// registry's name and label checks; at most `requestSeriesLimit` kept (any further series, say of
    /// unusual methods, are still counted, through the registry).
    private let requestSeries = Locked<[RequestSeries: (count: CoreMetrics.Counter, latency: CoreMetrics.Timer)]>([:])
    private static let requestSeriesLimit = 1024

    private func makeRequestSeries(_ key: RequestSeries) -> (count: CoreMetrics.Counter, latency: CoreMetrics.Timer) {
        let series = (count: CoreMetrics.Counter(label: "faultray_http_requests_total",
                                                 dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))],
                                                 factory: factory),
                      latency: CoreMetrics.Timer(label: "faultray_http_request_duration_seconds",
                                                 dimensions: [("route", key.route), ("method", key.method)], factory: factory))
        requestSeries.withLock { if $0.count < Self.requestSeriesLimit { $0[key] = series } }
        return series
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
