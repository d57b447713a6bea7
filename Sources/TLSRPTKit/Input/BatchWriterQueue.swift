import Foundation
import NIOConcurrencyHelpers

/// The single writer of an ingest run: writes batches in order, one at a time, and groups them
/// into transactions.
///
/// Batches are handed to one worker task, which writes them in the order they were submitted
/// through the store's ``ReportWriteSession``; the session's calls suspend while the database
/// works (GRDB's writer queue for SQLite), so the cores keep decoding the next batches meanwhile.
/// Batches are grouped ``batchesPerTransaction`` to a transaction because every commit rewrites
/// each index page the transaction touched; grouping divides that work. Counts and file moves
/// take effect at the commit, never before, so a crashed process neither reports nor moves a file
/// whose reports were lost. (With `synchronous = NORMAL`, a power loss can still undo the last
/// commits.) The write lock is held from the first batch of a transaction to its commit: at most
/// eight batches, or the time the walk takes to find the next new files.
final class BatchWriterQueue: Sendable {
    /// Batches per transaction: 8 batches of 512 inputs.
    static let batchesPerTransaction = 8

    private enum Job: Sendable {
        case write(IngestBatch, moving: [String], commit: Bool, AsyncStream<Result<Commit?, any Error>>.Continuation)
        case abandon(CheckedContinuation<Void, Never>)
    }

    private let jobs: AsyncStream<Job>.Continuation
    /// Set by ``abandon()``: from then on nothing is written or committed.
    private let abandoned = NIOLockedValueBox(false)

    /// - Parameter stopsAfterFailure: whether a failed write makes every later one fail too (an
    ///   ingest run of ordered batches), or each write stands alone (a long-lived
    ///   ``ReportIngestor``: the failed transaction is rolled back, and the next write may well
    ///   succeed).
    init(store: any ReportStore, moveProcessedTo: String?, stopsAfterFailure: Bool = true) {
        let (stream, jobs) = AsyncStream.makeStream(of: Job.self)
        self.jobs = jobs
        let abandoned = self.abandoned
        // The worker ends when the queue is released (its stream finishes), rolling back what it
        // left uncommitted. It runs on a thread of its own: on the cooperative pool it would wait
        // behind the decoding tasks after every write, and writing would overlap decoding less.
        Task(executorPreference: WriterThread()) {
            var writer = Writer(store: store, moveProcessedTo: moveProcessedTo, stopsAfterFailure: stopsAfterFailure)
            for await job in stream {
                switch job {
                case .write(let batch, let paths, let commit, let result):
                    if abandoned.withLockedValue({ $0 }) {
                        result.yield(.failure(Skipped()))
                    } else {
                        do {
                            result.yield(.success(try await writer.write(batch, moving: paths, commit: commit)))
                        } catch {
                            result.yield(.failure(error))
                        }
                    }
                    result.finish()
                case .abandon(let done):
                    await writer.discard()
                    done.resume()
                }
            }
            await writer.discard()
        }
    }

    deinit {
        jobs.finish()
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
        jobs.yield(.write(batch, moving: paths, commit: commit, continuation))
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
        abandoned.withLockedValue { $0 = true }
        await withCheckedContinuation { jobs.yield(.abandon($0)) }
    }

    /// Thrown for a batch queued behind one whose write failed; that first error is the one reported.
    struct Skipped: Error {}

    /// The worker's state: the session (opened by the first write) and what its open
    /// transaction holds.
    private struct Writer {
        let store: any ReportStore
        let moveProcessedTo: String?
        let stopsAfterFailure: Bool
        var session: (any ReportWriteSession)?
        var uncommitted = BatchOutcome()
        var uncommittedMoves: [String] = []
        var uncommittedBatches = 0
        var failed = false

        init(store: any ReportStore, moveProcessedTo: String?, stopsAfterFailure: Bool) {
            self.store = store
            self.moveProcessedTo = moveProcessedTo
            self.stopsAfterFailure = stopsAfterFailure
        }

        mutating func write(_ batch: IngestBatch, moving paths: [String], commit: Bool) async throws -> Commit? {
            if failed { throw Skipped() }
            // The closing commit of a run whose last batch filled a transaction has nothing to do.
            if batch.inputs.isEmpty, batch.seenFiles.isEmpty, paths.isEmpty, uncommittedBatches == 0 { return nil }
            do {
                uncommittedBatches += 1
                let committing = commit || uncommittedBatches >= BatchWriterQueue.batchesPerTransaction
                let session = try self.session ?? store.makeWriteSession()
                self.session = session
                uncommitted.add(try await session.write(batch))
                if committing { try await session.commit() }
                uncommittedMoves += paths
                guard committing else { return nil }
                defer { forgetUncommitted() }
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
                forgetUncommitted()
                throw error
            }
        }

        /// Rolls back the open transaction.
        mutating func discard() async {
            await session?.rollback()
            forgetUncommitted()
        }

        private mutating func forgetUncommitted() {
            uncommitted = BatchOutcome()
            uncommittedMoves = []
            uncommittedBatches = 0
        }
    }
}

/// A serial queue as a task executor: the jobs of the ingest writer's task run there, beside the
/// cooperative pool that decodes.
private final class WriterThread: TaskExecutor {
    private let queue = DispatchQueue(label: "tlsrpt.ingest.writer")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
