using System.Text.Json;
using System.Text.Json.Serialization;

namespace Countersign.Storage;

/// <summary>JSON settings for values kept in text columns (evidence lists, scan state); the code is generated (<see cref="Countersign.Core.Json.ScanJsonContext"/>).</summary>
internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = Countersign.Core.Json.ScanJsonContext.Default,
    };
}
