using Countersign.Data;

namespace Countersign.Server.Tests.Data;

/// <summary>The one test of a connection setting that the server, <c>serve</c> and <c>audit verify</c> share.</summary>
public sealed class DatabaseKindTests
{
    [Theory]
    [InlineData("postgres://countersign:secret@db.internal:5432/countersign")]
    [InlineData("postgresql://db.internal/countersign?sslmode=require")]
    [InlineData("PostgreSQL://db.internal/countersign")]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres;Database=countersign")]
    [InlineData("Username=postgres;host=db.internal")]
    public void AUrlOrAKeywordStringNamesPostgreSql(string setting) =>
        Assert.Equal(DatabaseKind.PostgreSql, ServerDatabase.KindOf(setting));

    [Theory]
    [InlineData("server.db")]
    [InlineData("/var/lib/countersign/server.db")]
    [InlineData("Data Source=/var/lib/countersign/server.db")]
    [InlineData("postgres.db")]
    [InlineData("postgres-backup/server.db")]
    public void AnythingElseIsASqliteFileEvenWhenItsNameStartsWithPostgres(string setting) =>
        Assert.Equal(DatabaseKind.Sqlite, ServerDatabase.KindOf(setting));
}
