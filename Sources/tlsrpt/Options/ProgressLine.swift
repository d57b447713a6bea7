import Foundation
import TLSRPTKit

/// A single self-rewriting progress line on standard error, at most a few times a second.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastUpdate = 0.0
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ summary: IngestSummary) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard summary.elapsedSeconds - lastUpdate >= 0.25 else { return }
        lastUpdate = summary.elapsedSeconds
        let rate = summary.elapsedSeconds > 0 ? Double(summary.inputsRead) / summary.elapsedSeconds : 0
        StandardError.write(
            "\r\u{1B}[K\(Figures.grouped(summary.inputsRead)) inputs, \(Figures.grouped(summary.accepted)) reports stored, "
                + "\(Figures.grouped(summary.rejected)) rejected, \(Figures.grouped(Int(rate)))/s")
        shown = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown { StandardError.write("\r\u{1B}[K") }
    }
}
