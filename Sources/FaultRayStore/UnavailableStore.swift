/// The store used when the database cannot be opened: every call fails, so the endpoints that need
/// the store answer 503 while the rest keep working.
public struct UnavailableStore: Store {
    public let reason: StoreError

    public init(reason: StoreError) { self.reason = reason }

    public func saveModel(_ model: StoredModel, project: String) async throws { throw reason }
    public func model(project: String) async throws -> StoredModel? { throw reason }
    public func appendScore(_ entry: ScoreEntry, project: String) async throws -> ScoreEntry { throw reason }
    public func scoreHistory(project: String, limit: Int, trigger: ScoreEntry.Trigger?) async throws -> [ScoreEntry] { throw reason }
    public func createKey(_ key: APIKeyRecord) async throws { throw reason }
    public func keys() async throws -> [APIKeyRecord] { throw reason }
    public func key(hash keyHash: String) async throws -> APIKeyRecord? { throw reason }
    public func revokeKey(id: String, at time: String) async throws -> Bool { throw reason }
    public func hasActiveKeys() async throws -> Bool { throw reason }
    public func createProject(_ project: Project) async throws -> Bool { throw reason }
    public func projects() async throws -> [Project] { throw reason }
    public func project(id: String) async throws -> Project? { throw reason }
    public func deleteProject(id: String) async throws -> Bool { throw reason }
    public func putRecord(_ record: StoredRecord) async throws { throw reason }
    public func records(kind: String, project: String) async throws -> [StoredRecord] { throw reason }
    public func deleteRecord(kind: String, project: String, id: String) async throws -> Bool { throw reason }
    public func countRequests(client: String, minute: Int, limit: Int, count: Int) async throws -> Int? { throw reason }
    public func claimFullRun(project: String, input: String, claim: String, now: Int, until: Int, keepingFinished: Bool) async throws -> FullRunClaim { throw reason }
    public func fullRunClaim(project: String) async throws -> FullRunClaim? { throw reason }
    public func renewFullRun(project: String, claim: String, until: Int) async throws -> Bool { throw reason }
    public func finishFullRun(project: String, claim: String, result: String) async throws -> Bool { throw reason }
    public func probe(writing: Bool) async throws { throw reason }
    public func close() async {}
}
