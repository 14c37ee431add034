import Foundation
import Synchronization

/// A headless Chromium started for one test: `--remote-debugging-port=0` picks a free port, and the DevTools WebSocket
/// address is read from the line Chromium prints on stderr. Stopped (and its profile removed) by `stop()`.
/// `@unchecked Sendable`: `Process` is not marked Sendable; it is started in `init` and stopped once, by the test's task.
final class Chromium: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case noDevToolsAddress(String)

        var description: String {
            switch self {
            case .notInstalled: "no Chromium found (set UNDERTONE_CHROMIUM, or install the chromium package)"
            case .noDevToolsAddress(let output): "Chromium printed no DevTools address; its output:\n\(output)"
            }
        }
    }

    /// The executable: `UNDERTONE_CHROMIUM`, else the first of the usual names on `PATH`.
    static func executable() -> String? {
        if let configured = ProcessInfo.processInfo.environment["UNDERTONE_CHROMIUM"], !configured.isEmpty { return configured }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    private let process: Process
    private let profile: URL
    /// Chromium's stderr so far (kept draining, so that a chatty browser never blocks on a full pipe).
    private let output: OutputLog
    let devToolsURL: String

    init(timeout: Duration = .seconds(120)) async throws {
        guard let executable = Self.executable() else { throw Failure.notInstalled }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = [
            "--headless=new", "--remote-debugging-port=0", "--user-data-dir=\(profile.path)", "--no-first-run", "--no-default-browser-check",
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--disable-background-networking", "--mute-audio",
            "--hide-scrollbars", "--force-color-profile=srgb", "--window-size=1400,900",
            // The WebSocket client names an Origin (`ws://127.0.0.1`); DevTools refuses origins it was not told to allow.
            "--remote-allow-origins=ws://127.0.0.1",
        ]
        // Chromium's sandbox refuses to start as root (containers, CI).
        if getuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append("about:blank")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let output = OutputLog()
        self.output = output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            output.text.withLock { text in
                text += String(decoding: data, as: UTF8.self)
                if text.count > 200_000 { text = String(text.suffix(100_000)) }
            }
        }
        try process.run()
        // Looked for once more after the deadline: on a busy machine (the whole suite runs in parallel on two cores) this
        // task may wake only after the deadline, with the address long since printed.
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var found = output.text.withLock { Self.devToolsAddress(in: $0) }
        while found == nil, ContinuousClock.now < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            found = output.text.withLock { Self.devToolsAddress(in: $0) }
        }
        guard let found else {
            let text = output.text.withLock { $0 }
            if process.isRunning { process.terminate() }
            throw Failure.noDevToolsAddress(text)
        }
        devToolsURL = found
    }

    /// `ws://127.0.0.1:PORT/devtools/browser/ID` from "DevTools listening on …".
    static func devToolsAddress(in text: String) -> String? {
        guard let range = text.range(of: "DevTools listening on ") else { return nil }
        let rest = text[range.upperBound...]
        guard let end = rest.firstIndex(where: \.isNewline) else { return nil }
        return String(rest[..<end]).trimmingCharacters(in: .whitespaces)
    }

    /// What Chromium wrote on stderr (for a failure's message).
    var log: String { output.text.withLock { $0 } }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }
}

/// Text shared between the pipe's reading callback and the test.
final class OutputLog: Sendable {
    let text = Mutex("")
}
