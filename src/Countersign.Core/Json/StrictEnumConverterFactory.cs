using System.Text.Json;
using System.Text.Json.Serialization;

namespace Countersign.Core.Json;

/// <summary>
/// <see cref="StrictEnumConverter{T}"/> for every enum: the one converter every JSON option set in Countersign registers,
/// so no enum anywhere is read leniently (integers, other case, whitespace).
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}
