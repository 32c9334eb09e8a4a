using System.Text.Json;
using System.Text.Json.Serialization;
using Countersign.Server.Api;
using Countersign.Server.Auth;
using Countersign.Contracts;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;
using Countersign.Server.Logging;
using Countersign.Server.Scim;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Prometheus;
using Scalar.AspNetCore;

namespace Countersign.Server;

/// <summary>
/// Builds the server: migrations applied (safely when replicas start together), the signing key loaded, the first
/// admin token provisioned, then the REST API, SCIM, OpenAPI with a browsable reference, health and metrics.
/// </summary>
public static class ServerHost
{
    /// <summary>The largest request body Kestrel reads (32 MiB); a larger one, chunked or not, is a 413.</summary>
    public const long MaxRequestBodyBytes = 32 * 1024 * 1024;

    /// <summary>
    /// The API's JSON conventions: camelCase, enums by exactly their documented names (no integers, no other case, no
    /// whitespace), durations in ISO 8601, a property given twice is an error rather than "the last one wins".
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new Countersign.Core.Json.StrictEnumConverterFactory());
        options.Converters.Add(new StorableStringConverter());
        options.Converters.Add(new Iso8601DurationConverter());
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.MaxDepth = 64;
    }

    /// <summary>Builds a ready-to-run server. Throws <see cref="InvalidOperationException"/> with the reason when it cannot start.</summary>
    /// <param name="options">How to run.</param>
    public static async Task<WebApplication> CreateAsync(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ServerHost).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", options.LogLevel <= LogLevel.Debug ? options.LogLevel : LogLevel.Warning);
        // Data protection only serves cookies, which the API does not use; its "keys unencrypted" warning is noise here.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // The lifetime's "listening on / press Ctrl+C / content root" lines: serve prints its own one-line banner.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (options.LogLevel == LogLevel.None)
        {
            // No log at all (an embedding host or a test that owns the console).
        }
        else if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            // Plain text, one line per event, with every message neutralised: see NeutralisingConsoleFormatter.
            builder.Logging.AddConsole(o => o.FormatterName = NeutralisingConsoleFormatter.FormatterName)
                .AddConsoleFormatter<NeutralisingConsoleFormatter, ConsoleFormatterOptions>();
        }

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

        AttestationSigner signer;
        try
        {
            signer = await AttestationSigner.LoadAsync(database, options.SigningKeyFile);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            await database.DisposeAsync();
            throw new InvalidOperationException($"cannot read the signing key from the database ({database.Description}): {e.Message}", e);
        }

        var registry = Metrics.NewCustomRegistry();
        var metrics = new ServerMetrics(registry);
        var time = TimeProvider.System;
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(database);
        services.AddSingleton(time);
        services.AddSingleton(signer);
        services.AddSingleton(metrics);
        services.AddSingleton<ServerEvaluator>();
        services.AddSingleton<ChangeService>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<ScimService>();

        services.AddSingleton(new AuthFailureLimiter(time, options.MaxAuthFailuresPerMinute));
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        // The API and SCIM authenticate bearer tokens only: a dashboard cookie never authorises an API call.
        const string token = TokenAuthenticationHandler.SchemeName;
        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Policies.Register, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Ci, Scopes.Admin))
            .AddPolicy(Scopes.Policies.Read, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.All.ToArray()))
            .AddPolicy(Scopes.Policies.SignOff, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Reviewer).RequireClaim(Scopes.PersonClaim))
            .AddPolicy(Scopes.Policies.Queue, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Reviewer, Scopes.Admin))
            .AddPolicy(Scopes.Policies.Admin, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Admin));
        Dashboard.DashboardSetup.AddDashboard(services, options);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiSecurity>());

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            signer.Dispose();
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
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

        VerifyAuditInBackground(app);

        registry.AddBeforeCollectCallback(async cancellation =>
        {
            var counts = await database.ReadAsync(c => Dapper.SqlMapper.QueryAsync<(string Status, long Count)>(c, "SELECT status, COUNT(*) FROM changes GROUP BY status"), cancellation);
            foreach (var (status, count) in counts)
            {
                metrics.Queue.WithLabels(status).Set(count);
            }
        });

        if (options.BehindProxy)
        {
            var forwarded = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions
            {
                ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            };
            // The proxy's address is not known in advance; the operator vouches that only the proxy reaches us.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        app.UseMiddleware<ProblemMiddleware>();
        app.UseMiddleware<RequestTextMiddleware>();
        app.UseStatusCodePages();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
        app.UseMiddleware<AuthFailureMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Countersign API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapMetrics("/metrics", registry).AllowAnonymous();
        HealthEndpoints.Map(app);
        ChangeEndpoints.Map(app);
        AdminEndpoints.Map(app);
        ScimEndpoints.Map(app);
        Dashboard.DashboardSetup.MapDashboard(app);
        return app;
    }

    /// <summary>
    /// Verifies the audit log once the server is listening (it does not delay start-up, and a tampered log does not stop
    /// it): the outcome goes to the log and to the <c>countersign_audit_problems</c> gauge.
    /// </summary>
    private static void VerifyAuditInBackground(WebApplication app)
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
