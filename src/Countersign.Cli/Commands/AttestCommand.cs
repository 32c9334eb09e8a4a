using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Countersign.Cli.Output;
using Countersign.Core.Attestations;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>attest verify</c>: checks a sign-off attestation (a DSSE envelope with an in-toto Statement) offline against
/// the server's published public key, and optionally that it is for the expected change content — what a deploy
/// system runs to trust a sign-off without calling the server.
/// </summary>
internal static class AttestCommand
{
    public static Command Create(CliContext context)
    {
        var verify = new Command("verify", "Verify a sign-off attestation offline with the server's public key");
        var envelope = new Option<string>("--envelope") { Description = "The DSSE envelope (JSON file, as GET /api/v1/signoffs/{id}/attestation returns it)", Required = true };
        var key = new Option<string>("--key") { Description = "The server's public key (PEM file, from GET /api/v1/attestations/key)", Required = true };
        var keyId = new Option<string?>("--key-id") { Description = "The key id the signature must name (default: derived from the key)" };
        var patchId = new Option<string?>("--patch-id") { Description = "Require the attestation to be for this patch identity" };
        var commit = new Option<string?>("--commit") { Description = "Require the attestation's subject to be this commit" };
        var json = new Option<bool>("--json") { Description = "Print the verified statement as JSON" };
        verify.Options.Add(envelope);
        verify.Options.Add(key);
        verify.Options.Add(keyId);
        verify.Options.Add(patchId);
        verify.Options.Add(commit);
        verify.Options.Add(json);
        verify.SetAction(parse => Verify(context, parse.GetValue(envelope)!, parse.GetValue(key)!, parse.GetValue(keyId), parse.GetValue(patchId), parse.GetValue(commit), parse.GetValue(json)));
        var command = new Command("attest", "Sign-off attestations (in-toto Statements in DSSE envelopes)");
        command.Subcommands.Add(verify);
        return command;
    }

    internal static int Verify(CliContext context, string envelopePath, string keyPath, string? keyId, string? patchId, string? commit, bool json)
    {
        DsseEnvelope envelope;
        using var key = ECDsa.Create();
        try
        {
            envelope = DsseEnvelope.Parse(File.ReadAllText(Path.GetFullPath(envelopePath, context.WorkingDirectory)));
            key.ImportFromPem(File.ReadAllText(Path.GetFullPath(keyPath, context.WorkingDirectory)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or CryptographicException)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"cannot read the envelope or the key: {e.Message}");
        }

        keyId ??= "countersign-" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
        var statement = SignOffAttestation.Verify(envelope, key, keyId, out var why);
        var predicate = statement?["predicate"];
        var subject = statement?["subject"]?[0]?["digest"]?["gitCommit"]?.GetValue<string>();
        if (statement is not null && patchId is not null && !string.Equals(predicate?["patchId"]?.GetValue<string>(), patchId, StringComparison.OrdinalIgnoreCase))
        {
            (statement, why) = (null, $"the attestation is for patch {predicate?["patchId"]}, not {patchId}");
        }

        if (statement is not null && commit is not null && !string.Equals(subject, commit, StringComparison.OrdinalIgnoreCase))
        {
            (statement, why) = (null, $"the attestation is for commit {subject}, not {commit}");
        }

        if (json)
        {
            context.Stdout.WriteLine(JsonSerializer.Serialize(new { valid = statement is not null, reason = statement is null ? why : null, keyId, statement }, CliJson.Indented));
        }
        else if (statement is null)
        {
            context.Line($"[red]✘ attestation not valid[/]: {UntrustedMarkup.Escape(why)}");
        }
        else
        {
            context.Line($"[green]✔ attestation valid[/] (key {UntrustedMarkup.Escape(keyId)}): {UntrustedMarkup.Escape(predicate?["decision"]?.ToString() ?? "approve")} by {UntrustedMarkup.Escape(predicate?["approver"]?.ToString() ?? "?")} "
                + $"of {UntrustedMarkup.Escape(predicate?["change"]?.ToString() ?? "?")} (patch {UntrustedMarkup.Escape(predicate?["patchId"]?.ToString() ?? "?")}, commit {UntrustedMarkup.Escape(subject ?? "?")}) for rule {UntrustedMarkup.Escape(predicate?["rule"]?.ToString() ?? "?")} at {UntrustedMarkup.Escape(predicate?["signedOffAt"]?.ToString() ?? "?")}");
        }

        return statement is null ? ExitCodes.NotSatisfied : ExitCodes.Success;
    }
}
