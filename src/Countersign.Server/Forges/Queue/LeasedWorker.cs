using System.Collections.Concurrent;
using System.Threading.Channels;
using Countersign.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// Works a leased queue (webhook deliveries, the outbox) on this replica: claims due rows in batches while it has room
/// (the database hands each row to one replica: <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), works up to
/// <c>concurrency</c> of them at once, renews the leases of the rows it holds every third of a lease, and writes the
/// outcomes of finished rows together in one transaction. Woken by its <see cref="QueueSignal"/> (work stored on this
/// replica, a slot freed) or by polling (work another replica stored).
/// </summary>
/// <remarks>
/// Stopping: rows taken but not started are given back at once; a row being worked keeps its lease, its work is
/// cancelled, and whoever claims it after the lease expires works it again (handlers are idempotent). A replica killed
/// outright leaves all its rows to the others the same way.
/// </remarks>
/// <typeparam name="TItem">A claimed row.</typeparam>
/// <typeparam name="TCompletion">How working it ended, as written back.</typeparam>
internal abstract class LeasedWorker<TItem, TCompletion> : BackgroundService
    where TItem : class
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    private readonly int concurrency;
    private readonly QueueSignal signal;
    private readonly ConcurrentDictionary<long, Lease> held = new();
    private readonly ConcurrentDictionary<long, bool> started = new();

    protected LeasedWorker(int concurrency, WebhookOptions options, QueueSignal signal, TimeProvider time, ILogger logger)
    {
        this.concurrency = Math.Max(1, concurrency);
        this.signal = signal;
        Options = options;
        Time = time;
        Logger = logger;
    }

    /// <summary>This worker's name in the leases it takes: host, process, and a random part (a restarted process is another owner).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():n}";

    protected WebhookOptions Options { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    protected abstract Task<IReadOnlyList<TItem>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellation);

    protected abstract Lease LeaseOf(TItem item);

    /// <summary>Works one row and says how it ended; throws only <see cref="OperationCanceledException"/> when stopping.</summary>
    protected abstract Task<TCompletion> WorkAsync(TItem item, Lease lease, CancellationToken stopping);

    protected abstract Lease LeaseOf(TCompletion completion);

    protected abstract Task CompleteAsync(IReadOnlyList<TCompletion> completions, CancellationToken cancellation);

    protected abstract Task<IReadOnlyList<long>> RenewAsync(IReadOnlyList<Lease> leases, DateTimeOffset until, CancellationToken cancellation);

    protected abstract Task ReleaseAsync(IReadOnlyList<Lease> leases, DateTimeOffset now, CancellationToken cancellation);

    protected abstract Task PurgeAsync(DateTimeOffset before, CancellationToken cancellation);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var work = Channel.CreateUnbounded<TItem>(new UnboundedChannelOptions { SingleWriter = true });
        var done = Channel.CreateUnbounded<TCompletion>();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkLoopAsync(work.Reader, done.Writer, stopping), CancellationToken.None)).ToList();
        var completer = Task.Run(() => CompleteLoopAsync(done.Reader), CancellationToken.None);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = Task.Run(() => HeartbeatAsync(heartbeatStop.Token), CancellationToken.None);
        var purged = DateTimeOffset.MinValue;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var room = (concurrency * 4) - held.Count;
                var claimed = 0;
                if (room > 0)
                {
                    try
                    {
                        var now = Time.GetUtcNow();
                        foreach (var item in await ClaimAsync(room, now, now + Options.Lease, stopping))
                        {
                            held[LeaseOf(item).Id] = LeaseOf(item);
                            work.Writer.TryWrite(item);
                            claimed++;
                        }
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (Exception e)
                    {
                        Logger.LogWarning("Cannot claim from the queue ({Reason}); trying again in {Poll}", e.Message, Options.Poll);
                    }
                }

                if (Time.GetUtcNow() - purged > PurgeEvery)
                {
                    purged = Time.GetUtcNow();
                    await PurgeQuietlyAsync(stopping);
                }

                if (claimed > 0 && claimed == room)
                {
                    continue; // more may be due
                }

                try
                {
                    await signal.WaitAsync(Options.Poll, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            work.Writer.TryComplete();
            await Task.WhenAll(workers);
            done.Writer.TryComplete();
            await completer;
            await heartbeatStop.CancelAsync();
            await heartbeat;
            await ReleaseUnstartedAsync();
        }
    }

    private async Task WorkLoopAsync(ChannelReader<TItem> work, ChannelWriter<TCompletion> done, CancellationToken stopping)
    {
        await foreach (var item in work.ReadAllAsync(CancellationToken.None))
        {
            var lease = LeaseOf(item);
            if (stopping.IsCancellationRequested)
            {
                continue; // not started: given back when the worker stops
            }

            started[lease.Id] = true;
            try
            {
                done.TryWrite(await WorkAsync(item, lease, stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping in the middle: the row keeps its lease and is worked again after it expires.
                held.TryRemove(lease.Id, out _);
                started.TryRemove(lease.Id, out _);
            }
        }
    }

    /// <summary>Writes finished rows' outcomes, all that are waiting in one transaction.</summary>
    private async Task CompleteLoopAsync(ChannelReader<TCompletion> done)
    {
        var batch = new List<TCompletion>();
        while (await done.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 256 && done.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await CompleteAsync(batch, CancellationToken.None);
                    break;
                }
                catch (Exception e) when (attempt < 5)
                {
                    Logger.LogWarning("Cannot record {Count} finished queue items ({Reason}); trying again", batch.Count, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), Time);
                }
                catch (Exception e)
                {
                    // Their leases expire and they are worked again (idempotently): nothing is lost.
                    Logger.LogError("Cannot record {Count} finished queue items ({Reason}); they will be worked again after their leases expire", batch.Count, e.Message);
                    break;
                }
            }

            foreach (var completion in batch)
            {
                held.TryRemove(LeaseOf(completion).Id, out _);
                started.TryRemove(LeaseOf(completion).Id, out _);
            }

            signal.Wake(); // room to claim more
        }
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        var every = Options.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, Time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var leases = held.Values.ToList();
            if (leases.Count == 0)
            {
                continue;
            }

            try
            {
                foreach (var lost in await RenewAsync(leases, Time.GetUtcNow() + Options.Lease, CancellationToken.None))
                {
                    Logger.LogWarning("Lost the lease on queue item {Id}: another worker took it after it expired", lost);
                }
            }
            catch (Exception e)
            {
                Logger.LogWarning("Cannot renew {Count} leases ({Reason})", leases.Count, e.Message);
            }
        }
    }

    private async Task ReleaseUnstartedAsync()
    {
        var unstarted = held.Values.Where(l => !started.ContainsKey(l.Id)).ToList();
        if (unstarted.Count == 0)
        {
            return;
        }

        try
        {
            await ReleaseAsync(unstarted, Time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e)
        {
            Logger.LogWarning("Cannot give back {Count} queue items on stopping ({Reason}); they are taken again when their leases expire", unstarted.Count, e.Message);
        }
    }

    private async Task PurgeQuietlyAsync(CancellationToken stopping)
    {
        try
        {
            await PurgeAsync(Time.GetUtcNow() - Options.Retention, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning("Cannot purge finished queue items ({Reason})", e.Message);
        }
    }
}
