using Countersign.Server.Api;
using Countersign.Server.Auth;
using Countersign.Server.Dashboard;
using Countersign.Data;
using Countersign.Server.Evaluation;
using Countersign.Server.Scim;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using Scalar.AspNetCore;

namespace Countersign.Server.Hosting;

/// <summary>The server's services and routes, by area: data, authentication, the API (REST, SCIM, dashboard).</summary>
internal static class ServiceRegistration
{
    /// <summary>The options, the database and the stores over it, the signing key and the clock.</summary>
    public static IServiceCollection AddCountersignData(this IServiceCollection services, ServerOptions options, ServerDatabase database, AttestationSigner signer)
    {
        services.AddSingleton(options);
        services.AddSingleton<IOptions<ServerOptions>>(Options.Create(options));
        services.AddSingleton(database);
        services.AddSingleton(signer);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<StatisticsStore>();
        services.AddSingleton(sp => new Repositories.MirrorStore(database, options.Mirrors, options.Mirrors.DirectoryFor(options.Database, database.Kind), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Forges.GitHub.InstallationTokens>() is { } tokens ? tokens.SecretAsync : null));
        services.AddSingleton<Repositories.RepositoryService>();
        services.AddSingleton<Repositories.RepositoryLookup>();
        services.AddSingleton<Repositories.ServerBuiltChanges>();
        services.AddSingleton<Repositories.ChangeIntake>();
        services.AddSingleton<Repositories.IncomingBundles>();
        services.AddSingleton<Repositories.ServerBuiltDeploys>();
        services.AddSingleton<Repositories.DeployIntake>();
        services.AddSingleton<Forges.ForgeReviews>();
        services.AddSingleton<Forges.VerdictPublishing>();
        services.AddSingleton<Forges.ForgeEventProcessor>();
        services.AddSingleton<Forges.IDeliveryHandler, Forges.GitHub.GitHubDeliveryHandler>();
        return services;
    }

    /// <summary>
    /// Webhook intake and the durable queues: the stores, the group-commit intake, the delivery and outbox workers, and
    /// <see cref="Forges.IOutbox"/>. Every <see cref="Forges.IDeliveryHandler"/> and <see cref="Forges.IOutboxSender"/>
    /// registered in the container is used (one per forge).
    /// </summary>
    public static IServiceCollection AddCountersignQueues(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options.Webhooks);
        services.AddSingleton(new Forges.Queue.WebhookSecrets(options.Webhooks));
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<Forges.Queue.DeliverySignal>();
        services.AddSingleton<Forges.Queue.OutboxSignal>();
        services.AddSingleton(sp => new Forges.Queue.QueueMetrics(sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton<Forges.Queue.DeliveryIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<Forges.Queue.DeliveryIntake>());
        services.AddSingleton<Forges.Queue.WebhookIntakeServices>();
        services.AddHostedService<Forges.Queue.DeliveryWorker>();
        services.AddHostedService<Forges.Queue.OutboxWorker>();
        services.AddSingleton<Forges.IOutbox, Forges.Queue.DurableOutbox>();
        return services;
    }

    /// <summary>
    /// Countersign as a GitHub App, when <see cref="Forges.GitHub.GitHubOptions.AppId"/> is set: the App's key and
    /// installation tokens, the HTTP client every GitHub call goes through, the outbox sender and the verdict publisher.
    /// </summary>
    public static IServiceCollection AddCountersignGitHub(this IServiceCollection services, ServerOptions options)
    {
        if (!options.GitHub.Enabled)
        {
            return services;
        }

        services.AddHttpClient(Forges.GitHub.InstallationTokens.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(options.GitHub);
        services.AddSingleton(_ => Forges.GitHub.GitHubAppKey.Load(options.GitHub));
        services.AddSingleton<Forges.GitHub.InstallationTokens>();
        services.AddSingleton<Forges.GitHub.GitHubApi>();
        services.AddSingleton<Forges.GitHub.GitHubSender>();
        services.AddSingleton<Forges.IOutboxSender>(sp => sp.GetRequiredService<Forges.GitHub.GitHubSender>());
        services.AddSingleton<Forges.GitHub.GitHubPublisher>();
        services.AddSingleton<Forges.IVerdictPublisher>(sp => sp.GetRequiredService<Forges.GitHub.GitHubPublisher>());
        return services;
    }

    /// <summary>Bearer tokens for the API and SCIM (a dashboard cookie never authorises an API call), the scopes' policies, the failure limiter.</summary>
    public static IServiceCollection AddCountersignAuth(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(sp => new AuthFailureLimiter(sp.GetRequiredService<TimeProvider>(), options.MaxAuthFailuresPerMinute));
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        const string token = TokenAuthenticationHandler.SchemeName;
        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Policies.Register, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Ci, Scopes.Admin))
            .AddPolicy(Scopes.Policies.Read, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.All.ToArray()))
            .AddPolicy(Scopes.Policies.SignOff, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Reviewer).RequireClaim(Scopes.PersonClaim))
            .AddPolicy(Scopes.Policies.Queue, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Reviewer, Scopes.Admin))
            .AddPolicy(Scopes.Policies.Admin, p => p.AddAuthenticationSchemes(token).RequireClaim(Scopes.ScopeClaim, Scopes.Admin));
        return services;
    }

    /// <summary>The services behind the endpoints, JSON conventions, ProblemDetails, OpenAPI, metrics and the dashboard.</summary>
    public static IServiceCollection AddCountersignApi(this IServiceCollection services, ServerOptions options)
    {
        var registry = Metrics.NewCustomRegistry();
        services.AddSingleton(registry);
        services.AddSingleton(new ServerMetrics(registry));
        services.AddSingleton<IAuditObserver>(sp => sp.GetRequiredService<ServerMetrics>());
        services.AddSingleton<ServerEvaluator>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<StoredChanges>();
        services.AddSingleton<RepeatedRegistrations>();
        services.AddSingleton<ChangeService>();
        services.AddSingleton<SignOffService>();
        services.AddSingleton<DeployService>();
        services.AddSingleton<ScimLevel>();
        services.AddSingleton<ScimUsers>();
        services.AddSingleton<ScimGroups>();
        services.ConfigureHttpJsonOptions(o => ServerHost.ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails();
        DashboardSetup.AddDashboard(services, options);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiSecurity>());
        return services;
    }

    /// <summary>The middleware: forwarded headers (behind a proxy), errors as ProblemDetails, metrics, authentication.</summary>
    public static WebApplication UseCountersignPipeline(this WebApplication app, ServerOptions options)
    {
        if (options.BehindProxy)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            // The proxy's address is not known in advance; the operator vouches that only the proxy reaches us.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        app.UseMiddleware<ProblemMiddleware>();
        app.UseMiddleware<RequestTextMiddleware>();
        app.UseStatusCodePages();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
        app.UseMiddleware<AuthFailureMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every route: OpenAPI and its reference, metrics, health, the REST API, SCIM and the dashboard.</summary>
    public static WebApplication MapCountersignApi(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        var statistics = app.Services.GetRequiredService<StatisticsStore>();
        registry.AddBeforeCollectCallback(async cancellation =>
        {
            foreach (var (status, count) in await statistics.ChangesByStatusAsync(cancellation))
            {
                metrics.Queue.WithLabels(status).Set(count);
            }
        });
        var queueMetrics = app.Services.GetRequiredService<Forges.Queue.QueueMetrics>();
        var deliveries = app.Services.GetRequiredService<WebhookDeliveryStore>();
        var outbox = app.Services.GetRequiredService<OutboxStore>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        registry.AddBeforeCollectCallback(cancellation => queueMetrics.ReadDepthAsync(deliveries, outbox, time.GetUtcNow(), cancellation));

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Countersign API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapMetrics("/metrics", registry).AllowAnonymous();
        HealthEndpoints.Map(app);
        ChangeEndpoints.Map(app);
        RepositoryEndpoints.Map(app);
        TokenEndpoints.Map(app);
        DirectoryEndpoints.Map(app);
        AuditEndpoints.Map(app);
        WebhookEndpoints.Map(app);
        ScimEndpoints.Map(app);
        DashboardSetup.MapDashboard(app);
        return app;
    }
}
