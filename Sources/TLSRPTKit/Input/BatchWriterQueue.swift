import Foundation
import Synchronization

/// The single writer of an ingest run: writes batches in order on a thread of its own and groups
/// them into transactions.
///
/// A write blocks its thread for the whole batch, so it runs on a serial queue rather than on the
/// cooperative pool: the cores keep decoding the next batches meanwhile. Batches are grouped
/// ``batchesPerTransaction`` to a transaction because every commit rewrites each index page the
/// transaction touched; grouping divides that work. Counts and file moves take effect at the
/// commit, never before, so a crashed process neither reports nor moves a file whose reports were
/// lost. (With `synchronous = NORMAL`, a power loss can still undo the last commits.) The write
/// lock is held from the first batch of a transaction to its commit: at most eight batches, or
/// the time the walk takes to find the next new files.
final class BatchWriterQueue: @unchecked Sendable {
    /// Batches per transaction: 8 batches of 512 inputs.
    static let batchesPerTransaction = 8

    private let store: any ReportStore
    private let moveProcessedTo: String?
    /// Whether a failed write makes every later one fail too (an ingest run of ordered
    /// batches), or each write stands alone (a long-lived ``ReportIngestor``: the failed
    /// transaction is rolled back, and the next write may well succeed).
    private let stopsAfterFailure: Bool
    private let queue = DispatchQueue(label: "tlsrpt.ingest.writer")

    /// Set by ``abandon()``: from then on nothing is written or committed.
    private let abandoned = Mutex(false)
    // Touched only on `queue`.
    /// Opened by the first write: the run's transactions are its own.
    private var session: (any ReportWriteSession)?
    private var uncommitted = BatchOutcome()
    private var uncommittedMoves: [String] = []
    private var uncommittedBatches = 0
    private var failed = false

    init(store: any ReportStore, moveProcessedTo: String?, stopsAfterFailure: Bool = true) {
        self.store = store
        self.moveProcessedTo = moveProcessedTo
        self.stopsAfterFailure = stopsAfterFailure
    }

    /// What a commit stored, and the files it could not move.
    struct Commit: Sendable {
        var outcome: BatchOutcome
        /// One sentence per file that stays where it was (it is read again by the next run).
        var moveFailures: [String]
    }

    /// Queues `batch` for writing; `paths` are the files to move once it is committed.
    /// - Parameter commit: commit now rather than when the transaction is full.
    /// - Returns: a stream that yields, once the batch is written, what its commit stored
    ///   (`nil` while its transaction stays open) or the error. After a failed batch, the
    ///   batches queued behind it are not written: they yield ``Skipped``.
    func submit(_ batch: IngestBatch, moving paths: [String], commit: Bool) -> AsyncStream<Result<Commit?, any Error>> {
        let (result, continuation) = AsyncStream.makeStream(of: Result<Commit?, any Error>.self)
        queue.async {
            continuation.yield(Result { try self.write(batch, moving: paths, commit: commit) })
            continuation.finish()
        }
        return result
    }

    /// Writes `batch` in a transaction of its own (with what earlier batches left open) and
    /// returns once it is committed.
    func write(_ batch: IngestBatch) async -> Result<BatchOutcome, any Error> {
        for await result in submit(batch, moving: [], commit: true) {
            return result.map { $0?.outcome ?? BatchOutcome() }
        }
        return .success(BatchOutcome())
    }

    /// Stops the run's writing: the batches still queued are skipped, and what was written since
    /// the last commit is rolled back, so nothing of an aborted run is committed or moved.
    func abandon() async {
        abandoned.withLock { $0 = true }
        await withCheckedContinuation { continuation in
            queue.async {
                self.session?.rollback()
                self.uncommitted = BatchOutcome()
                self.uncommittedMoves = []
                self.uncommittedBatches = 0
                continuation.resume()
            }
        }
    }

    /// Runs on `queue`.
    private func write(_ batch: IngestBatch, moving paths: [String], commit: Bool) throws -> Commit? {
        if failed || abandoned.withLock({ $0 }) { throw Skipped() }
        // The closing commit of a run whose last batch filled a transaction has nothing to do.
        if batch.inputs.isEmpty, batch.seenFiles.isEmpty, paths.isEmpty, uncommittedBatches == 0 { return nil }
        do {
            uncommittedBatches += 1
            let committing = commit || uncommittedBatches >= Self.batchesPerTransaction
            let session = try self.session ?? store.makeWriteSession()
            self.session = session
            uncommitted.add(try session.write(batch))
            if committing { try session.commit() }
            uncommittedMoves += paths
            guard committing else { return nil }
            defer {
                uncommitted = BatchOutcome()
                uncommittedMoves = []
                uncommittedBatches = 0
            }
            var moveFailures: [String] = []
            if let moveProcessedTo {
                for path in uncommittedMoves {
                    do {
                        try FileMover.move(path, into: moveProcessedTo)
                    } catch {
                        moveFailures.append("cannot move \(path) into \(moveProcessedTo): \(error.localizedDescription)")
                    }
                }
            }
            return Commit(outcome: uncommitted, moveFailures: moveFailures)
        } catch {
            failed = stopsAfterFailure
            uncommitted = BatchOutcome()
            uncommittedMoves = []
            uncommittedBatches = 0
            throw error
        }
    }

    /// Thrown for a batch queued behind one whose write failed; that first error is the one reported.
    struct Skipped: Error {}
}
