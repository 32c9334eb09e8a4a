using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Countersign.Contracts;
using Countersign.Core.Text;
using Countersign.Data;
using Countersign.Engine.Changes;
using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Server.Evaluation;
using Countersign.Server.Repositories;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Forges;

/// <summary>
/// Acts on forge events with the engine, whichever forge sent them: a request's change built by the server from its
/// own mirror (never from the payload's word), reviews as sign-offs (<see cref="ForgeReviews"/>), re-evaluation of open
/// requests after a push to the default branch changed the trusted configuration, merge groups, installations; then
/// publishes the verdict (<see cref="VerdictPublishing"/>). Every step is idempotent: a redelivered or re-worked event
/// finds what it did recorded (requests by number, reviews by id, verdicts by hash) and changes nothing more.
/// </summary>
public sealed class ForgeEventProcessor(
    ServerDatabase database,
    ServerBuiltChanges builds,
    RepositoryLookup lookup,
    RepositoryService repositories,
    MirrorStore mirrors,
    ChangeService changes,
    ForgeReviews reviews,
    VerdictPublishing publishing,
    TimeProvider time,
    ILogger<ForgeEventProcessor> log)
{
    /// <summary>Works one event; idempotent (a redelivered or re-worked event changes nothing more).</summary>
    /// <param name="forgeEvent">The event.</param>
    /// <param name="cancellation">Cancels the work (the queue takes the delivery again).</param>
    public async Task<DeliveryOutcome> HandleAsync(ForgeEvent forgeEvent, CancellationToken cancellation) => forgeEvent switch
    {
        ForgeEvent.RequestChanged changed => await RequestChangedAsync(changed, cancellation),
        ForgeEvent.RequestClosed closed => await RequestClosedAsync(closed, cancellation),
        ForgeEvent.Reviewed reviewed => await ReviewedAsync(reviewed, cancellation),
        ForgeEvent.Pushed pushed => await PushedAsync(pushed, cancellation),
        ForgeEvent.Rerequested rerequested => await RerequestedAsync(rerequested, cancellation),
        ForgeEvent.MergeGroup group => await MergeGroupAsync(group, cancellation),
        ForgeEvent.Installed installed => await InstalledAsync(installed, cancellation),
        _ => new DeliveryOutcome.Ignored($"{forgeEvent.GetType().Name}: not acted on"),
    };

    private async Task<DeliveryOutcome> RequestChangedAsync(ForgeEvent.RequestChanged changed, CancellationToken cancellation)
    {
        if (await RepositoryAsync(changed.Forge, changed.Repository, cancellation) is not { } repository)
        {
            return NotRegistered(changed.Repository);
        }

        var request = changed.Request;
        var labels = request.Labels.Take(ChangeBuilder.MaxLabels).Select(l => UntrustedText.Bound(l, 200)).ToList();
        var row = new ForgeRequestRow
        {
            Forge = VerdictPublishing.ForgeName(changed.Forge),
            Repository = repository.Name,
            Number = request.Number,
            ChangeKey = ForgeConventions.ChangeKey(changed.Forge, request.Number),
            Title = request.Title,
            Body = request.Body,
            BodyHash = request.Body is { } body ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) : null,
            BaseRef = Branch(request.BaseRef),
            HeadRef = Branch(request.HeadRef),
            HeadSha = request.HeadSha,
            State = "open",
            Draft = request.Draft ? 1 : 0,
            Labels = JsonSerializer.Serialize(labels),
            AuthorLogin = UntrustedText.Bound(request.Author.Login, 100),
            Installation = changed.Repository.Installation,
        };
        await database.WriteAsync(scope => ForgeStore.SaveRequestAsync(scope, row, changed.Action, ForgeConventions.Actor(changed.Forge)), time.GetUtcNow(), cancellation);
        return await BuildAndPublishAsync(changed.Forge, changed.Repository, row, cancellation);
    }

    private async Task<DeliveryOutcome> RequestClosedAsync(ForgeEvent.RequestClosed closed, CancellationToken cancellation)
    {
        var done = await database.WriteAsync(
            scope => ForgeStore.CloseRequestAsync(scope, VerdictPublishing.ForgeName(closed.Forge), closed.Repository.FullName, closed.Number, closed.Merged, ForgeConventions.Actor(closed.Forge)),
            time.GetUtcNow(), cancellation);
        return done
            ? new DeliveryOutcome.Done($"{Key(closed.Forge, closed.Number)} {(closed.Merged ? "merged" : "closed")}")
            : new DeliveryOutcome.Ignored($"{Key(closed.Forge, closed.Number)} unknown or already {(closed.Merged ? "merged" : "closed")}");
    }

    private async Task<DeliveryOutcome> ReviewedAsync(ForgeEvent.Reviewed reviewed, CancellationToken cancellation)
    {
        if (reviewed.Verdict == ReviewVerdict.Commented)
        {
            return new DeliveryOutcome.Ignored("a comment is not a review verdict");
        }

        var forge = VerdictPublishing.ForgeName(reviewed.Forge);
        var request = await database.ReadAsync(c => ForgeStore.RequestAsync(c, null, forge, reviewed.Repository.FullName, reviewed.Number), cancellation);
        if (request is null)
        {
            // The review overtook the request's own event: build what the review's payload describes first. (A known
            // request is never rebuilt from a review's payload: an old review worked late must not move it back.)
            if (reviewed.Request is not { } payload)
            {
                return new DeliveryOutcome.Ignored($"{Key(reviewed.Forge, reviewed.Number)} of {Show(reviewed.Repository.FullName)} is not known here");
            }

            var built = await RequestChangedAsync(new ForgeEvent.RequestChanged(reviewed.Forge, reviewed.Repository, payload, "reviewed"), cancellation);
            if (built is not DeliveryOutcome.Done)
            {
                return built;
            }

            request = await database.ReadAsync(c => ForgeStore.RequestAsync(c, null, forge, reviewed.Repository.FullName, reviewed.Number), cancellation);
        }

        if (request is null || await ChangeOfAsync(request, cancellation) is not { } change)
        {
            return new DeliveryOutcome.Ignored($"{Key(reviewed.Forge, reviewed.Number)} has no change built yet");
        }

        var outcome = reviewed.Verdict == ReviewVerdict.Withdrawn
            ? await reviews.WithdrawAsync(reviewed, change.Id, cancellation)
            : await reviews.RecordAsync(reviewed, change.Id, cancellation);
        if (!outcome.Succeeded(out var what, out var problem))
        {
            return Failed(problem);
        }

        var published = await PublishAsync(reviewed.Forge, reviewed.Repository, change.Id, request.Number, change.HeadSha, force: false, cancellation);
        return new DeliveryOutcome.Done($"{what}; {published}");
    }

    /// <summary>
    /// A push to the default branch that changed what every decision reads (policy, directory, CODEOWNERS, catalog,
    /// .mailmap, signatures — judged from the mirror's diff, not the payload's list): every open request rebuilt against
    /// the new tip and republished. Other pushes are left to the request events.
    /// </summary>
    private async Task<DeliveryOutcome> PushedAsync(ForgeEvent.Pushed pushed, CancellationToken cancellation)
    {
        if (!pushed.IsDefaultBranch)
        {
            return new DeliveryOutcome.Ignored($"push to {Show(pushed.Branch)}, not the default branch: request events cover it");
        }

        if (await RepositoryAsync(pushed.Forge, pushed.Repository, cancellation, registerUnknown: false) is not { } repository)
        {
            return NotRegistered(pushed.Repository);
        }

        if (!(await mirrors.FetchAsync(repository, _ => false, cancellation)).Succeeded(out var snapshot, out var unavailable))
        {
            return Failed(unavailable);
        }

        var touched = await Task.Run(() => ConfigurationTouched(snapshot.Repository, pushed.Before, pushed.After), cancellation);
        if (touched.Count == 0)
        {
            return new DeliveryOutcome.Ignored($"push to {Show(pushed.Branch)} changed no configuration");
        }

        var open = await database.ReadAsync(c => ForgeStore.OpenRequestsAsync(c, VerdictPublishing.ForgeName(pushed.Forge), repository.Name), cancellation);
        var outcomes = new List<string>();
        foreach (var request in open)
        {
            var outcome = await BuildAndPublishAsync(pushed.Forge, pushed.Repository, request, cancellation);
            if (outcome is DeliveryOutcome.Retry)
            {
                return outcome;
            }

            outcomes.Add(outcome.Detail);
        }

        return new DeliveryOutcome.Done($"{string.Join(", ", touched.Take(3).Select(Show))} changed: {open.Count} open request(s) re-evaluated{(outcomes.Count > 0 ? ": " + string.Join("; ", outcomes) : "")}");
    }

    private async Task<DeliveryOutcome> RerequestedAsync(ForgeEvent.Rerequested rerequested, CancellationToken cancellation)
    {
        var forge = VerdictPublishing.ForgeName(rerequested.Forge);
        var name = rerequested.Repository.FullName;
        var (requests, published) = await database.ReadAsync(async c =>
            (await ForgeStore.RequestsByHeadAsync(c, forge, name, rerequested.HeadSha), await ForgeStore.PublishedAsync(c, forge, name, rerequested.HeadSha)), cancellation);
        if (requests.FirstOrDefault() is { } request && await ChangeOfAsync(request, cancellation) is { } change)
        {
            return new DeliveryOutcome.Done(await PublishAsync(rerequested.Forge, rerequested.Repository, change.Id, request.Number, rerequested.HeadSha, force: true, cancellation));
        }

        if (published is { } last)
        {
            return new DeliveryOutcome.Done(await PublishAsync(rerequested.Forge, rerequested.Repository, last.ChangeId, last.Number, rerequested.HeadSha, force: true, cancellation));
        }

        return new DeliveryOutcome.Ignored($"no request or merge group of {Show(name)} has head {Show(rerequested.HeadSha)}");
    }

    /// <summary>
    /// A merge queue's group: its head built against its base as a change of its own (<c>merge_group/…</c>) and
    /// published on the group's head. What counts for it: the sign-offs given for its content — a group of one request
    /// has that request's patch identity, so the request's sign-offs count (a sign-off is found by its patch identity as
    /// well as its key); a group of several requests has content of its own and needs sign-offs for it.
    /// </summary>
    private async Task<DeliveryOutcome> MergeGroupAsync(ForgeEvent.MergeGroup group, CancellationToken cancellation)
    {
        if (group.Action != "checks_requested")
        {
            return new DeliveryOutcome.Ignored($"merge group {Show(group.Action)}: nothing to evaluate");
        }

        if (await RepositoryAsync(group.Forge, group.Repository, cancellation) is not { } repository)
        {
            return NotRegistered(group.Repository);
        }

        var request = new ChangeBuildRequest(repository.Name, ForgeConventions.MergeGroupKey(group.HeadRef), group.BaseSha, group.HeadSha)
        {
            TargetBranch = Branch(group.BaseRef),
            SourceBranch = Branch(group.HeadRef),
        };
        var built = await builds.RegisterAsync(request, ForgeConventions.Actor(group.Forge), cancellation);
        if (!built.Succeeded(out var view, out var problem))
        {
            return Failed(problem);
        }

        return new DeliveryOutcome.Done($"{view.Key}: {view.Status}; {await PublishAsync(group.Forge, group.Repository, view.Id, null, group.HeadSha, force: false, cancellation)}");
    }

    /// <summary>An installation's repositories: the added registered (with the installation's credential) and mirrored, the removed recorded.</summary>
    private async Task<DeliveryOutcome> InstalledAsync(ForgeEvent.Installed installed, CancellationToken cancellation)
    {
        var forge = VerdictPublishing.ForgeName(installed.Forge);
        var actor = ForgeConventions.Actor(installed.Forge);
        var added = new List<string>();
        foreach (var repository in installed.Added)
        {
            await database.WriteAsync(scope => ForgeStore.RecordInstallationAsync(scope, forge, repository.FullName, repository.Installation, removed: false, actor), time.GetUtcNow(), cancellation);
            if (await RepositoryAsync(installed.Forge, repository, cancellation) is { } view)
            {
                added.Add(view.Name);
                // The first clone now, not on the first request; a failure (no token yet) is recorded on the repository and retried then.
                if (!(await mirrors.FetchAsync(view, _ => false, cancellation)).Succeeded(out _, out var unavailable))
                {
                    log.LogWarning("Mirroring {Repository} after its installation failed: {Problem}", Show(view.Name), unavailable.Detail);
                }
            }
        }

        foreach (var repository in installed.Removed)
        {
            await database.WriteAsync(scope => ForgeStore.RecordInstallationAsync(scope, forge, repository.FullName, repository.Installation, removed: true, actor), time.GetUtcNow(), cancellation);
        }

        return new DeliveryOutcome.Done($"installation {Show(installed.Action)}: {added.Count} repositories registered, {installed.Removed.Count} removed");
    }

    /// <summary>Builds the request's change from the mirror and publishes its verdict on the request's head.</summary>
    private async Task<DeliveryOutcome> BuildAndPublishAsync(ForgeKind forge, ForgeRepository repository, ForgeRequestRow request, CancellationToken cancellation)
    {
        var build = new ChangeBuildRequest(request.Repository, request.ChangeKey, request.BaseRef, request.HeadSha)
        {
            TargetBranch = request.BaseRef,
            SourceBranch = request.HeadRef,
            Title = request.Title is { } title ? UntrustedText.Bound(title, 1000) : null,
            Labels = JsonSerializer.Deserialize<List<string>>(request.Labels) ?? [],
            Description = request.Body,
        };
        var built = await builds.RegisterAsync(build, ForgeConventions.Actor(forge), cancellation);
        if (!built.Succeeded(out var view, out var problem))
        {
            return Failed(problem);
        }

        return new DeliveryOutcome.Done($"{view.Key} revision {view.Revision}: {view.Status}; {await PublishAsync(forge, repository, view.Id, request.Number, request.HeadSha, force: false, cancellation)}");
    }

    private async Task<string> PublishAsync(ForgeKind forge, ForgeRepository repository, long changeId, int? number, string headSha, bool force, CancellationToken cancellation)
    {
        var outcome = await publishing.PublishAsync(forge, repository, changeId, number, headSha, force, cancellation);
        return !outcome.Succeeded(out var done, out var problem) ? $"not published: {problem.Detail}"
            : done.Published ? $"published on {Show(headSha)}"
            : "nothing new to publish";
    }

    /// <summary>
    /// The repository's registration; an unknown one is registered when the event says how to reach it (a GitHub App
    /// installation, a GitLab project), with its clone URL and the forge's credential reference; null otherwise.
    /// </summary>
    private async Task<RepositoryView?> RepositoryAsync(ForgeKind forge, ForgeRepository repository, CancellationToken cancellation, bool registerUnknown = true)
    {
        var (found, _) = await lookup.FindAsync(repository.FullName, cancellation);
        if (found is not null || !registerUnknown || (forge == ForgeKind.GitHub && repository.Installation is null))
        {
            return found;
        }

        var registration = new RepositoryRegistration(repository.FullName, repository.CloneUrl, ForgeConventions.Credential(forge, repository));
        var registered = await repositories.RegisterAsync(registration, ForgeConventions.Actor(forge), cancellation);
        if (!registered.Succeeded(out var view, out var problem))
        {
            log.LogWarning("Registering {Repository} from a {Forge} event failed: {Problem}", Show(repository.FullName), forge, problem.Detail);
            return null;
        }

        return view.View;
    }

    private async Task<ChangeView?> ChangeOfAsync(ForgeRequestRow request, CancellationToken cancellation) =>
        (await changes.FindAsync(request.Repository, request.ChangeKey, cancellation)).Succeeded(out var view, out _) ? view : null;

    /// <summary>The trusted configuration paths a push changed, read from the mirror (a new branch: everything).</summary>
    private static IReadOnlyList<string> ConfigurationTouched(GitRepository mirror, string before, string after)
    {
        try
        {
            var paths = before.Trim('0').Length == 0
                ? mirror.ListFiles(after)
                : mirror.DiffCommits(before, after).SelectMany(f => f.OldPath is { } old ? new[] { f.Path, old } : [f.Path]).ToList();
            return paths.Where(IsConfiguration).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (GitCommandException e) when (e.IsBadInput)
        {
            // A commit the mirror does not have (a force-push that dropped it): assume the worst and re-evaluate.
            return [PolicyFile.DefaultPath];
        }
    }

    private static bool IsConfiguration(string path) =>
        path.StartsWith(".countersign/", StringComparison.Ordinal)
        || TrustedConfiguration.ConfigurationPaths.Contains(path, StringComparer.Ordinal)
        || path == "catalog-info.yaml" || path.EndsWith("/catalog-info.yaml", StringComparison.Ordinal);

    private static DeliveryOutcome Failed(Problem problem) => problem switch
    {
        Problem.Unavailable or Problem.InsufficientStorage => new DeliveryOutcome.Retry(problem.Detail, TimeSpan.FromSeconds(30)),
        Problem.Invalid invalid => new DeliveryOutcome.Rejected(invalid.Detail),
        _ => new DeliveryOutcome.Ignored($"{problem.Title}: {problem.Detail}"),
    };

    private static DeliveryOutcome NotRegistered(ForgeRepository repository) =>
        new DeliveryOutcome.Ignored($"{Show(repository.FullName)} is not registered, and the event names no installation to register it with");

    private static string Key(ForgeKind forge, int number) => ForgeConventions.ChangeKey(forge, number);

    private static string Branch(string name) => name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name;

    private static string Show(string text) => UntrustedText.ForTerminal(text, 120);
}
