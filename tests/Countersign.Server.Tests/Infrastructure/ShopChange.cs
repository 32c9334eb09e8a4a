using Countersign.Engine.Enforcement;
using Countersign.Engine.Changes;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Git;
using Countersign.Contracts;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>Dana's AI-assisted change to payments as the CLI would send it, built from a real repository.</summary>
internal static class ShopChange
{
    public const string Repository = "acme/shop";

    public static ChangeRegistration Registration(PolicyShop shop, string key, string head = PolicyShop.Feature)
    {
        var repository = GitRepository.Open(shop.Path);
        var trusted = TrustedConfiguration.Load(repository, "main");
        var (_, bundle) = PolicyFile.LoadWithBundle(repository, "main", null, trusted.Directory, shop.Path);
        var change = new ChangeBuilder(repository).Build(new ChangeRequest("main", head, key) { TargetBranch = "main", SourceBranch = head }, trusted).Change;
        return new ChangeRegistration(Repository, change, bundle!, trusted.MailmapText);
    }
}
