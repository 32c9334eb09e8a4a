using System.Collections.Concurrent;
using System.Diagnostics;
using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.History.Jit;
using Countersign.Core.Provenance;
using Countersign.Git;
using Countersign.Storage;

namespace Countersign.Engine.Scanning;

/// <summary>
/// Scans a repository's history into the store: lists the commits not seen before, streams them from git,
/// attributes lines (git-ai notes, Agent Trace), classifies provenance, computes JIT features in history
/// order, and writes everything in one transaction on a second thread so parsing and SQLite overlap.
/// </summary>
/// <remarks>The classifier is created only when there is something to scan: loading the signature catalog is
/// most of the cost of a rescan that finds nothing new.</remarks>
public sealed class HistoryScanner(Lazy<ProvenanceClassifier> classifier, TimeProvider time)
{
    // Commits cross to the writer thread in batches: one hand-off (and at most one wake-up) per batch, not per commit.
    private const int WriteBatchSize = 128;
    private const int WriteQueueBatches = 16;

    public ScanOutcome Scan(GitRepository repository, ScanStore store, ScanOptions options, IScanProgress progress)
    {
        var stopwatch = Stopwatch.StartNew();
        var repoId = store.Repository(repository.Path, repository.Kind.ToString());
        var tips = repository.ResolveTips(options.Selection);
        var storedTips = options.Rescan ? [] : store.Tips(repoId);
        if (NothingNew(tips, storedTips))
        {
            return new ScanOutcome(repoId, 0, 0, 0, stopwatch.Elapsed, tips);
        }

        var previousTips = repository.ExistingCommits(storedTips);
        var listed = repository.ListCommits(options.Selection, previousTips);

        // Commits reachable from the old tips are excluded by git; others may still be stored (another branch,
        // an earlier range scan), so only then is the stored set worth loading.
        var known = options.Rescan || listed.Count == 0 ? [] : store.KnownShas(repoId);
        var todo = known.Count == 0 ? listed : listed.Where(sha => !known.Contains(sha)).ToList();
        if (todo.Count == 0)
        {
            // Everything selected is stored; the old tips still cover it.
            return new ScanOutcome(repoId, 0, 0, 0, stopwatch.Elapsed, tips);
        }

        // Tips an earlier tip's history already contains (a branch that moved forward) are dropped.
        var newTips = options.CoversAllReachable
            ? repository.IndependentTips(tips.Concat(previousTips).Distinct(StringComparer.Ordinal).ToList())
            : previousTips.ToList();

        var state = options.Rescan ? new JitState() : store.LoadJitState(repoId) ?? new JitState();
        var features = new JitFeatureCalculator(state);
        var attribution = new AttributionCollector(repository, options.Selection, todo, options.AgentTracePaths);
        var reader = new GitLogReader(repository);
        using var writer = store.BeginScan(repoId, options.Rescan);
        using var queue = new BlockingCollection<List<ScannedCommit>>(WriteQueueBatches);
        Exception? writeFailure = null;
        var writerThread = new Thread(() =>
        {
            try
            {
                foreach (var batch in queue.GetConsumingEnumerable())
                {
                    foreach (var scanned in batch)
                    {
                        writer.Add(scanned);
                    }
                }
            }
            catch (Exception e)
            {
                writeFailure = e;

                // Keep taking so the reader is never left blocked on a full queue; it stops at the next commit.
                foreach (var _ in queue.GetConsumingEnumerable())
                {
                }
            }
        }) { Name = "scan-writer", IsBackground = true };
        writerThread.Start();

        progress.Started(todo.Count);
        var done = 0;
        var diagnostics = 0;
        var pending = new List<ScannedCommit>(WriteBatchSize);
        try
        {
            foreach (var commit in reader.Read(todo))
            {
                var lines = attribution.Attribute(commit);
                var provenance = classifier.Value.Classify(commit.Author, commit.Committer, commit.Message, lines.Lines, lines.Evidence);
                IReadOnlyList<Diagnostic> problems = done == 0 ? [.. attribution.TakeSetupDiagnostics(), .. lines.Diagnostics] : lines.Diagnostics;
                var scanned = new ScannedCommit(commit, provenance, features.Next(commit), problems);
                diagnostics += problems.Count;
                if (writeFailure is not null)
                {
                    break;
                }

                pending.Add(scanned);
                if (pending.Count == WriteBatchSize)
                {
                    queue.Add(pending);
                    pending = new List<ScannedCommit>(WriteBatchSize);
                }

                if (++done % 256 == 0)
                {
                    progress.Advanced(done);
                }
            }

            if (pending.Count > 0 && writeFailure is null)
            {
                queue.Add(pending);
            }
        }
        finally
        {
            queue.CompleteAdding();
            writerThread.Join();
        }

        if (writeFailure is not null)
        {
            throw StorageFailure.From(store.Path, "writing scan results", writeFailure);
        }

        progress.Advanced(done);
        progress.Finished();
        writer.Complete(newTips, features.State, time.GetUtcNow().ToString("O"));
        return new ScanOutcome(repoId, done, reader.UnreadableCommits, diagnostics, stopwatch.Elapsed, tips, previousTips.Count == 0 ? listed : null);
    }

    /// <summary>
    /// A stored tip's whole history is stored (tips are remembered only for selections that cover everything
    /// reachable), so a selection whose every tip is a stored tip has nothing new: no git walk needed.
    /// </summary>
    private static bool NothingNew(IReadOnlyList<string> tips, IReadOnlyList<string> storedTips) =>
        tips.Count > 0 && storedTips.Count > 0 && tips.All(storedTips.Contains);
}
