using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Server.Data;

/// <summary>Imports of the org directory (org.yaml) and the catalog, shared by the API and <c>serve --import-…</c>.</summary>
public static class DirectoryImport
{
    /// <summary>Replaces the directory with <paramref name="text"/> unless it has errors; returns every diagnostic.</summary>
    /// <param name="database">The database.</param>
    /// <param name="now">The time of the import.</param>
    /// <param name="text">The org.yaml document.</param>
    /// <param name="source">Its name, for diagnostics and the audit log.</param>
    /// <param name="actor">Who imports it.</param>
    /// <param name="cancellation">Cancels the import.</param>
    public static async Task<(IReadOnlyList<Diagnostic> Diagnostics, OrgDirectory Directory)> OrgAsync(ServerDatabase database, DateTimeOffset now, string text, string source, string actor, CancellationToken cancellation)
    {
        var parsed = OrgDirectoryReader.Read(text, source);
        if (!parsed.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            await database.WriteAsync(async scope =>
            {
                await OrgStore.ImportAsync(scope, parsed.Directory, actor, source);
                return 0;
            }, now, cancellation);
        }

        return (parsed.Diagnostics, parsed.Directory);
    }

    /// <summary>Replaces the catalog with <paramref name="text"/> unless it has errors; returns every diagnostic.</summary>
    /// <param name="database">The database.</param>
    /// <param name="now">The time of the import.</param>
    /// <param name="text">Backstage catalog-info documents.</param>
    /// <param name="source">Its name, for diagnostics.</param>
    /// <param name="actor">Who imports it.</param>
    /// <param name="cancellation">Cancels the import.</param>
    public static async Task<(IReadOnlyList<Diagnostic> Diagnostics, Catalog Catalog)> CatalogAsync(ServerDatabase database, DateTimeOffset now, string text, string source, string actor, CancellationToken cancellation)
    {
        var parsed = CatalogReader.Read([(text, source)]);
        if (!parsed.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            await database.WriteAsync(async scope =>
            {
                await OrgStore.SetSettingAsync(scope, "catalog", text);
                await scope.AuditAsync("catalog.imported", actor, new JsonObject
                {
                    ["source"] = source,
                    ["components"] = parsed.Catalog.Components.Count,
                    ["entities"] = parsed.Catalog.Entities.Count,
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                });
                return 0;
            }, now, cancellation);
        }

        return (parsed.Diagnostics, parsed.Catalog);
    }
}
