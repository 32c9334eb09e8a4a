using System.Text.Json;
using System.Text.Json.Serialization;
using Countersign.Core.History.Jit;
using Countersign.Core.Provenance;
using Countersign.Core.Reporting;

namespace Countersign.Core.Json;

/// <summary>
/// Serialization code generated at build time for what a scan writes and reads as JSON: the report (printed, and
/// cached in the store), the saved JIT state and the evidence kept per commit. The reflection-based serializer builds
/// the same metadata at run time through <c>Reflection.Emit</c>, which the JIT then compiles: a fixed cost of every
/// scan, most of what a rescan with nothing new spent after start-up. The options a caller passes (naming, ignored
/// nulls, encoder, converters) still apply: set <see cref="JsonSerializerOptions.TypeInfoResolver"/> to
/// <see cref="Default"/> on them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScanSummary))]
[JsonSerializable(typeof(JitState))]
[JsonSerializable(typeof(IReadOnlyList<Evidence>))]
[JsonSerializable(typeof(List<Evidence>))]
public sealed partial class ScanJsonContext : JsonSerializerContext;
