using System.Text.Json;
using System.Text.Json.Serialization;
using Countersign.Contracts;
using Countersign.Server.Api;
using Countersign.Server.Forges.GitLab;
using Countersign.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Countersign.Server;

/// <summary>
/// Builds the server: options read and checked, migrations applied (safely when replicas start together), the
/// signing key loaded, the first admin token provisioned, then the REST API, SCIM, OpenAPI with a browsable
/// reference, health, metrics and the dashboard.
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

    /// <summary>
    /// Builds a server configured from the <c>Countersign</c> section of, in rising precedence:
    /// <paramref name="defaults"/>, appsettings.json in <paramref name="contentRoot"/>, <c>COUNTERSIGN__…</c>
    /// environment variables, and <paramref name="overrides"/> (the command line's flags). Throws
    /// <see cref="InvalidOperationException"/> naming the setting or the reason when it cannot start.
    /// </summary>
    /// <param name="contentRoot">Where appsettings.json is read from, and what relative paths are relative to.</param>
    /// <param name="defaults">Settings (<c>Countersign:Database</c> …) used when nothing else gives them.</param>
    /// <param name="overrides">Settings that win over every other source.</param>
    public static Task<WebApplication> CreateAsync(string contentRoot, IReadOnlyDictionary<string, string?> defaults, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = NewBuilder(contentRoot);
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        builder.Configuration.AddInMemoryCollection(overrides);
        return BuildAsync(builder, ServerConfiguration.Read(builder.Configuration, contentRoot), null);
    }

    /// <summary>Builds a server from options already known (an embedding host, tests); they are checked as configuration is.</summary>
    /// <param name="options">How to run.</param>
    public static Task<WebApplication> CreateAsync(ServerOptions options) => CreateAsync(options, null);

    /// <summary>
    /// Builds a server from options already known, with more services (an embedding host's own
    /// <see cref="Forges.IDeliveryHandler"/> or <see cref="Forges.IOutboxSender"/>, a <see cref="TimeProvider"/>).
    /// </summary>
    /// <param name="options">How to run.</param>
    /// <param name="services">Adds or replaces services after the server's own are registered; null: none.</param>
    public static Task<WebApplication> CreateAsync(ServerOptions options, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services)
    {
        var contentRoot = Directory.GetCurrentDirectory();
        return BuildAsync(NewBuilder(contentRoot), ServerConfiguration.Resolve(options, contentRoot), services);
    }

    private static WebApplicationBuilder NewBuilder(string contentRoot) => WebApplication.CreateSlimBuilder(new WebApplicationOptions
    {
        ApplicationName = typeof(ServerHost).Assembly.GetName().Name,
        ContentRootPath = contentRoot,
        // appsettings.json is read once: watching for changes would watch the whole working directory tree.
        Args = ["--hostBuilder:reloadConfigOnChange=false"],
    });

    private static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, ServerOptions options, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services)
    {
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        ServerLogging.Configure(builder.Logging, options);

        var database = await ServerStartup.OpenDatabaseAsync(options);
        var signer = await ServerStartup.LoadSignerAsync(database, options);
        builder.Services
            .AddCountersignData(options, database, signer)
            .AddCountersignAuth(options)
            .AddCountersignApi(options)
            .AddCountersignQueues(options)
            .AddCountersignGitHub(options)
            .AddCountersignGitLab(options);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            signer.Dispose();
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        await ServerStartup.ProvisionAdminAsync(app, options);
        ServerStartup.VerifyAuditInBackground(app);
        app.UseCountersignPipeline(options).MapCountersignApi();
        return app;
    }
}
