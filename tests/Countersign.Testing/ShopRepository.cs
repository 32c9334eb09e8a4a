namespace Countersign.Testing;

/// <summary>
/// The shop the enforcement stories of the engine, the CLI and the server are told in: a repository whose main holds
/// the trusted files (org directory, policy, CODEOWNERS, services) committed by Erin, and <see cref="Feature"/>, Dana's
/// AI-assisted change to payments (a <c>Co-Authored-By: Claude</c> trailer). Each story's fixture chooses the files.
/// </summary>
public static class ShopRepository
{
    public const string Feature = "feature/refunds";

    public static readonly (string Name, string Email) Dana = ("Dana Junior", "dana@acme.test");

    public static readonly (string Name, string Email) Erin = ("Erin Senior", "erin@acme.test");

    /// <summary>The moment the stories are told at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A new repository: <paramref name="main"/> committed on main by Erin, then Dana's refund on <see cref="Feature"/>; main checked out.</summary>
    public static TempGitRepo Create(IReadOnlyDictionary<string, string> main)
    {
        var repo = TempGitRepo.Create();
        repo.Commit("Set up the shop", main, author: Erin);
        repo.Git($"checkout -q -b {Feature}");
        repo.Commit("payments: refunds\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n\nfunc Refund() {}\n" }, author: Dana);
        repo.Git("checkout -q main");
        return repo;
    }
}
