using Countersign.Server.Forges;

namespace Countersign.QueueReplica;

/// <summary>
/// Records, in its own file per process, each delivery it starts and finishes (<c>start ID</c>, <c>done ID</c>). A
/// delivery of the event <c>hang</c> hangs the first time any process works it (a marker file says it was started),
/// so that the test can kill that process in the middle; the next process to take it finishes it.
/// </summary>
internal sealed class RecordingHandler(string directory) : IDeliveryHandler
{
    private readonly string log = Path.Combine(directory, $"{Environment.ProcessId}.log");
    private readonly Lock gate = new();

    public ForgeKind Source => ForgeKind.GitHub;

    public async Task<DeliveryOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellation)
    {
        Write($"start {delivery.DeliveryId}");
        var marker = Path.Combine(directory, $"hung-{delivery.DeliveryId}");
        if (delivery.Event == "hang" && !File.Exists(marker))
        {
            await File.WriteAllTextAsync(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellation);
            await Task.Delay(Timeout.Infinite, cancellation);
        }

        Write($"done {delivery.DeliveryId}");
        return new DeliveryOutcome.Done($"worked by process {Environment.ProcessId}");
    }

    private void Write(string line)
    {
        lock (gate)
        {
            File.AppendAllText(log, line + "\n");
        }
    }
}
