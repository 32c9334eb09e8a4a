using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Hosting;

/// <summary>
/// What runs once before the server listens (the database migrated, the signing key loaded, the first admin token
/// provisioned) and just after (the audit log verified). Each failure that must stop the server is an
/// <see cref="InvalidOperationException"/> with the reason.
/// </summary>
internal static class ServerStartup
{
    /// <summary>Opens the database and applies migrations (safely when replicas start together).</summary>
    public static async Task<ServerDatabase> OpenDatabaseAsync(ServerOptions options)
    {
        ServerDatabase database;
        try
        {
            database = ServerDatabase.Open(options.Database);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        try
        {
            await Migrations.ApplyAsync(database);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await database.DisposeAsync();
            throw new InvalidOperationException($"cannot prepare the database ({database.Description}): {e.Message}", e);
        }

        return database;
    }

    /// <summary>Loads the attestation key from the file, or from the database (creating it on first start).</summary>
    public static async Task<AttestationSigner> LoadSignerAsync(ServerDatabase database, ServerOptions options)
    {
        try
        {
            return await AttestationSigner.LoadAsync(database, options.SigningKeyFile);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            await database.DisposeAsync();
            throw new InvalidOperationException($"cannot read the signing key from the database ({database.Description}): {e.Message}", e);
        }
    }

    /// <summary>Provisions the configured admin token, or on a first start with no token writes a new one to the token file.</summary>
    public static async Task ProvisionAdminAsync(WebApplication app, ServerOptions options)
    {
        var tokens = app.Services.GetRequiredService<TokenStore>();
        try
        {
            if (options.AdminToken is { } adminToken)
            {
                await tokens.EnsureAdminAsync(adminToken, CancellationToken.None);
            }
            else if (options.AdminTokenFile is { } file && await tokens.CreateFirstAdminAsync(CancellationToken.None) is { } created)
            {
                await WriteSecretAsync(file, created.Secret);
                app.Logger.LogWarning("No API token existed: created admin token {TokenId}, written to {File} (readable by this user only); store it and delete the file", created.Token.Id, file);
            }
        }
        catch (AuditHeadException e)
        {
            // A tampered log is reported (verify, dashboard, metrics), not a reason to stay down.
            app.Logger.LogError("Could not provision the admin token: {Reason}", e.Message);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"cannot provision the first admin token: {e.Message}", e);
        }
    }

    /// <summary>
    /// Verifies the audit log once the server is listening (it does not delay start-up, and a tampered log does not stop
    /// it): the outcome goes to the log and to the <c>countersign_audit_problems</c> gauge.
    /// </summary>
    public static void VerifyAuditInBackground(WebApplication app)
    {
        var audit = app.Services.GetRequiredService<AuditStore>();
        var stopping = app.Lifetime.ApplicationStopping;
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                var verification = await audit.VerifyAsync(null, stopping);
                if (!verification.Valid)
                {
                    app.Logger.LogError(
                        "The audit log fails verification: {Count} problem(s), the first: {First}. Run `countersign audit verify` for all of them",
                        verification.ProblemCount, verification.Problems.Count > 0 ? verification.Problems[0].Explanation : "");
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                app.Logger.LogWarning("Could not verify the audit log at start-up: {Reason}", e.Message);
            }
        }, stopping));
    }

    private static async Task WriteSecretAsync(string path, string secret)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(full, streamOptions);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(secret);
    }
}
