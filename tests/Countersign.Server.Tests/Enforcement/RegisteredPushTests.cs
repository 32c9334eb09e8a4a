using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Enforcement;

/// <summary>
/// Real <c>git push</c>es into a bare repository whose pre-receive hook decides with a server that builds the
/// repository's changes itself: the hook sends the quarantined objects as a bundle, never facts, and the server builds
/// the pushed update from its own mirror. A force push and a branch deletion get clear answers.
/// </summary>
public sealed class RegisteredPushTests
{
    [Fact]
    public async Task A_push_to_a_registered_repository_is_built_by_the_server_refused_while_pending_and_accepted_once_signed_off()
    {
        await using var fixture = await PushFixture.StartAsync();
        var (shop, bare) = (fixture.Shop, fixture.Bare);
        var oldMain = Tip(bare.Path, "main");

        var rejected = fixture.Push($"{PolicyShop.Feature}:main");
        Assert.True(rejected.Code != 0, rejected.Output);
        Assert.Contains("sent the pushed objects to the server", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("ai-below-senior: pending", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("Erin Senior", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("push rejected", rejected.Output, StringComparison.Ordinal);
        Assert.Equal(oldMain, Tip(bare.Path, "main"));
        var pushed = Assert.Single(await fixture.ChangesAsync());
        Assert.Equal("pending", pushed.Status);
        Assert.Equal(Tip(shop.Path, PolicyShop.Feature), pushed.HeadSha);

        // The server took the objects into its mirror under refs of its own; the remote's main is untouched there.
        var mirror = fixture.MirrorPath;
        Assert.Contains(GitBundleRefs(mirror), r => r.StartsWith("refs/countersign/incoming/", StringComparison.Ordinal));
        Assert.Equal(oldMain, Tip(mirror, "refs/heads/main"));

        // The pull request is registered and signed off on the server (built from its mirror); the same content pushes.
        string[] remote = ["--server", fixture.Server.Address.ToString(), "--repository-name", "acme/shop"];
        Assert.Equal(1, shop.Run(["check", "--base", "main", "--head", PolicyShop.Feature, "--change", "pr/7", "--token", fixture.Ci, .. remote]).ExitCode);
        var approved = shop.Run(["approve", "--base", "main", "--head", PolicyShop.Feature, "--change", "pr/7", "--token", fixture.Erin, .. remote]);
        Assert.True(approved.ExitCode == 0, approved.Stderr);
        var accepted = fixture.Push($"{PolicyShop.Feature}:main");
        Assert.True(accepted.Code == 0, accepted.Output);
        Assert.Equal(Tip(shop.Path, PolicyShop.Feature), Tip(bare.Path, "main"));

        // A change that needs no sign-off (a senior's documentation fix) goes straight through.
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("docs: typo", new Dictionary<string, string> { ["docs/index.md"] = "# Docs!\n" }, author: PolicyShop.Sam);
        var human = fixture.Push($"{PolicyShop.Feature}:main");
        Assert.True(human.Code == 0, human.Output);
        Assert.Equal(Tip(shop.Path, PolicyShop.Feature), Tip(bare.Path, "main"));
    }

    [Fact]
    public async Task A_force_push_to_a_registered_repository_is_judged_by_what_it_leaves_and_says_history_was_rewritten()
    {
        await using var fixture = await PushFixture.StartAsync();
        var shop = fixture.Shop;

        // main gets a senior's fix; then it is rewritten: the fix dropped, and an AI change by a junior in its place.
        shop.Repo.Commit("docs: typo", new Dictionary<string, string> { ["docs/index.md"] = "# Docs!\n" }, author: PolicyShop.Sam);
        Assert.Equal(0, fixture.Push("main").Code);
        var oldMain = Tip(fixture.Bare.Path, "main");
        shop.Repo.Git("checkout -q -b rewrite main~1");
        shop.Repo.Commit("payments: retries\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/retry.go"] = "package payments\n\nfunc Retry() {}\n" }, author: PolicyShop.Dana);
        var forced = fixture.Push("+rewrite:main");
        Assert.True(forced.Code != 0, forced.Output);
        Assert.Contains("history rewritten", forced.Output, StringComparison.Ordinal);
        Assert.Contains("ai-below-senior: pending", forced.Output, StringComparison.Ordinal);
        Assert.Equal(oldMain, Tip(fixture.Bare.Path, "main"));
    }

    [Fact]
    public async Task Deleting_a_protected_branch_of_a_registered_repository_is_refused_and_an_unprotected_one_goes()
    {
        await using var fixture = await PushFixture.StartAsync();
        var refused = fixture.Push(":main");
        Assert.True(refused.Code != 0, refused.Output);
        Assert.Contains("deleting it is not allowed", refused.Output, StringComparison.Ordinal);

        var created = fixture.Push($"{PolicyShop.Feature}:refs/heads/topic");
        Assert.True(created.Code == 0, created.Output);
        var deleted = fixture.Push(":topic");
        Assert.True(deleted.Code == 0, deleted.Output);
    }

    [Fact]
    public async Task A_bundle_that_is_not_one_or_builds_on_unknown_commits_is_refused_and_stores_nothing()
    {
        await using var fixture = await PushFixture.StartAsync();
        using var ci = fixture.Server.Client(fixture.Ci);
        var garbage = new ByteArrayContent("not a bundle"u8.ToArray());
        garbage.Headers.ContentType = new("application/x-git-bundle");
        var notBundle = await ci.PostAsync("api/v1/repositories/acme/shop/bundles", garbage);
        Assert.Equal(HttpStatusCode.BadRequest, notBundle.StatusCode);
        Assert.Contains("not a git bundle", await notBundle.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A bundle of a commit whose parent the repository never had.
        using var stranger = TempGitRepo.Create();
        stranger.Commit("one", new Dictionary<string, string> { ["a.txt"] = "a\n" });
        stranger.Commit("two", new Dictionary<string, string> { ["a.txt"] = "b\n" });
        TempGitRepo.RunGit(stranger.Path, "bundle create -q stranger.bundle main ^main~1");
        var foreign = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(stranger.Path, "stranger.bundle")));
        foreign.Headers.ContentType = new("application/x-git-bundle");
        var unknown = await ci.PostAsync("api/v1/repositories/acme/shop/bundles", foreign);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains(Tip(stranger.Path, "main~1"), await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(GitBundleRefs(fixture.MirrorPath), r => r.StartsWith("refs/countersign/", StringComparison.Ordinal));

        var json = await ci.PostAsync("api/v1/repositories/acme/shop/bundles", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        var unregistered = new ByteArrayContent("x"u8.ToArray());
        unregistered.Headers.ContentType = new("application/x-git-bundle");
        Assert.Equal(HttpStatusCode.NotFound, (await ci.PostAsync("api/v1/repositories/acme/other/bundles", unregistered)).StatusCode);
    }

    private static string Tip(string repository, string revision) => TempGitRepo.RunGit(repository, $"rev-parse {revision}").Trim();

    private static IReadOnlyList<string> GitBundleRefs(string mirror) =>
        TempGitRepo.RunGit(mirror, "for-each-ref --format=%(refname)").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A server with acme/shop registered over file:// to a bare repository whose hook decides with it.</summary>
    private sealed class PushFixture : IAsyncDisposable
    {
        private PushFixture(TestServer server, PolicyShop shop, TempGitRepo bare, string ci, string erin)
        {
            (Server, Shop, Bare, Ci, Erin) = (server, shop, bare, ci, erin);
        }

        public TestServer Server { get; }

        public PolicyShop Shop { get; }

        public TempGitRepo Bare { get; }

        public string Ci { get; }

        public string Erin { get; }

        public string MirrorPath => Server.App.Services.GetRequiredService<MirrorStore>().PathOf("acme/shop");

        public static async Task<PushFixture> StartAsync()
        {
            var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
            {
                Mirrors = new MirrorOptions { Directory = TempGitRepo.NewTempDirectory("mirrors"), FetchInterval = TimeSpan.Zero },
            });
            await server.ImportOrgAsync(PolicyShop.Org);
            var shop = PolicyShop.Create();
            var bare = TempGitRepo.Create(bare: true);
            shop.Repo.Git($"push -q \"{bare.Path}\" main {PolicyShop.Feature}");
            await Repositories.ServerBuiltChangeTests.RegisterAsync(server, "acme/shop", $"file://{bare.Path}");
            var (code, _, stderr) = CliRunner.Run(bare.Path, "hook", "install", "--server", server.Address.ToString(), "--repository-name", "acme/shop");
            Assert.True(code == 0, stderr);
            return new PushFixture(server, shop, bare, await server.TokenAsync("ci"), await server.TokenAsync("reviewer", "erin"));
        }

        /// <summary>A real <c>git push</c> with the ci token in the hook's environment; stdout and stderr together.</summary>
        public (int Code, string Output) Push(string refspec)
        {
            var psi = new ProcessStartInfo("git", $"push \"{Bare.Path}\" {refspec}")
            {
                WorkingDirectory = Shop.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
            psi.Environment["COUNTERSIGN_TOKEN"] = Ci;
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
        }

        /// <summary>The changes of acme/shop the server holds, each as <c>GET /api/v1/changes/{id}</c> answers.</summary>
        public async Task<IReadOnlyList<ChangeView>> ChangesAsync()
        {
            using var admin = Server.Client();
            var page = (await admin.GetFromJsonAsync<Page<QueueEntry>>("api/v1/changes?repository=acme%2Fshop&limit=500", TestServer.Json))!;
            var views = new List<ChangeView>();
            foreach (var entry in page.Items)
            {
                views.Add((await admin.GetFromJsonAsync<ChangeView>($"api/v1/changes/{entry.Id}", TestServer.Json))!);
            }

            return views;
        }

        public async ValueTask DisposeAsync()
        {
            Shop.Dispose();
            Bare.Dispose();
            await Server.DisposeAsync();
        }
    }
}
