using System.Globalization;
using System.Text;

namespace Countersign.Core.Attestations;

/// <summary>
/// The Dead Simple Signing Envelope's pre-authentication encoding (DSSE v1): what is signed is
/// <c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, so a signature binds the payload type as well as the bytes.
/// </summary>
internal static class Dsse
{
    public static byte[] PreAuthenticationEncoding(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} {payloadType} {payload.Length} "));
        return [.. header, .. payload];
    }
}
