import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

extension OutsideTool {
    /// Debian's headless-capable Chromium and its WebDriver, for the dashboard's browser tests.
    static let chromium = OutsideTool(name: "chromium and chromium-driver", probe: "command -v chromium && command -v chromedriver",
                                      install: "apt-get install -y chromium chromium-driver")
}

/// A minimal W3C WebDriver client: starts `chromedriver` on a free port, opens one headless Chromium
/// session (1280×800, browser console logged) and speaks the protocol's JSON over plain HTTP/1.1 on a
/// socket (FoundationNetworking refuses chromedriver's answers: its headers have no space after the colon).
final class WebDriver: @unchecked Sendable {
    private let driver = Process()
    private let base: URL
    private var session = ""

    /// The W3C key of an element reference.
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    init(width: Int = 1280, height: Int = 800) async throws {
        try OutsideTool.chromium.require()
        let port = try Self.freePort()
        base = URL(string: "http://127.0.0.1:\(port)")!
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        driver.arguments = ["chromedriver", "--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:loggingPrefs": ["browser": "ALL"],
            "goog:chromeOptions": ["binary": "/usr/bin/chromium",
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--window-size=\(width),\(height)", "--lang=en-US"]],
        ] as [String: Any]]]
        // chromedriver takes a moment to listen.
        let deadline = Date().addingTimeInterval(20)
        while true {
            do {
                let value = try await send("POST", "/session", capabilities, sessionScoped: false)
                session = try #require((value as? [String: Any])?["sessionId"] as? String)
                return
            } catch let error as WebDriverError where error.unreachable && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
            } catch {
                kill(driver.processIdentifier, SIGKILL)
                driver.waitUntilExit()
                throw error
            }
        }
    }

    /// Ends the session (Chromium quits) and the driver (which ignores SIGTERM).
    func quit() async {
        _ = try? await send("DELETE", "", nil)
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    func open(_ url: String) async throws { _ = try await send("POST", "/url", ["url": url]) }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns its result.
    @discardableResult
    func run(_ script: String, _ args: [Any] = []) async throws -> Any? {
        let value = try await send("POST", "/execute/sync", ["script": script, "args": args])
        return value is NSNull ? nil : value
    }

    /// Runs `script` until it returns something truthy (at most `seconds`), and returns that.
    func wait(_ what: String, seconds: Double = 15, _ script: String) async throws -> Any {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let value = try await run(script), !(value as? Bool == false), !(value as? String == "") { return value }
            guard Date() < deadline else { throw WebDriverError(message: "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The first element matching the CSS `selector`.
    func element(_ selector: String) async throws -> String {
        let value = try await send("POST", "/element", ["using": "css selector", "value": selector])
        return try #require((value as? [String: Any])?[Self.elementKey] as? String, "no element \(selector): \(value)")
    }

    func click(_ selector: String) async throws {
        _ = try await send("POST", "/element/\(try await element(selector))/click", [:])
    }

    /// Types `text` into the element (a file path, for a file input).
    func type(_ selector: String, _ text: String) async throws {
        _ = try await send("POST", "/element/\(try await element(selector))/value", ["text": text])
    }

    func clear(_ selector: String) async throws {
        _ = try await send("POST", "/element/\(try await element(selector))/clear", [:])
    }

    /// The browser console's entries since the last call: (level, message).
    func consoleLog() async throws -> [(level: String, message: String)] {
        let value = try await send("POST", "/se/log", ["type": "browser"])
        return (value as? [[String: Any]] ?? []).map { ($0["level"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    /// A PNG of the window.
    func screenshot() async throws -> Data {
        let value = try await send("GET", "/screenshot", nil)
        return try #require(Data(base64Encoded: value as? String ?? ""))
    }

    private func send(_ method: String, _ path: String, _ body: Any?, sessionScoped: Bool = true) async throws -> Any {
        let target = sessionScoped ? "/session/\(session)\(path)" : path
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let head = "\(method) \(target) HTTP/1.1\r\nHost: \(base.host!):\(base.port!)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        let data = try Self.exchange(port: base.port!, Data(head.utf8) + payload)
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw WebDriverError(message: "\(method) \(path): no HTTP answer: \(String(decoding: data, as: UTF8.self))")
        }
        let answer = try JSONSerialization.jsonObject(with: data[split.upperBound...], options: [.fragmentsAllowed]) as? [String: Any]
        let value = answer?["value"] ?? NSNull()
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            throw WebDriverError(message: "\(method) \(path): \(error): \(failure["message"] as? String ?? "")")
        }
        return value
    }

    /// Sends `request` to 127.0.0.1:`port` and reads the answer: its head, then `Content-Length` bytes
    /// (chromedriver keeps the connection open whatever the request asks).
    private static func exchange(port: Int, _ request: Data) throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriverError(message: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw WebDriverError(message: "chromedriver does not answer on port \(port)", unreachable: true) }
        try request.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let n = Glibc.send(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw WebDriverError(message: "sending to chromedriver failed") }
                sent += n
            }
        }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = answer.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: answer[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if answer.count - end.upperBound >= length { return answer }
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return answer }
            answer.append(contentsOf: buffer[0..<n])
        }
    }

    /// A TCP port nothing listens on (bound to port 0, read back, released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriverError(message: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw WebDriverError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct WebDriverError: Error, CustomStringConvertible {
    var message: String
    /// Nothing listened: chromedriver is not up yet.
    var unreachable = false
    var description: String { message }
}
