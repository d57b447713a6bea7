import Foundation

extension Ingester {
    /// What decoding one item gave.
    enum ItemOutcome: Sendable {
        case decoded(InputDecoder.Outcome)
        case mbox
        case failed(String)
    }

    /// The state of one ingest run: the batch being filled and the writes in flight.
    struct Run {
        let ingester: Ingester
        let progress: (@Sendable (IngestSummary) -> Void)?
        let elapsed: () -> Double
        var pending: [InputItem] = []
        /// The batch being decoded while the walk goes on, with its items.
        var decoding: (items: [InputItem], outcomes: Task<[ItemOutcome], Never>)?
        let writer: BatchWriterQueue
        /// Batches handed to the writer and not yet awaited, oldest first.
        var queuedWrites: [AsyncStream<Result<BatchWriterQueue.Commit?, any Error>>] = []
        var summary = IngestSummary()

        init(ingester: Ingester, progress: (@Sendable (IngestSummary) -> Void)?, elapsed: @escaping () -> Double) {
            self.ingester = ingester
            self.progress = progress
            self.elapsed = elapsed
            writer = BatchWriterQueue(store: ingester.store, moveProcessedTo: ingester.options.moveProcessedTo)
        }

        mutating func add(_ item: InputItem) async throws {
            pending.append(item)
            if pending.count >= ingester.options.batchSize { try await flush() }
        }

        mutating func finish() async throws {
            try await flush()
            try await collectDecoded()
            try await submit(IngestBatch(), moving: [], commit: true)
            while !queuedWrites.isEmpty { try await awaitOldestWrite() }
        }

        /// Starts decoding the pending items on every core, and hands the batch decoded before to
        /// the writer. Two batches overlap so that no core idles while the slowest input of a
        /// batch finishes.
        private mutating func flush() async throws {
            guard !pending.isEmpty else { return }
            let items = pending
            pending = []
            pending.reserveCapacity(ingester.options.batchSize)
            let ingester = ingester
            let started = Task { await items.concurrentMap(workers: ingester.options.decodeConcurrency) { ingester.decode($0) } }
            try await collectDecoded()
            decoding = (items, started)
        }

        /// Waits for the batch being decoded, if any, and hands it to the writer.
        private mutating func collectDecoded() async throws {
            guard let (items, task) = decoding else { return }
            decoding = nil
            let outcomes = await task.value
            var batch = IngestBatch()
            var moves: [String] = []
            var mboxes: [(path: String, ledger: SeenFile, previous: FileIdentity?)] = []
            for (item, outcome) in zip(items, outcomes) {
                switch (item, outcome) {
                case (.file(let path, let ledger, let previous), .mbox):
                    mboxes.append((path, ledger, previous))  // its messages are counted as they are read
                case (_, .failed(let reason)):
                    summary.inputsRead += 1
                    summary.failures.append(reason)
                case (_, .decoded(let decoded)):
                    summary.inputsRead += 1
                    record(decoded, into: &batch)
                    if case .file(let path, let ledger, _) = item {
                        batch.seenFiles.append(ledger)
                        moves.append(path)
                    }
                case (.standardInput, .mbox):
                    break  // standard input is never sniffed as an mbox
                }
            }
            try await submit(batch, moving: moves)
            for mbox in mboxes {
                try await ingestMbox(path: mbox.path, ledger: mbox.ledger, previous: mbox.previous)
            }
        }

        /// Streams an mbox, decoding its messages a batch at a time. An mbox that only grew since
        /// the last run (same inode, not smaller) is read from its last message on: that one is
        /// read again, in case it was still being appended, and is a duplicate if it was not.
        private mutating func ingestMbox(path: String, ledger: SeenFile, previous: FileIdentity?) async throws {
            var ledger = ledger
            var startOffset = 0
            if let previous, previous.device == ledger.identity.device, previous.inode == ledger.identity.inode,
                previous.size <= ledger.identity.size, previous.resumeOffset <= ledger.identity.size
            {
                startOffset = Int(previous.resumeOffset)
            }
            var reader: MboxReader
            do {
                reader = try MboxReader(
                    path: path, maximumMessageSize: ingester.options.maximumInputSize, startOffset: startOffset)
            } catch {
                summary.failures.append("cannot read \(path): \(error)")
                return
            }
            let receivedAt = Int64(Date().timeIntervalSince1970)
            var messages: [(bytes: [UInt8], offset: Int)] = []
            func decodeMessages(_ messages: [(bytes: [UInt8], offset: Int)]) async -> [InputDecoder.Outcome] {
                await messages.concurrentMap(workers: ingester.options.decodeConcurrency) { [ingester] message in
                    ingester.decoder.decodeMessage(message.bytes, source: "\(path)#\(message.offset)", receivedAt: receivedAt)
                }
            }
            var batch = IngestBatch()
            while true {
                let next: MboxMessage?
                do {
                    next = try reader.next()
                } catch {
                    summary.failures.append("error reading \(path): \(error)")
                    break
                }
                guard let next else { break }
                summary.inputsRead += 1
                switch next {
                case .message(let bytes, let offset):
                    messages.append((bytes, offset))
                    ledger.identity.resumeOffset = Int64(offset)
                case .tooLarge(let offset, let size):
                    ledger.identity.resumeOffset = Int64(offset)
                    let provenance = Provenance(source: "\(path)#\(offset)", receivedAt: receivedAt)
                    let reason = "the message is \(Figures.grouped(size)) bytes, larger than the \(ingester.options.maximumInputSize >> 20) MiB accepted"
                    record(.inputs([DecodedInput(provenance: provenance, original: [], outcome: .failure(ReportRejection(.tooLarge, reason: reason)))]), into: &batch)
                }
                if messages.count >= ingester.options.batchSize {
                    for outcome in await decodeMessages(messages) { record(outcome, into: &batch) }
                    messages.removeAll(keepingCapacity: true)
                    // Progress so far: recorded with the size read up to, so that a run after a
                    // crash does not take the file for unchanged and resumes from here.
                    var partial = ledger
                    partial.identity.size = partial.identity.resumeOffset
                    batch.seenFiles.append(partial)
                    try await submit(batch, moving: [])
                    batch = IngestBatch()
                }
            }
            for outcome in await decodeMessages(messages) { record(outcome, into: &batch) }
            batch.seenFiles.append(ledger)
            try await submit(batch, moving: [path])
        }

        private mutating func record(_ outcome: InputDecoder.Outcome, into batch: inout IngestBatch) {
            switch outcome {
            case .noReport:
                summary.withoutReport += 1
            case .inputs(let inputs):
                batch.inputs.append(contentsOf: inputs)
                summary.noteRejections(in: inputs)
            }
        }

        /// Hands `batch` to the writer and returns while it is written, so that the caller decodes
        /// on. Up to ``maximumQueuedWrites`` batches wait for the writer: enough that neither the
        /// decoders nor the writer wait for the other, few enough that memory stays bounded.
        private mutating func submit(_ batch: IngestBatch, moving paths: [String], commit: Bool = false) async throws {
            while queuedWrites.count >= Ingester.maximumQueuedWrites { try await awaitOldestWrite() }
            queuedWrites.append(writer.submit(batch, moving: paths, commit: commit))
        }

        private mutating func awaitOldestWrite() async throws {
            guard !queuedWrites.isEmpty else { return }
            for await result in queuedWrites.removeFirst() {
                guard let committed = try result.get() else { continue }
                summary.add(committed.outcome)
                summary.failures += committed.moveFailures
                summary.elapsedSeconds = elapsed()
                progress?(summary)
            }
        }
    }

    /// How many decoded batches may wait for the writer at once.
    static let maximumQueuedWrites = 2

    /// Decodes one item; runs on any thread.
    func decode(_ item: InputItem) -> ItemOutcome {
        let receivedAt = Int64(Date().timeIntervalSince1970)
        switch item {
        case .standardInput:
            do {
                let bytes = try FileReader.readStandardInput(limit: options.maximumInputSize)
                return .decoded(decoder.decodeInput(bytes, provenance: Provenance(source: "-", receivedAt: receivedAt)))
            } catch {
                return .failed(error.description)
            }
        case .file(let path, let ledger, _):
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(path, limit: options.maximumInputSize, expectedSize: ledger.identity.size)
            } catch .tooLarge {
                let prefix = (try? FileReader.prefix(of: path, count: 5)) ?? []
                if prefix == Array("From ".utf8) { return .mbox }
                let reason = "the file is larger than the \(options.maximumInputSize >> 20) MiB accepted for one input"
                let provenance = Provenance(source: path, fileName: Self.lastPathComponent(path), receivedAt: receivedAt)
                return .decoded(.inputs([DecodedInput(provenance: provenance, original: [], outcome: .failure(ReportRejection(.tooLarge, reason: reason)))]))
            } catch {
                return .failed(error.description)
            }
            if ContentSniffer.kind(of: bytes) == .mbox { return .mbox }
            let provenance = Provenance(source: path, fileName: Self.lastPathComponent(path), receivedAt: receivedAt)
            return .decoded(decoder.decodeInput(bytes, provenance: provenance))
        }
    }

    /// The file name at the end of `path` (no Foundation: `NSString` is slow on Linux).
    static func lastPathComponent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}
