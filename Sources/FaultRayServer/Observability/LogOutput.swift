import Dispatch
import FaultRayCore
import Foundation
import Logging

/// Where the log handlers write: standard error. Lines at `info` and below are gathered and written together, at
/// most `delay` after the first of them or as soon as `batchBytes` wait (as nginx's `access_log … buffer= flush=`),
/// so the line every request logs costs no system call of its own. A line at `notice` or above is written at once,
/// after whatever waits before it, and what waits is written when the process exits. A process killed outright
/// (`kill -9`) can lose the info lines of its last `delay`, never a warning or an error.
enum LogOutput {
    /// The longest an info line waits.
    static let delay = DispatchTimeInterval.milliseconds(50)
    /// Waiting lines are written once they reach this size.
    static let batchBytes = 32 * 1024

    /// Writes the line `format` appends (one whole line, with its newline) to the waiting lines, which are written
    /// now or with the next batch by the line's level.
    static func write(level: Logger.Level, _ format: (inout [UInt8]) -> Void) {
        _ = flushAtExit
        let wasEmpty = waiting.withLock { waiting in
            let wasEmpty = waiting.isEmpty
            format(&waiting)
            if level > .info || waiting.count >= batchBytes {
                writeAll(waiting)
                waiting.removeAll(keepingCapacity: true)
                return false
            }
            return wasEmpty
        }
        if wasEmpty { DispatchQueue.global().asyncAfter(deadline: .now() + delay) { flush() } }
    }

    /// Writes every waiting line.
    static func flush() {
        waiting.withLock { waiting in
            writeAll(waiting)
            waiting.removeAll(keepingCapacity: true)
        }
    }

    private static let waiting = Locked<[UInt8]>([])

    /// Flushes at exit (registered with the first line).
    private static let flushAtExit: Void = { atexit { LogOutput.flush() } }()

    /// Writes `bytes` in full to standard error, retrying after an interrupted or partial write; a failure
    /// (standard error closed) drops them, as there is nowhere left to say so.
    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// `time` to the second in UTC, as `2026-11-30T19:29:55+0000`: formatted once per second.
    static func secondStamp(_ time: Date) -> String {
        let second = Int(time.timeIntervalSince1970.rounded(.down))
        return lastStamp.withLock { last in
            if last.second != second {
                var seconds = time_t(second), parts = tm()
                gmtime_r(&seconds, &parts)
                last = (second, "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))T"
                    + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec))+0000")
            }
            return last.text
        }
    }

    private static let lastStamp = Locked((second: Int.min, text: ""))

    private static func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
