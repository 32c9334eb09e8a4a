using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Countersign.Contracts;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// What lets a repeated registration (CI re-running check on a change that has not moved) be answered from one read.
/// A registration is known by a fingerprint — the hash of the request body as sent, or of the documents a registration
/// stores — filed with the change it registered and the audit head it was checked at. Every state change appends to the
/// audit chain, so while the head has not moved, the database holds exactly what it held then: the same body registers
/// the same content onto the same change, and only the evaluation (which depends on the time) runs again. A new
/// sign-off, directory version, policy or revision moves the head, and the next request takes the full path again.
/// </summary>
public sealed class RepeatedRegistrations
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, Seen> seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> serverBuilt = new(StringComparer.Ordinal);
    // Keyed by the instance (a server-built registration comes from the build cache as the same object every time):
    // the registration was validated and its documents serialised and hashed once.
    private readonly ConditionalWeakTable<ChangeRegistration, RegisteredDocuments> prepared = new();
    private int answered;

    /// <summary>How many registrations were answered from here (for tests and the benchmark's reading of them).</summary>
    internal int Answered => answered;

    /// <summary>Files <paramref name="fingerprint"/> as registering change <paramref name="changeId"/> unchanged at audit head <paramref name="head"/>.</summary>
    /// <param name="fingerprint">The body's or the documents' hash.</param>
    /// <param name="head">The audit head read before the registration was checked.</param>
    /// <param name="changeId">The change it registered.</param>
    public void Remember(string fingerprint, long? head, long changeId)
    {
        if (head is not { } version)
        {
            return;
        }

        if (seen.Count >= MaxEntries)
        {
            seen.Clear();
        }

        seen[fingerprint] = new Seen(version, changeId);
    }

    /// <summary>Files <paramref name="fingerprint"/> as a body asking the server to build the change (never answered from here).</summary>
    /// <param name="fingerprint">The body's hash.</param>
    public void ServerBuilt(string fingerprint)
    {
        if (serverBuilt.Count >= MaxEntries)
        {
            serverBuilt.Clear();
        }

        serverBuilt[fingerprint] = true;
    }

    /// <summary>Whether <paramref name="fingerprint"/> is a body that asked the server to build the change.</summary>
    /// <param name="fingerprint">The body's hash.</param>
    public bool IsServerBuilt(string fingerprint) => serverBuilt.ContainsKey(fingerprint);

    /// <summary>The change and head <paramref name="fingerprint"/> was last seen at, if it was.</summary>
    internal bool TryGet(string fingerprint, out Seen entry) => seen.TryGetValue(fingerprint, out entry!);

    internal void Answer() => Interlocked.Increment(ref answered);

    /// <summary>The documents of a registration instance already validated and hashed, if it was.</summary>
    internal bool TryPrepared(ChangeRegistration registration, out RegisteredDocuments documents) => prepared.TryGetValue(registration, out documents!);

    internal void Prepared(ChangeRegistration registration, RegisteredDocuments documents) => prepared.AddOrUpdate(registration, documents);

    /// <summary>The fingerprint of a registration's stored content: repository, key and the documents' hashes.</summary>
    internal static string Fingerprint(ChangeRegistration registration, RegisteredDocuments documents) =>
        string.Join('\u001e', "documents", registration.Repository, registration.Facts.Key, documents.FactsHash, documents.PolicyHash);

    internal sealed record Seen(long Head, long ChangeId);
}
