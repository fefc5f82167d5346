import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension OutsideTool {
    /// Debian's headless-capable Chromium and its WebDriver, for the dashboard's browser tests.
    static let chromium = OutsideTool(name: "chromium and chromium-driver", probe: "command -v chromium && command -v chromedriver",
                                      install: "apt-get install -y chromium chromium-driver")
}

/// A minimal W3C WebDriver client: starts `chromedriver` on a free port, opens one headless Chromium
/// session (1280×800, browser console logged) and speaks the protocol's JSON over HTTP.
final class WebDriver: @unchecked Sendable {
    private let driver = Process()
    private let base: URL
    private var session = ""

    /// The W3C key of an element reference.
    static let elementKey = "element-6066-11e4-a52f-4f6e69ce6ef3"

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
            } catch let error as URLError where Date() < deadline {
                _ = error
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Ends the session and the driver.
    func quit() async {
        _ = try? await send("DELETE", "", nil)
        driver.terminate()
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
        return try #require((value as? [String: Any])?[Self.elementKey] as? String, "no element \(selector)")
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
        var request = URLRequest(url: base.appendingPathComponent(sessionScoped ? "session/\(session)\(path)" : String(path.dropFirst())))
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, _) = try await URLSession.shared.data(for: request)
        let answer = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        let value = answer?["value"] ?? NSNull()
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            throw WebDriverError(message: "\(method) \(path): \(error): \(failure["message"] as? String ?? "")")
        }
        return value
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
    var description: String { message }
}
