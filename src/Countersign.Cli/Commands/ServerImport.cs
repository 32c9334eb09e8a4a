using Countersign.Core.Diagnostics;
using Countersign.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Cli.Commands;

/// <summary>Imports an org.yaml and a catalog into a running server's database at start-up (<c>serve --import-…</c>, the demo).</summary>
internal static class ServerImport
{
    public static async Task<int> RunAsync(CliContext context, WebApplication app, string? orgFile, string? catalogFile)
    {
        var database = app.Services.GetRequiredService<ServerDatabase>();
        var now = context.Time.GetUtcNow();
        try
        {
            if (orgFile is not null)
            {
                var (diagnostics, _) = await DirectoryImport.OrgAsync(database, now, await File.ReadAllTextAsync(Path.GetFullPath(orgFile, context.WorkingDirectory)), orgFile, "cli:serve", CancellationToken.None);
                if (Report(context, diagnostics))
                {
                    return context.Fail(ExitCodes.UsageOrConfig, $"{orgFile} has errors; the directory was not imported");
                }
            }

            if (catalogFile is not null)
            {
                var (diagnostics, _) = await DirectoryImport.CatalogAsync(database, now, await File.ReadAllTextAsync(Path.GetFullPath(catalogFile, context.WorkingDirectory)), catalogFile, "cli:serve", CancellationToken.None);
                if (Report(context, diagnostics))
                {
                    return context.Fail(ExitCodes.UsageOrConfig, $"{catalogFile} has errors; the catalog was not imported");
                }
            }
        }
        catch (IOException e)
        {
            return context.Fail(ExitCodes.UsageOrConfig, e.Message);
        }

        return ExitCodes.Success;
    }

    private static bool Report(CliContext context, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            context.Note($"{d}");
        }

        return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    }
}
