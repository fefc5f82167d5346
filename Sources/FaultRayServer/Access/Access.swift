import FaultRayCore
import FaultRayStore
import Foundation
import HTTPTypes
import Hummingbird

/// Who is calling: nobody in particular, a verified key, or someone whose credentials were refused.
enum Caller: Sendable {
    case anonymous
    case key(APIKeyRecord)
    /// The Authorization header was malformed or named no active key; the error is the 401 to give
    /// when authentication is configured.
    case refused(APIError)

    /// The tier the caller's requests count at: its key's, the free tier otherwise.
    var tier: Tier {
        if case .key(let record) = self { return Tier(rawValue: record.tier) ?? .free }
        return .free
    }

    /// The project the caller is confined to, if any.
    var project: String? {
        if case .key(let record) = self { return record.project }
        return nil
    }
}

/// Authentication, permissions and rate limits, in one place.
final class Access: Sendable {
    let store: any Store
    let requireAuth: Bool
    let trustProxy: Bool
    /// Requests per minute per tier; `nil` when limiting is off.
    let limits: [Tier: Int]?
    let limiter = RateLimiter()
    let sharedLimiter = SharedRateLimit()
    let clock: @Sendable () -> Date
    /// Whether keys existed at the last successful look, and when. Reused for `configuredTTL` (keys
    /// created or revoked over HTTP take effect at once; with the CLI, within that time), and while
    /// the store fails, so a failing store never opens a keyed API (unknown or keyed: 503) but an
    /// open one keeps working.
    private let lastLook = Locked<(configured: Bool, at: ContinuousClock.Instant)?>(nil)
    static let configuredTTL = Duration.seconds(1)
    /// The keys this server verified against the store, by hash, with when: used only while the store
    /// fails, so a caller whose key was good a moment ago keeps reading the models held (writes still
    /// answer 503). Entries older than `verifiedKeyGrace` are not used; a key revoked elsewhere within
    /// that time is refused once the store answers again.
    private let verifiedKeys = Locked<[String: (record: APIKeyRecord, at: ContinuousClock.Instant)]>([:])
    static let verifiedKeyGrace = Duration.seconds(600)
    static let verifiedKeysKept = 10_000

    init(store: any Store, configuration: ServerConfiguration, clock: @escaping @Sendable () -> Date) {
        self.store = store
        requireAuth = configuration.requireAuth
        trustProxy = configuration.trustProxy
        limits = configuration.rateLimits
        self.clock = clock
    }

    static let missingKey = APIError(.unauthorized, "Missing API key. Send Authorization: Bearer <key>.", headers: challenge)
    static let badKey = APIError(.unauthorized, "Invalid or revoked API key.", headers: challenge)
    private static let challenge: HTTPFields = [.wwwAuthenticate: #"Bearer realm="faultray""#]

    /// What the Authorization header says, read without the store: the caller, when that settles it (no header:
    /// anonymous; a malformed one or a string that cannot be a key: refused), or the hash of the key to look up.
    enum Credentials {
        case caller(Caller)
        case key(hash: String)
    }

    /// Reads the Authorization header (see `Credentials`); a key to look up is then `caller(keyHash:)`.
    func credentials(_ request: Request) -> Credentials {
        guard let header = request.headers[.authorization] else { return .caller(.anonymous) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return .caller(.refused(APIError(.unauthorized, "Malformed Authorization header; expected: Bearer <key>.", headers: Self.challenge)))
        }
        guard let hash = APIKeys.hash(of: parts[1].trimmingCharacters(in: .whitespaces)) else { return .caller(.refused(Self.badKey)) }
        return .key(hash: hash)
    }

    /// The caller whose key has the hash `hash`. A database failure while checking it is thrown (503), unless this
    /// server verified the same key within `verifiedKeyGrace`.
    func caller(keyHash hash: String) async throws -> Caller {
        let now = ContinuousClock.now
        let record: APIKeyRecord?
        do {
            record = try await APIKeys.verify(hash: hash, in: store)
        } catch {
            let kept = verifiedKeys.withLock { $0[hash] }
            guard let kept, now - kept.at < Self.verifiedKeyGrace else { throw error }
            return .key(kept.record)
        }
        verifiedKeys.withLock { keys in
            guard let record else { keys[hash] = nil; return }
            if keys.count >= Self.verifiedKeysKept { keys = keys.filter { now - $0.value.at < Self.verifiedKeyGrace } }
            if keys.count < Self.verifiedKeysKept || keys[hash] != nil { keys[hash] = (record, now) }
        }
        return record.map(Caller.key) ?? .refused(Self.badKey)
    }

    /// Whether keys are required: `--require-auth`, or at least one active key exists.
    func isConfigured() async throws -> Bool {
        if let known = configuredWithoutStore() { return known }
        let now = ContinuousClock.now, last = lastLook.withLock { $0 }
        do {
            let configured = try await store.hasActiveKeys()
            lastLook.withLock { $0 = (configured, now) }
            return configured
        } catch {
            // While the store fails, the last look stands: an open API stays open, a keyed one keyed.
            if let last { return last.configured }
            throw error
        }
    }

    /// Whether keys are required, when that is known without asking the store: `--require-auth`, or a look at the
    /// store within `configuredTTL`; `nil` otherwise.
    private func configuredWithoutStore() -> Bool? {
        if requireAuth { return true }
        guard let last = lastLook.withLock({ $0 }), ContinuousClock.now - last.at < Self.configuredTTL else { return nil }
        return last.configured
    }

    /// Forgets the last look and the keys verified, after a key was created or revoked here.
    func keysChanged() {
        lastLook.withLock { $0 = nil }
        verifiedKeys.withLock { $0 = [:] }
    }

    /// Throws the 401 or 403 that `caller` gets for an action needing `permission`. Inlined into the guards of the
    /// routes: the store is awaited only when whether keys are required is not known without it.
    @inline(__always)
    func authorize(_ caller: Caller, for permission: Permission) async throws {
        if try authorizeWithoutStore(caller, for: permission) { return }
        try authorize(caller, for: permission, configured: try await isConfigured())
    }

    /// As `authorize`, when whether keys are required is known without asking the store (`true`: authorized;
    /// throws the 401 or 403); `false` when it is not.
    func authorizeWithoutStore(_ caller: Caller, for permission: Permission) throws -> Bool {
        guard let configured = configuredWithoutStore() else { return false }
        try authorize(caller, for: permission, configured: configured)
        return true
    }

    private func authorize(_ caller: Caller, for permission: Permission, configured: Bool) throws {
        guard configured else { return }
        switch caller {
        case .anonymous: throw Self.missingKey
        case .refused(let error): throw error
        case .key(let record):
            guard record.permissions.contains(permission.rawValue) else {
                throw APIError(.forbidden, "Permission '\(permission.rawValue)' required; this key has: \(record.permissions.joined(separator: ", ")).")
            }
        }
    }

    /// The client a request counts against, its limit per minute, and when it came.
    struct Quota {
        var client: String
        var limit: Int
        var now: Double
    }

    /// The quota `caller`'s request counts against: the key at its tier, otherwise the client's address at the free
    /// tier. `nil` when limiting is off.
    func quota(_ caller: Caller, request: Request, remoteAddress: String?) -> Quota? {
        guard let limits else { return nil }
        let tier = caller.tier
        let client: String
        if case .key(let record) = caller {
            client = "key:" + record.id
        } else {
            client = "ip:" + clientAddress(request, remoteAddress: remoteAddress)
        }
        return Quota(client: client, limit: limits[tier] ?? tier.defaultRequestsPerMinute, now: clock().timeIntervalSince1970)
    }

    /// Counts a request against `quota`: in this server's sliding log (`RateLimiter`), or with a store several servers
    /// share, in the store's count (`SharedRateLimit`), so the limit holds across them (the local log while that count
    /// fails). Inlined into the access middleware: the store is awaited only when it is shared.
    @inline(__always)
    func decision(_ quota: Quota) async -> RateLimiter.Decision {
        if store.isShared, let decision = await sharedLimiter.check(quota.client, limit: quota.limit, now: quota.now, in: store) {
            return decision
        }
        return limiter.check(quota.client, limit: quota.limit, now: quota.now)
    }

    /// The client's address: the first `X-Forwarded-For` entry behind a trusted proxy, else the peer.
    private func clientAddress(_ request: Request, remoteAddress: String?) -> String {
        if trustProxy, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress ?? "unknown"
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let rateLimitLimit = Self("X-RateLimit-Limit")!
    static let rateLimitRemaining = Self("X-RateLimit-Remaining")!
    static let rateLimitReset = Self("X-RateLimit-Reset")!
}
