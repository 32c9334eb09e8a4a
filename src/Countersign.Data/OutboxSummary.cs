namespace Countersign.Data;

/// <summary>An outbox message as an operator sees it.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Target">The forge.</param>
/// <param name="Kind">What kind of call.</param>
/// <param name="Slot">What it is about.</param>
/// <param name="State">Its state.</param>
/// <param name="Attempts">How many times a worker took it.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="NextAt">When it is due (working: when its lease ends).</param>
/// <param name="SentAt">When it was sent, if it was.</param>
/// <param name="LastStatus">The forge's last answer, in one line.</param>
/// <param name="LastError">Why the last attempt did not send it.</param>
/// <param name="Response">The forge's answer to the send, as JSON text.</param>
/// <param name="Payload">The payload, as JSON text.</param>
internal sealed record OutboxSummary(
    long Id, string Target, string Kind, string Slot, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAt, DateTimeOffset? SentAt,
    string? LastStatus, string? LastError, string? Response, string Payload);
