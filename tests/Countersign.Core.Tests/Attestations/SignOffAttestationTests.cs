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

    [Fact]
    public void IssuedSignaturesAreAlwaysLowSAndVerify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var i = 0; i < 200; i++)
        {
            var envelope = SignOffAttestation.Sign(Statement(), key, "k");
            Assert.Null(EcdsaSignature.WhyNotStrict(Convert.FromBase64String(envelope.Signatures[0].Sig)));
            Assert.NotNull(SignOffAttestation.Verify(envelope, key, "k", out var why));
            Assert.Equal("valid", why);
        }
    }

    [Fact]
    public void TheHighSTwinOfAValidSignatureIsRefusedAsMalleable()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var envelope = SignOffAttestation.Sign(Statement(), key, "k");
        var twin = EcdsaSignature.Twin(Convert.FromBase64String(envelope.Signatures[0].Sig));

        // The twin is a valid ECDSA signature: only the low-S rule tells it apart.
        Assert.True(key.VerifyData(Dsse.PreAuthenticationEncoding(SignOffAttestation.PayloadType, Convert.FromBase64String(envelope.Payload)), twin, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Null(SignOffAttestation.Verify(envelope with { Signatures = [new DsseSignature("k", Convert.ToBase64String(twin))] }, key, "k", out var why));
        Assert.Contains("high-S", why, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnvelopeWithAnExtraSignatureIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var envelope = SignOffAttestation.Sign(Statement(), key, "k");
        var extra = SignOffAttestation.Sign(Statement(), other, "other").Signatures[0];

        Assert.Null(SignOffAttestation.Verify(envelope with { Signatures = [envelope.Signatures[0], extra] }, key, "k", out var why));
        Assert.Equal("the envelope has 2 signatures; a Countersign attestation has exactly one", why);
        Assert.Null(SignOffAttestation.Verify(envelope with { Signatures = [envelope.Signatures[0], envelope.Signatures[0]] }, key, "k", out _));
        Assert.Null(SignOffAttestation.Verify(envelope with { Signatures = [] }, key, "k", out _));
    }

    [Fact]
    public void NonCanonicalBase64AndAnInexactPayloadTypeAreRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var envelope = SignOffAttestation.Sign(Statement(), key, "k");
        var sig = envelope.Signatures[0].Sig;

        Assert.Null(SignOffAttestation.Verify(envelope with { Payload = envelope.Payload.Insert(8, "\n") }, key, "k", out var why));
        Assert.Equal("the payload is not canonical base64", why);
        Assert.Null(SignOffAttestation.Verify(envelope with { Signatures = [new DsseSignature("k", " " + sig)] }, key, "k", out why));
        Assert.Equal("the signature is not canonical base64", why);
        Assert.Null(SignOffAttestation.Verify(envelope with { PayloadType = SignOffAttestation.PayloadType.ToUpperInvariant() }, key, "k", out _));
        Assert.Null(SignOffAttestation.Verify(envelope with { PayloadType = SignOffAttestation.PayloadType + " " }, key, "k", out _));
    }

    [Theory]
    [InlineData("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[],\"extra\":1}")]
    [InlineData("{\"payloadType\":\"t\",\"payloadType\":\"u\",\"payload\":\"\",\"signatures\":[]}")]
    [InlineData("{\"payloadType\":\"t\",\"payload\":\"\"}")]
    [InlineData("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[{\"keyid\":\"k\",\"sig\":null}]}")]
    public void AnEnvelopeWithUnknownRepeatedOrMissingMembersCannotBeRead(string json) =>
        Assert.Throws<System.Text.Json.JsonException>(() => DsseEnvelope.Parse(json));
}
