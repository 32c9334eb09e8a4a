using Countersign.Contracts;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>Registers the repositories the server builds changes of, and lists them with their mirrors' state.</summary>
public sealed class RepositoryService(ServerDatabase database, TimeProvider time)
{
    /// <summary>Registers (or re-points) a repository; returns it and whether it is new, or a 400 naming the field at fault.</summary>
    /// <param name="registration">The registration.</param>
    /// <param name="actor">The admin token registering it.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    public async Task<Outcome<(RepositoryView View, bool Created)>> RegisterAsync(RepositoryRegistration registration, string actor, CancellationToken cancellation)
    {
        if (RepositoryAddress.Check(registration) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(scope => RepositoryStore.RegisterAsync(scope, registration, actor), time.GetUtcNow(), cancellation);
    }

    public async Task<IReadOnlyList<RepositoryView>> ListAsync(CancellationToken cancellation) =>
        await database.ReadAsync(RepositoryStore.ListAsync, cancellation);

    /// <summary>The repository, or a 404 saying its changes are built by CI.</summary>
    /// <param name="name">The repository's name.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<Outcome<RepositoryView>> FindAsync(string name, CancellationToken cancellation) =>
        await database.ReadAsync(c => RepositoryStore.FindAsync(c, name), cancellation) is { } view
            ? view
            : new Problem.NotFound($"{Countersign.Core.Text.UntrustedText.ForTerminal(name, 200)} is not registered: its changes are built by CI and sent with their facts");
}
