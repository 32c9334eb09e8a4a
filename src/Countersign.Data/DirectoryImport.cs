using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Data;

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
        if (parsed.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return (parsed.Diagnostics, parsed.Directory);
        }

        // People an identity provider manages over SCIM stay beside the file's: the directory after the import must
        // pass the same uniqueness check as the file alone (and as every SCIM write).
        var conflicts = await database.WriteAsync(async scope =>
        {
            var kept = await OrgStore.RetainedScimPeopleAsync(scope, parsed.Directory);
            var merged = new OrgDirectory(parsed.Directory.Levels, parsed.Directory.Teams, [.. kept, .. parsed.Directory.People], parsed.Directory.Bots);
            var found = IdentityClaims.ConflictsIn(merged)
                .Select(c => Diagnostic.Error(source, $"{c} (provisioned over SCIM): it will not be resolved to either"))
                .ToList();
            if (found.Count == 0)
            {
                await OrgStore.ImportAsync(scope, parsed.Directory, actor, source);
            }

            return found;
        }, now, cancellation);
        return ([.. parsed.Diagnostics, .. conflicts], parsed.Directory);
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
