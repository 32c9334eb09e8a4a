using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Countersign.Cli.Output;

/// <summary>JSON conventions for everything the CLI prints for machines: camelCase, no nulls, enums as their documented names.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    /// <summary><see cref="Indented"/> with the scan report's serialization code generated at build time (start-up of every scan).</summary>
    public static readonly JsonSerializerOptions IndentedScan = new(Create(indented: true)) { TypeInfoResolver = Countersign.Core.Json.ScanJsonContext.Default };

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Output is data for programs, not HTML; escaping '<' or '+' would only hide the real text.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new Countersign.Core.Json.StrictEnumConverterFactory() },
    };
}
