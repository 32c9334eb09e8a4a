using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Git;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;

namespace Countersign.Server.Tests.Repositories;

/// <summary>
/// The server's mirrors: bounded on disk, fetched over ssh with a registered key file whose secret goes nowhere else, and
/// shared by server processes that fetch into them at once without damaging them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // key files' modes, an sh script for ssh
public sealed class MirrorTests
{
    [Fact]
    public async Task A_fetch_that_takes_the_mirrors_over_their_cap_answers_507_naming_the_repository_and_the_figures_and_the_mirror_stays_usable()
    {
        using var shop = PolicyShop.Create();
        var probe = TempGitRepo.NewTempDirectory("probe");
        TempGitRepo.RunGit(probe, $"clone -q --mirror \"{shop.Path}\" shop.git");
        var cap = (2 * GitMirror.SizeOnDisk(Path.Combine(probe, "shop.git"))) + (256 * 1024);
        var mirrors = TempGitRepo.NewTempDirectory("mirrors");
        await using var server = await StartAsync(mirrors, new MirrorOptions { MaxBytes = cap });
        using var ci = server.Client(await server.TokenAsync("ci"));
        await ServerBuiltChangeTests.RegisterAsync(server, "acme/shop", $"file://{shop.Path}");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(ci, "pr/1")).StatusCode);

        // 2 MiB that do not compress land on the branch: this fetch takes the mirrors over their cap.
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.WriteBytes("services/payments/fixtures.bin", RandomNumberGenerator.GetBytes(2 * 1024 * 1024));
        var head = shop.Repo.Commit("payments: refund fixtures", new Dictionary<string, string>(), author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        var full = await PostAsync(ci, "pr/2");
        Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
        var problem = JsonNode.Parse(await full.Content.ReadAsStringAsync())!;
        var detail = problem["detail"]!.ToString();
        Assert.Equal("Mirrors full", problem["title"]!.ToString());
        Assert.Contains("acme/shop", detail);
        Assert.Contains($"cap of {cap} bytes", detail);
        Assert.Matches(@"would take \d+ bytes", detail);

        // Recorded on the repository, and refused again before fetching while over the cap.
        var listed = (await ci.GetFromJsonAsync<RepositoryView>("api/v1/repositories/acme/shop", TestServer.Json))!;
        Assert.Equal("failed", listed.FetchOutcome);
        Assert.True(listed.MirrorBytes > cap, $"{listed.MirrorBytes} bytes recorded, cap {cap}");
        var again = await PostAsync(ci, "pr/2");
        Assert.Equal(HttpStatusCode.InsufficientStorage, again.StatusCode);
        Assert.Contains("at or over their cap", await again.Content.ReadAsStringAsync());

        // The mirror is whole: git finds nothing wrong, and a server with room builds the change from it as it stands.
        var mirror = Path.Combine(mirrors, RepositoryAddress.MirrorFolder("acme/shop"));
        TempGitRepo.RunGit(mirror, "fsck --no-dangling --no-progress");
        Assert.Equal(head, TempGitRepo.RunGit(mirror, $"rev-parse refs/heads/{PolicyShop.Feature}").Trim());
        await using var roomier = await StartAsync(mirrors, new MirrorOptions());
        using var roomierCi = roomier.Client(await roomier.TokenAsync("ci"));
        await ServerBuiltChangeTests.RegisterAsync(roomier, "acme/shop", $"file://{shop.Path}");
        var built = await PostAsync(roomierCi, "pr/2");
        Assert.True(built.StatusCode == HttpStatusCode.OK, await built.Content.ReadAsStringAsync());
        Assert.Equal(head, (await built.Content.ReadFromJsonAsync<ChangeView>(TestServer.Json))!.HeadSha);
    }

    [Fact]
    public async Task An_ssh_repository_is_fetched_with_its_key_file_over_git_s_own_protocol_and_the_key_reaches_neither_the_database_nor_the_log()
    {
        using var shop = PolicyShop.Create();
        var secrets = TempGitRepo.NewTempDirectory("ssh-key");
        var key = Path.Combine(secrets, "id_shop");
        var secret = $"countersign-test-key-material-{Guid.NewGuid():N}";
        File.WriteAllText(key, $"-----BEGIN OPENSSH PRIVATE KEY-----\n{secret}\n-----END OPENSSH PRIVATE KEY-----\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var calls = Path.Combine(secrets, "ssh-calls.log");
        var ssh = FakeSsh(secrets, key, calls);
        var database = Path.Combine(TempGitRepo.NewTempDirectory("cs-ssh"), "server.db");
        using var server = await ServerProcess.StartAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--database", database, "--mirrors", TempGitRepo.NewTempDirectory("mirrors")],
            null, TimeSpan.FromSeconds(120),
            new Dictionary<string, string> { ["COUNTERSIGN__Mirrors__SshProgram"] = ssh, ["COUNTERSIGN__Mirrors__FetchInterval"] = "00:00:00" });
        using var admin = Client(server.Address, TestServer.AdminToken);
        Assert.True((await admin.PutAsync("api/v1/org", new StringContent(PolicyShop.Org, Encoding.UTF8, "application/yaml"))).IsSuccessStatusCode);
        var registered = await admin.PostAsJsonAsync("api/v1/repositories",
            new RepositoryRegistration("acme/shop", $"ssh://git@git.shop.invalid{shop.Path}", $"file:{key}"), TestServer.Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var ci = Client(server.Address, await TokenAsync(admin, "ci"));

        var response = await PostAsync(ci, "pr/ssh");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + "\n" + server.Output);
        var view = (await response.Content.ReadFromJsonAsync<ChangeView>(TestServer.Json))!;
        Assert.Equal("server", view.BuiltBy);
        Assert.Equal(shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim(), view.HeadSha);
        // The program was given the key file with -i (it refuses anything else) and ran git-upload-pack on the path.
        Assert.Contains($"key={key} command=git-upload-pack '{shop.Path}'", File.ReadAllText(calls));

        // A key file others may read is refused before ssh runs, saying which file and what to do: 503, recorded.
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var open = await PostAsync(ci, "pr/ssh");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
        var openDetail = JsonNode.Parse(await open.Content.ReadAsStringAsync())!["detail"]!.ToString();
        Assert.Contains($"file:{key}", openDetail);
        Assert.Contains("mode 644", openDetail);
        Assert.Contains("0600", openDetail);
        var repository = (await ci.GetFromJsonAsync<RepositoryView>("api/v1/repositories/acme/shop", TestServer.Json))!;
        Assert.Equal("failed", repository.FetchOutcome);
        Assert.Equal($"file:{key}", repository.Credential);

        // The secret is in no answer, no stored byte and no log line; only the reference to it is.
        await using (var reader = await admin.GetStreamAsync("api/v1/audit?limit=500"))
        {
            Assert.DoesNotContain(secret, await new StreamReader(reader).ReadToEndAsync());
        }

        server.Kill();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!))
        {
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        Assert.Contains("file:" + key, string.Join("", Directory.GetFiles(Path.GetDirectoryName(database)!).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)))));
        Assert.DoesNotContain(secret, server.Output);
        Assert.DoesNotContain(secret, openDetail);
    }

    [Fact]
    public async Task Two_server_processes_sharing_one_mirrors_folder_fetch_and_build_at_once_without_damaging_it()
    {
        using var shop = PolicyShop.Create();
        var mirrors = TempGitRepo.NewTempDirectory("mirrors");
        var database = Path.Combine(TempGitRepo.NewTempDirectory("cs-two"), "server.db");
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", database, "--mirrors", mirrors];
        var environment = new Dictionary<string, string> { ["COUNTERSIGN__Mirrors__FetchInterval"] = "00:00:00" };
        using var first = await ServerProcess.StartAsync(serve, null, TimeSpan.FromSeconds(120), environment);
        using var second = await ServerProcess.StartAsync(serve, null, TimeSpan.FromSeconds(120), environment);
        using var admin = Client(first.Address, TestServer.AdminToken);
        Assert.True((await admin.PutAsync("api/v1/org", new StringContent(PolicyShop.Org, Encoding.UTF8, "application/yaml"))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("api/v1/repositories",
            new RepositoryRegistration("acme/shop", $"file://{shop.Path}", null), TestServer.Json)).StatusCode);
        var token = await TokenAsync(admin, "ci");
        HttpClient[] clients = [Client(first.Address, token), Client(second.Address, token)];

        for (var round = 0; round < 3; round++)
        {
            // The branch moves on the remote; both processes fetch it, three requests each, at once.
            shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
            var head = shop.Repo.Commit($"payments: refunds, step {round}",
                new Dictionary<string, string> { [$"services/payments/refund{round}.go"] = $"package payments\n\nfunc Refund{round}() {{}}\n" }, author: PolicyShop.Dana);
            shop.Repo.Git("checkout -q main");
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync(clients[i % 2], $"pr/{round}-{i}")));
            foreach (var answer in answers)
            {
                var body = await answer.Content.ReadAsStringAsync();
                Assert.True(answer.StatusCode == HttpStatusCode.OK, body + "\n" + first.Output + "\n" + second.Output);
                Assert.Equal(head, JsonNode.Parse(body)!["headSha"]!.ToString());
            }
        }

        var mirror = Path.Combine(mirrors, RepositoryAddress.MirrorFolder("acme/shop"));
        TempGitRepo.RunGit(mirror, "fsck --no-dangling --no-progress");
        Assert.Equal(shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim(), TempGitRepo.RunGit(mirror, $"rev-parse refs/heads/{PolicyShop.Feature}").Trim());
        Assert.Empty(Directory.GetDirectories(mirrors, ".*.tmp"));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_mirror_locked_by_another_process_is_waited_for_and_then_answered_503_not_fetched_into()
    {
        using var shop = PolicyShop.Create();
        var mirrors = TempGitRepo.NewTempDirectory("mirrors");
        await using var server = await StartAsync(mirrors, new MirrorOptions { FetchTimeout = TimeSpan.FromSeconds(5) });
        using var ci = server.Client(await server.TokenAsync("ci"));
        await ServerBuiltChangeTests.RegisterAsync(server, "acme/shop", $"file://{shop.Path}");

        // An open of the lock file of its own, as another server process's fetch holds it (flock on Linux).
        var lockFile = Path.Combine(mirrors, RepositoryAddress.MirrorFolder("acme/shop") + ".lock");
        await using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var busy = await PostAsync(ci, "pr/1");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Contains("another server process has been fetching", await busy.Content.ReadAsStringAsync());
            Assert.False(Directory.Exists(Path.Combine(mirrors, RepositoryAddress.MirrorFolder("acme/shop"))));
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(ci, "pr/1")).StatusCode);
    }

    private static async Task<TestServer> StartAsync(string mirrors, MirrorOptions options)
    {
        var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            Mirrors = options with { Directory = mirrors, FetchInterval = TimeSpan.Zero },
        });
        await server.ImportOrgAsync(PolicyShop.Org);
        return server;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key) =>
        client.PostAsJsonAsync("api/v1/changes", new ChangeBuildRequest("acme/shop", key, "main", PolicyShop.Feature), TestServer.Json);

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient admin, string scope)
    {
        var response = await admin.PostAsJsonAsync("api/v1/tokens", new { name = "test", scope });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["secret"]!.GetValue<string>();
    }

    /// <summary>
    /// A stand-in for ssh (no sshd here): it refuses to run unless given <c>-i</c> with the expected key file, records
    /// the call, and runs the command git asks the remote for (<c>git-upload-pack '/path'</c>) on this machine, so git
    /// speaks its real protocol over the pipe.
    /// </summary>
    private static string FakeSsh(string folder, string key, string calls)
    {
        var script = Path.Combine(folder, "fake-ssh");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            key=""
            while [ $# -gt 0 ]; do
              case "$1" in
                -G) exit 0 ;;
                -i) key="$2"; shift 2 ;;
                -o|-p|-l) shift 2 ;;
                -*) shift ;;
                *) break ;;
              esac
            done
            if [ "$key" != '{{key}}' ]; then echo "fake-ssh: no or wrong key file: '$key'" >&2; exit 255; fi
            shift
            echo "key=$key command=$*" >> '{{calls}}'
            exec sh -c "$*"
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
