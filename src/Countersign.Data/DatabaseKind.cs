namespace Countersign.Data;

/// <summary>The two databases the server runs on: the embedded default and the one for several replicas.</summary>
public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}
