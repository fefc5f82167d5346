import Foundation
import Testing

/// The dashboard in a real browser: headless Chromium driven over WebDriver against the built
/// `faultray serve --demo`. What a page shows is compared with what the API answers for the same
/// question. With `FAULTRAY_SCREENSHOTS=DIR`, each page is also saved as DIR/PAGE.png (1280×800).
@Suite("Dashboard in a browser", .serialized, .tags(.live), .needs(.curl), .needs(.chromium))
struct DashboardBrowserTests {
    static let pages = ["overview", "topology", "blast", "whatif", "findings", "model", "calendar"]

    /// The JSON answer of `method path` (`LiveServer.http`).
    static func json(_ server: LiveServer, _ method: String, _ path: String, headers: [String] = [], body: String? = nil) async throws -> [String: Any] {
        let reply = try await server.http(method, path, headers: headers, body: body)
        #expect(reply.status == 200, "\(reply.body.prefix(300))")
        return try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any], "\(reply.body.prefix(300))")
    }

    /// Opens the page `name` and waits until it has rendered.
    static func show(_ browser: WebDriver, _ name: String) async throws {
        try await browser.run("location.hash = arguments[0]", [name])
        _ = try await browser.wait("page \(name)", """
            const view = document.getElementById('view');
            return view.dataset.page === arguments[0] && view.dataset.ready ? true : false;
            """.replacingOccurrences(of: "arguments[0]", with: "'\(name)'"))
    }

    /// Console entries at level SEVERE or WARNING, except those `allowed` says are expected.
    static func problems(_ browser: WebDriver, allowed: (String) -> Bool = { _ in false }) async throws -> [String] {
        try await browser.consoleLog().filter { ($0.level == "SEVERE" || $0.level == "WARNING") && !allowed($0.message) }.map(\.message)
    }

    @Test func everyPageShowsWhatTheAPIComputes() async throws {
        let server = try LiveServer.start(arguments: ["--demo", "--rate-limit", "off"])
        defer { server.stop() }
        let browser = try await WebDriver()
        let screenshots = ProcessInfo.processInfo.environment["FAULTRAY_SCREENSHOTS"]
        do {
            // Every page opens, without a console error, and shows no error.
            try await browser.open(server.baseURL + "/")
            for page in Self.pages {
                try await Self.show(browser, page)
                let shownErrors = try await browser.run("return [...document.querySelectorAll('#view .error')].map(e => e.textContent)") as? [String]
                #expect(shownErrors == [], "\(page): \(shownErrors ?? [])")
                #expect(try await Self.problems(browser) == [], "console on \(page)")
                if let screenshots {
                    try await Task.sleep(for: .milliseconds(700))
                    try await browser.screenshot().write(to: URL(fileURLWithPath: screenshots).appendingPathComponent("\(page).png"))
                }
            }

            // Overview: the score shown is the API's.
            try await Self.show(browser, "overview")
            let summary = try await Self.json(server, "GET", "/api/v2/dashboard/summary")
            let score = try await browser.run("return document.getElementById('score').textContent") as? String
            #expect(Double(score ?? "") == summary["resilience_score"] as? Double, "score shown \(score ?? "none")")

            // Blast radius: clicking `database` shows the waves of POST /api/simulate-failure/database.
            try await Self.show(browser, "blast")
            try await browser.click(".node[data-id='database']")
            let shown = try await browser.wait("the cascade", """
                const waves = document.querySelectorAll('#waves > li');
                return waves.length ? [...waves].map(li => ({wave: +li.dataset.wave, time: +li.dataset.time, components:
                  [...li.querySelectorAll('li[data-component]')].map(c => [c.dataset.component, c.dataset.health, +c.dataset.time, c.dataset.cause, c.dataset.reason])})) : false;
                """) as? [[String: Any]]
            let cascade = try await Self.json(server, "POST", "/api/simulate-failure/database")
            let expected = try #require(cascade["waves"] as? [[String: Any]])
            #expect(shown?.count == expected.count && expected.count > 1, "waves shown: \(shown?.count ?? 0), API: \(expected.count)")
            for (wave, api) in zip(shown ?? [], expected) {
                #expect(wave["wave"] as? Int == api["wave"] as? Int)
                #expect(wave["time"] as? Double == api["time_seconds"] as? Double)
                let components = (api["components"] as? [[String: Any]] ?? []).map {
                    [$0["id"] as? String ?? "", $0["health"] as? String ?? "", String(describing: $0["time_seconds"] ?? ""),
                     $0["caused_by"] as? String ?? "", $0["reason"] as? String ?? ""]
                }
                let onPage = (wave["components"] as? [[Any]] ?? []).map { $0.map { String(describing: $0) } }
                #expect(onPage == components, "wave \(api["wave"] ?? "")")
            }

            // What-if: three replicas of `database` show the score of POST /api/whatif/calculate.
            try await Self.show(browser, "whatif")
            _ = try await browser.wait("the baseline", "return document.getElementById('whatif-result').dataset.sequence === '1'")
            try await browser.clear("#replicas-database")
            try await browser.type("#replicas-database", "3\u{E004}")  // then Tab, which fires `change`
            let shownScore = try await browser.wait("the what-if score", """
                const result = document.getElementById('whatif-result');
                return result.dataset.sequence === '2' && document.getElementById('whatif-score')?.textContent;
                """) as? String
            let whatIf = try await Self.json(server, "POST", "/api/whatif/calculate", headers: ["Content-Type: application/json"],
                                             body: #"{"modifications":{"database":{"replicas":3}}}"#)
            let expectedScore = try #require(whatIf["resilience_score"] as? Double)
            #expect(Double(shownScore ?? "") == (expectedScore * 10).rounded() / 10, "shown \(shownScore ?? "none"), API \(expectedScore)")
            #expect(expectedScore != summary["resilience_score"] as? Double, "the change moves the score")

            // Model: a broken file's problems are shown at their line and column; nothing is replaced.
            try await Self.show(browser, "model")
            let broken = server.dataDirectory.appendingPathComponent("broken.yaml")
            try "name: broken\ncomponents:\n  - id: a\n    type: nope\n    replicas: -1\n".write(to: broken, atomically: true, encoding: .utf8)
            try await browser.type("#model-file", broken.path)
            _ = try await browser.wait("the file's text", "return document.getElementById('model-text').value.includes('nope')")
            try await browser.click("#model-load")
            let places = try await browser.wait("the errors", """
                const items = document.querySelectorAll('#model-errors li');
                return items.length ? [...items].map(li => li.textContent) : false;
                """) as? [String]
            #expect(places?.count == 2)
            #expect(places?.first?.hasPrefix("line 4:11") == true && places?.first?.contains("unknown value 'nope'") == true, "\(places ?? [])")
            #expect(places?.last?.hasPrefix("line 5:15") == true, "\(places ?? [])")
            #expect(try await Self.json(server, "GET", "/api/health")["components_loaded"] as? Int == 12)
            // The 400 the upload was answered with is the only console entry.
            #expect(try await Self.problems(browser) { $0.contains("/api/infrastructure") && $0.contains("400") } == [])
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test func theKeyIsAskedForOnceKeptInTheTabAndItsPermissionsRespected() async throws {
        let server = try LiveServer.start(arguments: ["--demo", "--rate-limit", "off"])
        defer { server.stop() }
        let (status, output) = try LiveServer.shell("\(LiveServer.executable.path) keys create --name viewer --permissions view_results "
                                                    + "--tier pro --data-dir \(server.dataDirectory.path) 2>/dev/null")
        #expect(status == 0)
        let key = output.trimmingCharacters(in: .whitespacesAndNewlines)
        try await Task.sleep(for: .milliseconds(1200))  // the server looks for keys the CLI made at most once a second
        let browser = try await WebDriver()
        do {
            try await browser.open(server.baseURL + "/#findings")
            _ = try await browser.wait("the key dialog", "return document.getElementById('keydialog').open")
            try await browser.type("#keyinput", key + "\u{E007}")  // Enter submits
            try await Self.show(browser, "findings")
            // A viewer cannot run scenarios: the button says why instead of failing with a 403.
            #expect(try await browser.run("return document.getElementById('run').disabled") as? Bool == true)
            #expect(try await browser.run("return document.getElementById('run').title") as? String == "Your API key lacks the 'run_simulation' permission")
            try await Self.show(browser, "whatif")
            let note = try await browser.run("return document.getElementById('whatif-result').textContent") as? String
            #expect(note?.contains("lacks the 'run_simulation' permission") == true, "\(note ?? "")")
            // The key lives in this tab's session storage only.
            #expect(try await browser.run("return sessionStorage.getItem('faultray.key')") as? String == key)
            #expect(try await browser.run("return document.cookie + localStorage.length") as? String == "0")
            #expect(try await Self.problems(browser) == [])
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// The benchmark row of the README (`FAULTRAY_DASHBOARD_BENCH=1 swift test --filter DashboardBrowser`):
    /// server time of the page and of the layout, and the first render of Overview and Topology in
    /// headless Chromium, on generated models of 1,000 and 10,000 components.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FAULTRAY_DASHBOARD_BENCH"] == "1"))
    func benchmark() async throws {
        for size in [1000, 10000] {
            let model = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-dash-\(size)-\(UUID()).json")
            defer { try? FileManager.default.removeItem(at: model) }
            #expect(try LiveServer.shell("\(LiveServer.executable.path) generate --components \(size) --seed 1 --json > \(model.path)").0 == 0)
            let server = try LiveServer.start(arguments: ["--model", model.path, "--rate-limit", "off"])
            defer { server.stop() }
            func seconds(_ path: String) throws -> Double {
                Double(try server.shell("curl -sS -o /dev/null -w '%{time_starttransfer}' '\(server.baseURL)\(path)'").1) ?? .nan
            }
            let page = try (0..<5).map { _ in try seconds("/") }.sorted()[2]
            let layoutFirst = try seconds("/api/topology/layout"), layoutCached = try seconds("/api/topology/layout")
            let browser = try await WebDriver()
            var renders: [String: Any] = [:]
            for name in ["overview", "topology"] {
                try await browser.open("\(server.baseURL)/#\(name)")
                renders[name] = try await browser.wait("\(name) drawn", seconds: 120, """
                    const view = document.getElementById('view');
                    return view.dataset.page === '\(name)' && view.dataset.renderedAt;
                    """)
            }
            await browser.quit()
            print("dashboard benchmark: \(size) components: page \(Int(page * 1000)) ms, layout \(Int(layoutFirst * 1000)) ms "
                  + "(cached \(Int(layoutCached * 1000)) ms), first render overview \(renders["overview"] ?? "?") ms, topology \(renders["topology"] ?? "?") ms")
            // The timings are printed for people, not asserted (a loaded machine makes any bound flaky):
            // every measurement came back and both views were drawn.
            #expect(page.isFinite && layoutFirst.isFinite && layoutCached.isFinite)
            #expect(renders.count == 2)
        }
    }
}
