using System.Formats.Asn1;
using System.Numerics;

namespace Countersign.Core.Attestations;

/// <summary>
/// ECDSA P-256 signatures in their one accepted form: DER (RFC 3279) with r and s in range and s in the lower half of
/// the group order. For every valid (r, s) the twin (r, n − s) is valid too, so a verifier that took both would let
/// anyone make a second, different envelope for the same sign-off; Countersign issues the low-S form and accepts only it.
/// </summary>
public static class EcdsaSignature
{
    /// <summary>The order n of the P-256 group.</summary>
    private static readonly BigInteger Order = BigInteger.Parse("00FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger HalfOrder = Order >> 1;

    /// <summary>A raw r‖s signature (IEEE P1363, 64 bytes) as DER with s normalised to the low half (s → n − s when s > n/2).</summary>
    public static byte[] LowSDer(ReadOnlySpan<byte> p1363)
    {
        if (p1363.Length != 64)
        {
            throw new ArgumentException("a P-256 signature in IEEE P1363 form has 64 bytes", nameof(p1363));
        }

        var r = new BigInteger(p1363[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(p1363[32..], isUnsigned: true, isBigEndian: true);
        return Der(r, s > HalfOrder ? Order - s : s);
    }

    /// <summary>Null when <paramref name="der"/> is a strict low-S DER P-256 signature; otherwise why not, in words.</summary>
    public static string? WhyNotStrict(byte[] der)
    {
        BigInteger r, s;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            r = sequence.ReadInteger();
            s = sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
        }
        catch (AsnContentException)
        {
            return "the signature is not a DER-encoded ECDSA signature";
        }

        if (r.Sign <= 0 || r >= Order || s.Sign <= 0 || s >= Order)
        {
            return "the signature's r or s is out of range";
        }

        return s > HalfOrder
            ? "the signature is in its high-S form, which is malleable; Countersign issues and accepts only low-S signatures"
            : null;
    }

    /// <summary>(r, s) as a DER SEQUENCE of two INTEGERs.</summary>
    public static byte[] Der(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    /// <summary>The high-S twin (r, n − s) of a DER signature: equally valid mathematically, refused by <see cref="WhyNotStrict"/>.</summary>
    public static byte[] Twin(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        return Der(r, Order - s);
    }
}
