import Synchronization

/// A value guarded by a lock: the one lock type of FaultRay, for state shared across threads outside
/// actors. A class around `Synchronization.Mutex`, so it can be stored and shared like any reference.
public final class Locked<Value: Sendable>: Sendable {
    @usableFromInline let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with the value, exclusively. Inlinable, so a call from another module is specialised for its
    /// types instead of looking up their generic metadata each time (the server takes several locks per request).
    @inlinable
    public func withLock<T: Sendable, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        try mutex.withLock { (value: inout sending Value) throws(E) -> T in try body(&value) }
    }
}
