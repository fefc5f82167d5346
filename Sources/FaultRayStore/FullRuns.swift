/// A project's latest full-run claim (`Store.claimFullRun`): the server running it, until when its
/// claim holds unless renewed, and, once it finished, its answer.
public struct FullRunClaim: Sendable, Equatable {
    /// The claim's id, chosen by the server that made it.
    public var id: String
    /// A digest of what the run reads (the model and the scenarios installed): runs of the same input give the same report.
    public var input: String
    /// Milliseconds since 1970 after which an unfinished claim is abandoned (its server stopped renewing it).
    public var expiresAt: Int
    /// The answer the run gave (`POST /api/simulate`'s body); `nil` while it runs.
    public var result: String?

    public init(id: String, input: String, expiresAt: Int, result: String? = nil) {
        self.id = id
        self.input = input
        self.expiresAt = expiresAt
        self.result = result
    }
}

/// The statements of the full-run claims, the same on both databases but for their placeholders
/// (`RequestCounts.postgres`).
enum FullRuns {
    /// Claims the run of project ?1 as claim ?2 of input ?3 until ?5, unless the project's claim is an
    /// unfinished one of the same input that has not expired at ?4, or, when ?6 is 1, a finished one of the same input.
    static let claim = """
        INSERT INTO full_runs (project, claim, input, expires_at, result) VALUES (?1, ?2, ?3, ?5, NULL)
        ON CONFLICT (project) DO UPDATE SET claim = excluded.claim, input = excluded.input, expires_at = excluded.expires_at, result = NULL
        WHERE full_runs.input <> excluded.input OR (full_runs.result IS NOT NULL AND ?6 = 0)
            OR (full_runs.result IS NULL AND full_runs.expires_at <= ?4)
        """
    /// The project's (?1) claim.
    static let current = "SELECT claim, input, expires_at, result FROM full_runs WHERE project = ?1"
    /// Moves the expiry of claim ?2 of project ?1, while unfinished, to ?3.
    static let renew = "UPDATE full_runs SET expires_at = ?3 WHERE project = ?1 AND claim = ?2 AND result IS NULL RETURNING claim"
    /// Stores the answer ?3 of claim ?2 of project ?1.
    static let finish = "UPDATE full_runs SET result = ?3 WHERE project = ?1 AND claim = ?2 RETURNING claim"
}
