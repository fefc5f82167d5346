/// Reads that many requests ask for at once (with a store several servers share, a project's stored model version,
/// on every request), joined: at most two reads of a key at a time, however many ask, and each caller still gets a
/// read begun after it asked. The read running when a caller comes began before it, and may miss a write
/// acknowledged just before, so the caller waits for the next read, which starts when that one ends and which every
/// caller coming meanwhile shares.
actor JoinedReads<Value: Sendable> {
    private struct Read {
        let id: Int
        let task: Task<Value, any Error>
    }

    /// By key: the read running, and the next one, which has not begun.
    private var reads: [String: (running: Read, next: Read?)] = [:]
    private var lastID = 0
    /// How many callers wait for the next read of each key (for tests).
    private(set) var joined: [String: Int] = [:]

    /// The value of a read of `key` (made by `read`) begun after this call.
    func value(_ key: String, read: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let next = reads[key]?.next {
            joined[key, default: 0] += 1
            return try await next.task.value
        }
        lastID += 1
        let id = lastID, previous = reads[key]?.running.task
        let task = Task {
            if let previous { _ = await previous.result }
            let result: Result<Value, any Error>
            do { result = .success(try await read()) } catch { result = .failure(error) }
            self.ended(key, id)  // on the actor, before the next read of the key begins (it waits for this task)
            return try result.get()
        }
        if reads[key] == nil {
            reads[key] = (Read(id: id, task: task), nil)
        } else {
            reads[key]?.next = Read(id: id, task: task)
            joined[key] = 1
        }
        return try await task.value
    }

    /// The running read of `key` ended: the next, if any, is the one running now.
    private func ended(_ key: String, _ id: Int) {
        guard let current = reads[key], current.running.id == id else { return }
        reads[key] = current.next.map { ($0, nil) }
        joined[key] = nil
    }
}
