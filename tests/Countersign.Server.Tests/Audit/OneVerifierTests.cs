using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;

namespace Countersign.Server.Tests.Audit;

/// <summary>
/// A server's database tampered with directly — the log's columns garbled, its head emptied, its tail cut, or only the
/// state tables changed — on SQLite and PostgreSQL. Every verifier (the API, <c>audit verify --database</c>,
/// <c>audit verify --server</c>, the dashboard's audit page) gives the same answer, names each problem, and the
/// server still starts and reports it.
/// </summary>
public sealed class OneVerifierTests(OneVerifierTests.Originals originals) : IClassFixture<OneVerifierTests.Originals>
{
    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task The_untouched_log_and_state_verify_the_same_everywhere(Store store)
    {
        var answers = await AllVerifiersAsync(store, await CopyAsync(store, "intact"));
        Assert.True(answers.Api["valid"]!.GetValue<bool>(), answers.Api.ToJsonString());
        Assert.True(answers.Api["stateRows"]!.GetValue<long>() >= 5, answers.Api.ToJsonString());
        Assert.Equal(0, answers.Database.ExitCode);
        Assert.Equal(0, answers.Server.ExitCode);
        Assert.Contains("Chain intact", answers.Page);
    }

    [Theory]
    [InlineData(Store.Sqlite, "garbage")]
    [InlineData(Store.Sqlite, "2026-12-03 10:00:00")]
    [InlineData(Store.Sqlite, "2026-12-03T10:00:00Z")]
    [InlineData(Store.Sqlite, "")]
    [InlineData(Store.Postgres, "garbage")]
    [InlineData(Store.Postgres, "2026-12-03T10:00:00.0000000+00:00")]
    [InlineData(Store.Postgres, "Thu, 03 Dec 2026 10:00:00 GMT")]
    public async Task A_garbled_or_differently_formatted_time_is_a_named_problem_not_a_crash(Store store, string at)
    {
        var db = await CopyAsync(store, "at");
        TamperedDatabase.Execute(store, db, $"UPDATE audit_log SET at = '{at}' WHERE sequence = 3");
        var answers = await AllVerifiersAsync(store, db);
        answers.AssertNamed("malformed", "record #3 is malformed: its at");
        Assert.DoesNotContain("Exception", answers.Database.Stdout + answers.Database.Stderr);
    }

    [Fact]
    public async Task A_time_stored_as_a_number_is_a_named_problem_on_sqlite()
    {
        var db = await CopyAsync(Store.Sqlite, "at-number");
        TamperedDatabase.Execute(Store.Sqlite, db, "UPDATE audit_log SET at = 1764756000 WHERE sequence = 2");
        (await AllVerifiersAsync(Store.Sqlite, db)).AssertNamed("malformed", "record #2 is malformed: its at \"1764756000\"");
    }

    [Theory]
    [InlineData(Store.Sqlite, "UPDATE audit_log SET hash = X'00ff' WHERE sequence = 2", "record #2 is malformed: its hash \"00ff\"")]
    [InlineData(Store.Postgres, "UPDATE audit_log SET kind = '' WHERE sequence = 2", "record #2 is malformed: its kind \"\" is empty")]
    [InlineData(Store.Postgres, "UPDATE audit_log SET actor = ' ' WHERE sequence = 2", "record #2 is malformed: its actor \" \" is empty")]
    [InlineData(Store.Sqlite, "UPDATE audit_log SET content = '{\"person\":' WHERE sequence = 2", "record #2 is malformed: its content \"{\\\"person\\\":\" is not JSON")]
    [InlineData(Store.Postgres, "UPDATE audit_log SET content = '[1]' WHERE sequence = 2", "record #2 is malformed: its content \"[1]\" is not a JSON object")]
    [InlineData(Store.Postgres, "UPDATE audit_log SET previous_hash = 'NOT-A-HASH' WHERE sequence = 2", "record #2 is malformed: its previous_hash \"NOT-A-HASH\"")]
    [InlineData(Store.Sqlite, "UPDATE audit_head SET sequence = 'many'", "the head row is malformed: its sequence \"many\" is not a number")]
    [InlineData(Store.Postgres, "UPDATE audit_head SET hash = 'zz'", "the head row is malformed: its hash \"zz\"")]
    [InlineData(Store.Postgres, "INSERT INTO audit_head (id, sequence, hash) VALUES (2, 1, 'x')", "the head table holds an extra row (id \"2\")")]
    [InlineData(Store.Sqlite, "UPDATE audit_log SET subject = 'signoff:other' WHERE kind = 'signoff.approve'", "is filed under \"signoff:other\"")]
    public async Task Every_malformed_column_is_a_named_problem(Store store, string sql, string named)
    {
        var db = await CopyAsync(store, "column");
        TamperedDatabase.Execute(store, db, sql);
        var answers = await AllVerifiersAsync(store, db);
        Assert.Contains(answers.Explanations, e => e.Contains(named, StringComparison.Ordinal));
        answers.AssertAgree();
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task An_empty_head_table_is_named_the_server_starts_and_refuses_only_writes(Store store)
    {
        var db = await CopyAsync(store, "head");
        TamperedDatabase.Execute(store, db, "DELETE FROM audit_head");
        var answers = await AllVerifiersAsync(store, db);
        answers.AssertNamed("head-missing", "the head row is missing");

        await using var server = await TestServer.StartAsync(store, db);
        using var admin = server.Client();
        var write = await admin.PostAsJsonAsync("api/v1/tokens", new { name = "x", scope = "ci" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Contains("head row is missing", await write.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/changes")).StatusCode);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_deleted_last_record_is_named_alike_by_every_verifier(Store store)
    {
        var db = await CopyAsync(store, "truncated");
        var last = TamperedDatabase.Scalar(store, db, "SELECT MAX(sequence) FROM audit_log");
        TamperedDatabase.Execute(store, db, $"DELETE FROM audit_log WHERE sequence = {last}");
        (await AllVerifiersAsync(store, db)).AssertNamed("deleted", $"the head records #{last} but the log ends at #{last - 1}");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_sign_off_whose_person_was_changed_is_named_with_the_field(Store store)
    {
        var db = await CopyAsync(store, "person");
        var id = TamperedDatabase.Text(store, db, "SELECT id FROM signoffs");
        TamperedDatabase.Execute(store, db, "UPDATE signoffs SET person_id = 'sam'");
        (await AllVerifiersAsync(store, db)).AssertNamed("row-differs", $"signoffs row \"{id}\": person_id is \"sam\" but record #");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_deleted_sign_off_row_is_named_by_the_record_that_vouched_for_it(Store store)
    {
        var db = await CopyAsync(store, "signoff-deleted");
        var id = TamperedDatabase.Text(store, db, "SELECT id FROM signoffs");
        var sequence = TamperedDatabase.Scalar(store, db, "SELECT sequence FROM audit_log WHERE kind = 'signoff.approve'");
        TamperedDatabase.Execute(store, db, "DELETE FROM signoffs");
        (await AllVerifiersAsync(store, db)).AssertNamed("missing-row", $"record #{sequence} (signoff.approve) vouches for signoffs row \"{id}\", which is missing");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task An_inserted_sign_off_row_is_named_as_unaccounted_for(Store store)
    {
        var db = await CopyAsync(store, "signoff-inserted");
        TamperedDatabase.Execute(store, db, """
            INSERT INTO signoffs (id, change_id, repository, change_key, person_id, kind, patch_id, file_patch_ids, head_sha, at, comment, revision, rules, attestation)
            SELECT 'forged', change_id, repository, change_key, 'sam', kind, patch_id, file_patch_ids, head_sha, at, comment, revision, rules, attestation FROM signoffs
            """);
        (await AllVerifiersAsync(store, db)).AssertNamed("unaccounted-row", "signoffs row \"forged\" is not accounted for");
    }

    [Theory]
    [InlineData(Store.Sqlite, "UPDATE changes SET status = 'tampered'", "changes row \"1\": status is \"tampered\"")]
    [InlineData(Store.Postgres, "UPDATE revisions SET facts_hash = 'f00d'", "changes row \"1\": facts_hash is \"f00d\"")]
    [InlineData(Store.Sqlite, "UPDATE signoffs SET dismissed_at = '2026-01-01T00:00:00.0000000Z'", "dismissed is \"true\"")]
    [InlineData(Store.Postgres, "UPDATE tokens SET scope = 'admin' WHERE scope = 'ci'", "scope is \"admin\" but record #")]
    [InlineData(Store.Sqlite, "UPDATE tokens SET revoked_at = NULL", "revoked is \"false\" but record #")]
    [InlineData(Store.Postgres, "DELETE FROM tokens WHERE scope = 'reviewer'", "(token.created) vouches for tokens row")]
    public async Task State_tampered_without_touching_the_log_is_named_with_the_field(Store store, string sql, string named)
    {
        var db = await CopyAsync(store, "state");
        TamperedDatabase.Execute(store, db, sql);
        var answers = await AllVerifiersAsync(store, db);
        Assert.Contains(answers.Explanations, e => e.Contains(named, StringComparison.Ordinal));
        answers.AssertAgree();
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task The_server_starts_on_a_tampered_log_and_reports_it_in_its_metrics(Store store)
    {
        var db = await CopyAsync(store, "start");
        TamperedDatabase.Execute(store, db, "UPDATE audit_log SET at = 'yesterday' WHERE sequence = 1; DELETE FROM signoffs");
        await using var server = await TestServer.StartAsync(store, db);
        using var anonymous = server.Client(token: null);
        var problems = -1.0;
        for (var i = 0; i < 100 && problems < 0; i++)
        {
            var metrics = await anonymous.GetStringAsync("metrics");
            var match = Regex.Match(metrics, @"^countersign_audit_problems (\S+)$", RegexOptions.Multiline);
            problems = match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            await Task.Delay(problems < 0 ? 100 : 0);
        }

        Assert.Equal(2, problems);
        using var admin = server.Client();
        var verify = JsonNode.Parse(await admin.GetStringAsync("api/v1/audit/verify"))!;
        Assert.False(verify["valid"]!.GetValue<bool>());
    }

    private Task<string> CopyAsync(Store store, string name) => originals.CopyAsync(store, name);

    private async Task<Answers> AllVerifiersAsync(Store store, string db)
    {
        var database = CliRunner.Run(originals.Folder, "audit", "verify", "--json", "--database", db);
        var databaseText = CliRunner.Run(originals.Folder, "audit", "verify", "--database", db);
        await using var server = await TestServer.StartAsync(store, db);
        using var admin = server.Client();
        var response = await admin.GetAsync("api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var api = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var remote = CliRunner.Run(originals.Folder, "audit", "verify", "--json", "--server", server.Address.ToString(), "--token", TestServer.AdminToken);
        var page = await DashboardAsync(server);
        return new Answers(api, databaseText, Parse(database), Parse(remote), remote, page);
    }

    private static JsonNode Parse((int ExitCode, string Stdout, string Stderr) result)
    {
        Assert.True(result.ExitCode is 0 or 1, result.Stdout + result.Stderr);
        return JsonNode.Parse(result.Stdout)!;
    }

    /// <summary>The dashboard's audit page, signed in with the admin token as a person would.</summary>
    private static async Task<string> DashboardAsync(TestServer server)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        var login = await client.GetStringAsync("ui/login");
        var antiforgery = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("ui/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = TestServer.AdminToken, ["returnUrl"] = "/ui/audit", ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.True(signIn.IsSuccessStatusCode, await signIn.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(await client.GetStringAsync("ui/audit"));
    }

    private sealed record Answers(JsonNode Api, (int ExitCode, string Stdout, string Stderr) Database, JsonNode DatabaseJson, JsonNode ServerJson, (int ExitCode, string Stdout, string Stderr) Server, string Page)
    {
        public IReadOnlyList<string> Explanations => Api["problems"]!.AsArray().Select(p => p!["explanation"]!.GetValue<string>()).ToList();

        /// <summary>Every verifier says the log is broken, with the same problems, and one of them is this.</summary>
        public void AssertNamed(string kind, string text)
        {
            Assert.Contains(Api["problems"]!.AsArray(), p => p!["kind"]!.GetValue<string>() == kind && p["explanation"]!.GetValue<string>().Contains(text, StringComparison.Ordinal));
            Assert.Contains(Database.Stdout.Split('\n'), l => l.Contains(kind, StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal));
            AssertAgree();
        }

        public void AssertAgree()
        {
            Assert.False(Api["valid"]!.GetValue<bool>());
            Assert.True(Database.ExitCode == 1, Database.Stdout + Database.Stderr);
            Assert.Contains("tampered with", Database.Stdout);
            Assert.Equal(1, Server.ExitCode);
            Assert.Equal(Api["problems"]!.ToJsonString(), DatabaseJson["problems"]!.ToJsonString());
            Assert.Equal(Api["problems"]!.ToJsonString(), ServerJson["problems"]!.ToJsonString());
            Assert.Contains("Chain broken", Page);
            Assert.All(Explanations, e => Assert.Contains(e, Page));
        }
    }

    /// <summary>One server history per store: an org, tokens (one revoked), a change registered and signed off by Erin.</summary>
    public sealed class Originals : IAsyncLifetime
    {
        private readonly Dictionary<Store, Task<string>> built = [];
        private readonly Lock gate = new();

        public string Folder { get; } = TempGitRepo.NewTempDirectory("cs-verify");

        public async Task<string> CopyAsync(Store store, string name)
        {
            Task<string> original;
            lock (gate)
            {
                original = built.TryGetValue(store, out var task) ? task : built[store] = BuildAsync(store);
            }

            return await TamperedDatabase.CopyAsync(store, await original, Folder, $"{name}-{Guid.NewGuid():n}");
        }

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public ValueTask DisposeAsync()
        {
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still open on a slow machine: leave it in the temp folder.
            }

            return ValueTask.CompletedTask;
        }

        private async Task<string> BuildAsync(Store store)
        {
            var database = store == Store.Sqlite ? Path.Combine(Folder, "original.db") : await TestServer.NewDatabaseAsync(store);
            await using var server = await TestServer.StartAsync(store, database);
            await server.ImportOrgAsync(PolicyShop.Org);
            using var shop = PolicyShop.Create();
            using var ci = server.Client(await server.TokenAsync("ci"));
            using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
            using var admin = server.Client();
            var spare = JsonNode.Parse(await (await admin.PostAsJsonAsync("api/v1/tokens", new { name = "spare", scope = "admin" })).Content.ReadAsStringAsync())!;
            Assert.True((await admin.DeleteAsync($"api/v1/tokens/{spare["token"]!["id"]}")).IsSuccessStatusCode);
            var change = await Api.ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/1"), TestServer.Json));
            await Api.ApiTests.Read<SignOffResponse>(await erin.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.PatchId), TestServer.Json));
            return database;
        }
    }
}
