using System.Text.Json;
using Countersign.Core.Changes;
using Countersign.Core.Json;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Tests.Json;

/// <summary>Enums are read only by their exact documented names, wherever Countersign reads JSON.</summary>
public sealed class StrictEnumConverterTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new StrictEnumConverterFactory() } };

    private sealed record Body(SignOffKind Kind);

    [Theory]
    [InlineData("\"approve\"", SignOffKind.Approve)]
    [InlineData("\"reject\"", SignOffKind.Reject)]
    [InlineData("\"break-glass\"", SignOffKind.BreakGlass)]
    public void ADocumentedNameIsRead(string json, SignOffKind expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<Body>($"{{\"kind\":{json}}}", Options)!.Kind);

    [Theory]
    [InlineData("2")]
    [InlineData("\"2\"")]
    [InlineData("\"approve \"")]
    [InlineData("\" approve\"")]
    [InlineData("\"Approve\"")]
    [InlineData("\"BreakGlass\"")]
    [InlineData("\"approve,reject\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    public void AnythingButADocumentedNameIsRefusedWithTheNames(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>($"{{\"kind\":{json}}}", Options));
        Assert.Contains("approve, reject, break-glass", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.kind", e.Path);
    }

    [Fact]
    public void TheTypesOwnConverterIsStrictTooWithoutOptions()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SignOffKind>("2"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ParticipantRole>("\"Author\""));
        Assert.Equal("\"co-author\"", JsonSerializer.Serialize(ParticipantRole.CoAuthor));
    }

    [Fact]
    public void ChangeFactsJsonRefusesANumericEnum()
    {
        var json = ChangeFactsJson.Serialize(new Policy.ChangeFactsBuilder().Build());
        var tampered = json.Replace("\"role\":\"author\"", "\"role\":0", StringComparison.Ordinal);
        Assert.NotEqual(json, tampered);
        Assert.Throws<JsonException>(() => ChangeFactsJson.Deserialize(tampered));
    }
}
