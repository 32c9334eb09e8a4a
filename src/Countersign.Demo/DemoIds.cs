using System.Security.Cryptography;
using System.Text;

namespace Countersign.Demo;

/// <summary>Deterministic identifiers (hex, UUIDs) from the plan's seeded random, and hash prefixes as git-ai computes them.</summary>
internal static class DemoIds
{
    public static string Hex(Random random, int length)
    {
        var bytes = new byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public static string Uuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores this field little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    /// <summary>The first <paramref name="length"/> hex characters of SHA-256 of <paramref name="text"/>.</summary>
    public static string Sha256Prefix(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
