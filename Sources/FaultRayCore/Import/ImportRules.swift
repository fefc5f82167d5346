/// The rules the container importers (Kubernetes, Compose) share: a component's type from its image,
/// its repair time from its health checks, and the host names that a setting or command line names.
enum ImportRules {
    /// Image name fragments and the component type they mean, checked in order.
    static let imageTypes: [(fragment: String, type: ComponentType)] = [
        ("postgres", .database), ("mysql", .database), ("mariadb", .database), ("mongo", .database), ("cockroach", .database),
        ("cassandra", .database), ("elasticsearch", .database), ("opensearch", .database), ("clickhouse", .database),
        ("redis", .cache), ("valkey", .cache), ("memcached", .cache), ("keydb", .cache),
        ("rabbitmq", .queue), ("kafka", .queue), ("nats", .queue), ("activemq", .queue), ("redpanda", .queue),
        ("nginx", .loadBalancer), ("haproxy", .loadBalancer), ("traefik", .loadBalancer), ("envoy", .loadBalancer), ("caddy", .loadBalancer),
        ("minio", .storage),
    ]

    /// The type an image name means (its last path part, without tag), and the fragment that decided it;
    /// `nil` when no rule matches (the caller keeps its default and says so).
    static func type(ofImage image: String) -> (type: ComponentType, fragment: String)? {
        let name = image.split(separator: "/").last.map { String($0.split(separator: ":").first ?? "") }?.lowercased() ?? ""
        return imageTypes.first { name.contains($0.fragment) }.map { ($0.type, $0.fragment) }
    }

    /// Seconds to restart a container once its health check has failed (assumed; pulls and start-up vary).
    static let restartSeconds = 30.0

    /// Mean time to repair, in minutes, of an instance whose failed health check restarts it: the checks
    /// needed to notice (`interval × retries`) plus the restart.
    static func restartRepairMinutes(intervalSeconds: Double, retries: Int) -> Double {
        Format.round((intervalSeconds * Double(max(1, retries)) + restartSeconds) / 60, places: 2)
    }

    /// Setting names whose whole value is a host (`DB_HOST=db`, `CART_SERVICE_ADDR=cart`).
    static let hostKeySuffixes = ["HOST", "HOSTNAME", "ADDR", "ADDRESS", "URL", "URI", "ENDPOINT", "SERVER", "SERVERS", "DSN", "BROKERS"]

    /// The words of `value` written where a host name goes: before `:port`, after `://` or `@`, a
    /// cluster DNS name (`.svc`), or the whole value of a setting named like a host (`…_HOST`, `…_ADDR`,
    /// `…_URL`). Lower case; the caller looks them up among its service names.
    static func hostNames(in value: String, key: String? = nil) -> [String] {
        let bytes = Array(value.utf8)
        let isWordByte = { (b: UInt8) in (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F }
        var result: [String] = []
        var i = 0
        while i < bytes.count {
            guard isWordByte(bytes[i]) else { i += 1; continue }
            let start = i
            while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
            var end = i
            while end > start, bytes[end - 1] == 0x2E { end -= 1 }  // a sentence's final dot
            let word = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
            let beforePort = i + 1 < bytes.count && bytes[i] == 0x3A && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39
            let afterScheme = start >= 3 && bytes[start - 3] == 0x3A && bytes[start - 2] == 0x2F && bytes[start - 1] == 0x2F
            let afterAt = start >= 1 && bytes[start - 1] == 0x40
            let whole = start == 0 && i == bytes.count && key.map { name in
                let upper = name.uppercased()
                return hostKeySuffixes.contains { upper == $0 || upper.hasSuffix("_" + $0) }
            } == true
            if beforePort || afterScheme || afterAt || whole || word.contains(".svc") { result.append(word) }
        }
        return result
    }

    /// How a service depends on a component of type `target`: through a queue asynchronously, otherwise
    /// it needs it (a cache too: whether the service serves from its database on a miss is not in the input).
    static func dependencyType(to target: ComponentType) -> DependencyType {
        target == .queue ? .async : .requires
    }

    /// A memory size in megabytes (MiB): Kubernetes quantities (`512Mi`, `1Gi`, `500M`, bytes), or with
    /// `binary`, Compose (Docker) sizes, whose units `b`, `k`, `m`, `g` (any case, `kb`, `mb` …) are all binary;
    /// `nil` when it is not one.
    static func megabytes(_ text: String, binary: Bool = false) -> Double? {
        let kubernetes: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                              ("k", 1000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000)]
        let docker: [(String, Double)] = [("kb", 1024), ("mb", 1_048_576), ("gb", 1_073_741_824), ("k", 1024), ("m", 1_048_576), ("g", 1_073_741_824), ("b", 1)]
        let trimmed = binary ? text.trimmingCharacters(in: .whitespaces).lowercased() : text.trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in binary ? docker : kubernetes where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)), number.isFinite, number >= 0 else { return nil }
            return Format.round(number * factor / 1_048_576, places: 2)
        }
        return Double(trimmed).flatMap { $0.isFinite && $0 >= 0 ? Format.round($0 / 1_048_576, places: 2) : nil }
    }

    /// A duration in seconds: Go and Compose durations (`1m30s`, `10s`, `500ms`, `1h`) or a plain number of seconds.
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed) { return plain.isFinite && plain >= 0 ? plain : nil }
        var total = 0.0, number = "", unit = "", parts = 0
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let factors: [String: Double] = ["h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 0.000_001, "µs": 0.000_001, "ns": 1e-9]
            guard let factor = factors[unit] else { return false }
            total += value * factor
            parts += 1
            number = ""; unit = ""
            return true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            }
        }
        guard !number.isEmpty, !unit.isEmpty, flush(), parts > 0 else { return nil }
        return total
    }
}
