using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Api;

/// <summary>Durations in the API are ISO 8601 (whole seconds), which any client's date library reads.</summary>
public sealed partial class DurationFormatTests
{
    [Fact]
    public async Task The_queue_says_how_long_a_change_has_waited_as_an_ISO_8601_duration()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/9"), TestServer.Json));

        using var queue = JsonDocument.Parse(await erin.GetStringAsync("api/v1/queue"));

        var waiting = queue.RootElement.GetProperty("items")[0].GetProperty("waiting").GetString()!;
        Assert.Matches(Iso8601Duration(), waiting);
        Assert.DoesNotContain(":", waiting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(23.7499833, "PT23S")]
    [InlineData(90, "PT1M30S")]
    [InlineData(3 * 86400 + 3600 + 5, "P3DT1H5S")]
    public void Durations_are_written_in_whole_seconds_as_ISO_8601(double seconds, string expected)
    {
        var options = new JsonSerializerOptions();
        ServerHost.ConfigureJson(options);

        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(TimeSpan.FromSeconds(seconds), options));
        Assert.Equal(TimeSpan.FromSeconds(Math.Truncate(seconds)), JsonSerializer.Deserialize<TimeSpan>($"\"{expected}\"", options));
    }

    [Theory]
    [InlineData("\"00:00:23\"")]
    [InlineData("\"P1M\"")]
    [InlineData("\"P1Y\"")]
    [InlineData("\"soon\"")]
    public void A_duration_that_is_not_ISO_8601_in_days_to_seconds_is_refused(string json)
    {
        var options = new JsonSerializerOptions();
        ServerHost.ConfigureJson(options);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimeSpan>(json, options));
    }

    [GeneratedRegex(@"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$")]
    private static partial Regex Iso8601Duration();
}
