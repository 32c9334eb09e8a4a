using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Forges.GitLab;

/// <summary>GitLab's part of the server: its deliveries' handler, its verdict publisher and its outbox sender.</summary>
internal static class GitLabServices
{
    public static IServiceCollection AddCountersignGitLab(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options.GitLab);
        services.AddSingleton<IDeliveryHandler, GitLabDeliveryHandler>();
        services.AddSingleton<IVerdictPublisher, GitLabVerdictPublisher>();
        services.AddSingleton<IOutboxSender>(sp => new GitLabOutboxSender(options.GitLab, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
