import FaultRayCore
import FaultRayStore
import Foundation

/// Full runs claimed through the store (`Store.claimFullRun`), so that the same run asked of several
/// servers at once (or twice of one server) is made once: the server that claims it runs it, records
/// it in the score history and stores its answer; the others, asked while it ran, wait for that answer
/// and give it as theirs, byte for byte. A claim lasts `lease` and is renewed while its run goes on, so
/// one left by a server that died expires, and a server still waiting then claims the run itself.
struct ClaimedFullRun: Sendable {
    /// How long a claim holds unless renewed, in seconds.
    static let lease: TimeInterval = 30
    /// How often the server running a claimed run renews its claim.
    static let renewal = Duration.seconds(10)
    /// How often a waiting server reads the claim it waits for.
    static let poll = Duration.milliseconds(200)

    let store: any Store
    let clock: @Sendable () -> Date

    /// The answer of the full run of `input` in `project`: made by `run` when this server claims the run,
    /// else the stored answer of the server that claimed it.
    func answer(project: String, input: String, run: @Sendable () async throws -> Data) async throws -> Data {
        let id = UUID().uuidString
        var waited = false
        while true {
            // Once this request waited, a run finished since is its answer, not one to replace: the claim that expired
            // may have been taken and finished by another server between this one's last look and this claim.
            let claim = try await store.claimFullRun(project: project, input: input, claim: id, now: milliseconds(), until: milliseconds(Self.lease),
                                                     keepingFinished: waited)
            if claim.id == id { return try await runClaimed(id, project: project, run) }
            if let result = claim.result { return Data(result.utf8) }
            if let answer = try await wait(for: input, project: project) { return answer }
            waited = true
        }
    }

    /// Runs the claimed run, renewing the claim meanwhile; stores its answer, or gives the claim up
    /// when it fails (the servers waiting for it then claim it at once).
    private func runClaimed(_ id: String, project: String, _ run: @Sendable () async throws -> Data) async throws -> Data {
        let renewing = Task { [store] in
            while (try? await Task.sleep(for: Self.renewal)) != nil {
                _ = try? await store.renewFullRun(project: project, claim: id, until: milliseconds(Self.lease))
            }
        }
        defer { renewing.cancel() }
        let answer: Data
        do {
            answer = try await run()
        } catch {
            _ = try? await store.renewFullRun(project: project, claim: id, until: 0)
            throw error
        }
        // The run is recorded: its answer is given even if the store takes it no longer (the servers
        // waiting then claim the run again once the claim expires).
        _ = try? await store.finishFullRun(project: project, claim: id, result: String(decoding: answer, as: UTF8.self))
        return answer
    }

    /// The answer of the run of `input` once a claim of it finishes (the claim found busy, or one made
    /// since: either ran after the request came); `nil` when the project's claim is of another input,
    /// or expired unfinished (the run is to be claimed again).
    private func wait(for input: String, project: String) async throws -> Data? {
        while true {
            try await Task.sleep(for: Self.poll)
            guard let claim = try await store.fullRunClaim(project: project), claim.input == input else { return nil }
            if let result = claim.result { return Data(result.utf8) }
            if claim.expiresAt <= milliseconds() { return nil }
        }
    }

    /// Milliseconds since 1970, `ahead` seconds from now.
    private func milliseconds(_ ahead: TimeInterval = 0) -> Int {
        Int(((clock().timeIntervalSince1970 + ahead) * 1000).rounded(.down))
    }

    /// What a full run reads, as a digest: FaultRay's version, the model (its JSON) and the ids of the
    /// installed scenarios it adds. Runs of the same input give the same report.
    static func input(_ assessment: Assessment, installed: [Scenario]) -> String {
        SHA256.hex(([FaultRayVersion.current, assessment.model.json()] + installed.map(\.id)).joined(separator: "\u{0}"))
    }
}
