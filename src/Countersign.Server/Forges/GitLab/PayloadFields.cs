using System.Globalization;
using System.Text.Json;
using Countersign.Core.Text;

namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// GitLab's view of a payload over the forge-neutral <see cref="PayloadReader"/> (which parses with bounded depth and
/// finds fields by dotted path): what GitLab's older and newer deliveries differ in is tolerated (ids as numbers or
/// digit strings, labels as strings or objects), what an event needs is checked more strictly (positive ids, names
/// without control characters, commit ids), and the first essential field that is missing or malformed is
/// remembered by its path, so a rejected delivery says exactly what was wrong and where.
/// </summary>
internal sealed class PayloadFields(PayloadReader reader)
{
    /// <summary>The longest identifier (branch, username, project path) taken from a payload.</summary>
    private const int MaxName = 1024;

    /// <summary>The first field that made the payload unworkable, as <c>path: why</c>; null while none did.</summary>
    public string? Problem { get; private set; }

    /// <summary>The element at <paramref name="path"/>, or null when it (or a parent) is absent or JSON null.</summary>
    public JsonElement? At(string path) => reader.Find(path);

    /// <summary>A string, or null when absent (a non-string is a problem).</summary>
    public string? Text(string path, int maxLength = MaxName)
    {
        if (At(path) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return NoText(path, $"expected a string, found {Describe(element)}");
        }

        return UntrustedText.Bound(element.GetString()!, maxLength);
    }

    /// <summary>A non-empty name without control characters (a branch, a username, a project path); null and a problem when absent.</summary>
    public string? Name(string path)
    {
        var value = Text(path);
        if (Problem is not null)
        {
            return null;
        }

        return value switch
        {
            null or "" => NoText(path, "missing"),
            _ when value.Length >= MaxName => NoText(path, $"longer than {MaxName - 1} characters"),
            _ when value.Any(char.IsControl) => NoText(path, "contains control characters"),
            _ => value,
        };
    }

    /// <summary>A whole number (GitLab sends ids as numbers; a string of digits is taken too), or null when absent.</summary>
    public long? Number(string path)
    {
        if (At(path) is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number))
        {
            return number;
        }

        if (element.ValueKind == JsonValueKind.String && long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        return NoNumber(path, $"expected a whole number, found {Describe(element)}");
    }

    /// <summary>A positive whole number; null and a problem when absent or not positive.</summary>
    public long? Id(string path, long max = long.MaxValue)
    {
        var value = Number(path);
        if (Problem is not null)
        {
            return null;
        }

        return value switch
        {
            null => NoNumber(path, "missing"),
            <= 0 => NoNumber(path, $"expected a positive number, found {value}"),
            _ when value > max => NoNumber(path, $"larger than {max}"),
            _ => value,
        };
    }

    /// <summary>A commit id (40 or 64 hex digits, taken in lower case); null and a problem when absent or malformed.</summary>
    public string? Sha(string path)
    {
        var value = Text(path, 100);
        if (Problem is not null)
        {
            return null;
        }

        if (value is null or "")
        {
            return NoText(path, "missing");
        }

        return PayloadReader.IsSha(value)
            ? value.ToLowerInvariant()
            : NoText(path, "not a commit id (40 or 64 hexadecimal digits)");
    }

    /// <summary>A boolean, or false when absent or not a boolean (flags such as <c>draft</c> are never essential).</summary>
    public bool Flag(string path) => At(path) is { ValueKind: JsonValueKind.True };

    /// <summary>The items of an array, or none when absent (a non-array is a problem).</summary>
    public IReadOnlyList<JsonElement> Items(string path)
    {
        if (At(path) is not { } element)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            Note(path, $"expected an array, found {Describe(element)}");
            return [];
        }

        return element.EnumerateArray().ToList();
    }

    /// <summary>True when <paramref name="path"/> holds an object; a problem when absent or something else.</summary>
    public bool Object(string path)
    {
        if (At(path) is { ValueKind: JsonValueKind.Object })
        {
            return true;
        }

        Note(path, At(path) is { } other ? $"expected an object, found {Describe(other)}" : "missing");
        return false;
    }

    /// <summary>Records the first problem (a later one is a consequence or noise).</summary>
    public void Note(string path, string why) => Problem ??= $"{path}: {why}";

    private string? NoText(string path, string why)
    {
        Note(path, why);
        return null;
    }

    private long? NoNumber(string path, string why)
    {
        Note(path, why);
        return null;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{UntrustedText.ForTerminal(element.GetString(), 40)}\"",
        JsonValueKind.Number => $"the number {UntrustedText.ForTerminal(element.GetRawText(), 40)}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
