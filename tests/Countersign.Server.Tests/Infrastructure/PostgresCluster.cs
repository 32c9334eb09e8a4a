[assembly: AssemblyFixture(typeof(Countersign.Server.Tests.Infrastructure.PostgresCluster))]

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// The test assembly's one fixture: when the last test has run, stops the throwaway PostgreSQL cluster
/// <see cref="Postgres"/> started (if it started one), before the runner exits.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    public void Dispose() => Postgres.Stop();
}
