using System.Security.Cryptography;
using System.Text;
using Countersign.Core.Attestations;

namespace Countersign.Core.Tests.Attestations;

/// <summary>Sign-offs as signed in-toto statements in DSSE envelopes, checked offline with the public key.</summary>
public sealed class SignOffAttestationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Statement() => SignOffAttestation.Statement("acme/shop", new string('b', 40), "pr/7", "d0aa87d79b", "erin", "ai-assisted-below-senior", At);

    [Fact]
    public void ThePreAuthenticationEncodingFollowsTheDsseSpecification() =>
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
            Encoding.UTF8.GetString(Dsse.PreAuthenticationEncoding("http://example.com/HelloWorld", Encoding.UTF8.GetBytes("hello world"))));

    [Fact]
    public void ASignedSignOffVerifiesWithThePublishedKeyOnly()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var published = ECDsa.Create();
        published.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
        var envelope = SignOffAttestation.Sign(Statement(), key, "countersign-1");

        var statement = SignOffAttestation.Verify(envelope, published, "countersign-1", out var why);
        Assert.Equal("valid", why);
        Assert.Equal("erin", (string?)statement!["predicate"]!["approver"]);
        Assert.Equal(new string('b', 40), (string?)statement["subject"]![0]!["digest"]!["gitCommit"]);

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Null(SignOffAttestation.Verify(envelope, other, "countersign-1", out why));
        Assert.Equal("no valid signature by key 'countersign-1'", why);
    }

    [Fact]
    public void ATamperedPayloadOrTypeFails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var envelope = SignOffAttestation.Sign(Statement(), key, "k");
        var forged = Encoding.UTF8.GetString(Statement()).Replace("\"erin\"", "\"mallory\"", StringComparison.Ordinal);
        Assert.Null(SignOffAttestation.Verify(envelope with { Payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(forged)) }, key, "k", out _));
        Assert.Null(SignOffAttestation.Verify(envelope with { PayloadType = "text/plain" }, key, "k", out var why));
        Assert.Contains("payload type", why, StringComparison.Ordinal);
    }
}
