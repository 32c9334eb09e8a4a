using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Api;

/// <summary><c>countersign attest verify</c> on an attestation the server issued: valid as issued, invalid once touched, bound to its content.</summary>
public sealed class AttestVerifyCliTests
{
    [Fact]
    public async Task An_issued_attestation_verifies_offline_and_a_tampered_one_does_not()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        var change = await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/3"), TestServer.Json));
        var signed = await ApiTests.Read<SignOffResponse>(await erin.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.PatchId), TestServer.Json));
        var key = await ApiTests.Read<AttestationKey>(await ci.GetAsync("api/v1/attestations/key"));
        File.WriteAllText(Path.Combine(shop.Path, "key.pem"), key.PublicKeyPem);
        File.WriteAllText(Path.Combine(shop.Path, "signoff.json"), await ci.GetStringAsync($"api/v1/signoffs/{signed.SignOff.Id}/attestation"));

        var valid = CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "signoff.json", "--key", "key.pem", "--patch-id", change.PatchId, "--commit", change.HeadSha);
        Assert.True(valid.ExitCode == 0, valid.Stdout + valid.Stderr);
        Assert.Contains("attestation valid", valid.Stdout);
        Assert.Contains("approve by erin of pr/3", valid.Stdout);

        var otherContent = CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "signoff.json", "--key", "key.pem", "--patch-id", new string('b', 40));
        Assert.Equal(1, otherContent.ExitCode);

        // Change the approver inside the signed payload: the signature no longer covers it.
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(shop.Path, "signoff.json")))!;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["payload"]!.ToString())).Replace("\"erin\"", "\"dana\"", StringComparison.Ordinal);
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
        File.WriteAllText(Path.Combine(shop.Path, "forged.json"), envelope.ToJsonString());
        var forged = CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "forged.json", "--key", "key.pem", "--json");
        Assert.Equal(1, forged.ExitCode);
        Assert.False(JsonNode.Parse(forged.Stdout)!["valid"]!.GetValue<bool>());

        var unreadable = CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "missing.json", "--key", "key.pem");
        Assert.Equal(2, unreadable.ExitCode);
    }

    [Fact]
    public async Task Attest_verify_refuses_the_high_s_twin_and_an_envelope_with_an_extra_signature_of_an_issued_attestation()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        var change = await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/4"), TestServer.Json));
        var signed = await ApiTests.Read<SignOffResponse>(await erin.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.PatchId), TestServer.Json));
        var key = await ApiTests.Read<AttestationKey>(await ci.GetAsync("api/v1/attestations/key"));
        File.WriteAllText(Path.Combine(shop.Path, "key.pem"), key.PublicKeyPem);
        var issued = await ci.GetStringAsync($"api/v1/signoffs/{signed.SignOff.Id}/attestation");
        var signature = JsonNode.Parse(issued)!["signatures"]![0]!;
        Assert.Null(Core.Attestations.EcdsaSignature.WhyNotStrict(Convert.FromBase64String(signature["sig"]!.ToString())));

        var twin = JsonNode.Parse(issued)!;
        twin["signatures"]![0]!["sig"] = Convert.ToBase64String(Core.Attestations.EcdsaSignature.Twin(Convert.FromBase64String(signature["sig"]!.ToString())));
        File.WriteAllText(Path.Combine(shop.Path, "twin.json"), twin.ToJsonString());
        var highS = CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "twin.json", "--key", "key.pem");
        Assert.Equal(1, highS.ExitCode);
        Assert.Contains("high-S", highS.Stdout);

        var doubled = JsonNode.Parse(issued)!;
        doubled["signatures"]!.AsArray().Add(signature.DeepClone());
        File.WriteAllText(Path.Combine(shop.Path, "doubled.json"), doubled.ToJsonString());
        var extra = CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "doubled.json", "--key", "key.pem");
        Assert.Equal(1, extra.ExitCode);
        Assert.Contains("exactly one", extra.Stdout);

        var unknown = JsonNode.Parse(issued)!;
        unknown["extra"] = 1;
        File.WriteAllText(Path.Combine(shop.Path, "unknown.json"), unknown.ToJsonString());
        Assert.Equal(2, CliRunner.Run(shop.Path, "attest", "verify", "--envelope", "unknown.json", "--key", "key.pem").ExitCode);
    }
}
