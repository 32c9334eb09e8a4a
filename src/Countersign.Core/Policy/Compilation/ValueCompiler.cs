using System.Globalization;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Text;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Compiles the value types conditions, requirements and freezes share — number and level ranges, org references,
/// globs, time windows, durations — with the checks the schema alone cannot make: names against the org directory,
/// glob syntax, time zones, calendar dates, and ranges that contain nothing.
/// </summary>
internal sealed class ValueCompiler(NodeReader reader, OrgDirectory org)
{
    private static readonly Lazy<string[]> TimeZoneIds = new(() => [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)]);

    public NumberRange? Range(YamlNode node, ObjectType type, string field)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, type, field) is not { } k)
        {
            return null;
        }

        var range = new NumberRange(k.Number("at_least"), k.Number("at_most"), k.Number("above"), k.Number("below"));
        if (reader.ErrorCount != before)
        {
            return null;
        }

        if (IsEmpty(range.AtLeast, range.Above, range.AtMost, range.Below, discrete: false))
        {
            reader.Error(node, $"the range {range} contains no number", field);
            return null;
        }

        return range;
    }

    /// <summary>A range of levels; every name must be a level of the org directory.</summary>
    public LevelRange? Levels(YamlNode node, string field)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Definitions["levelRange"], field) is not { } k)
        {
            return null;
        }

        string? Level(string key)
        {
            if (k.String(key) is not { } name)
            {
                return null;
            }

            if (!org.IsKnownLevel(name))
            {
                reader.Error(k.Value(key)!, $"'{UntrustedText.Bound(name, NodeReader.MaxShown)}' is not a level of the organisation{Spelling.DidYouMean(name, org.Levels)}; levels: {string.Join(", ", org.Levels)}", k.Path(key));
            }

            return name;
        }

        var range = new LevelRange(Level("at_least"), Level("at_most"), Level("above"), Level("below"), k.Strings("is", org.Levels)?.Select(x => x.Value).ToList());
        if (reader.ErrorCount != before)
        {
            return null;
        }

        double? Rank(string? level) => level is null ? null : org.RankOf(level);
        if (IsEmpty(Rank(range.AtLeast), Rank(range.Above), Rank(range.AtMost), Rank(range.Below), discrete: true))
        {
            reader.Error(node, $"no level is {range}", field);
            return null;
        }

        return range;
    }

    public List<string>? TeamIds(MappingFields fields, string key) => Ids(fields, key, "team", [.. org.Teams.Select(t => t.Id)]);

    public List<string>? PersonIds(MappingFields fields, string key) => Ids(fields, key, "person", [.. org.People.Select(p => p.Id)]);

    /// <summary>
    /// Ids must exist once the directory lists anyone or any team; against an empty directory (a policy checked on its
    /// own, before the organisation is described) they cannot be checked.
    /// </summary>
    private List<string>? Ids(MappingFields fields, string key, string kind, List<string> known)
    {
        var ids = fields.Strings(key);
        var checkable = org.Teams.Count > 0 || org.People.Count > 0;
        for (var i = 0; checkable && i < (ids?.Count ?? 0); i++)
        {
            var (id, node) = ids![i];
            if (!known.Contains(id, StringComparer.Ordinal))
            {
                var hint = known.Count == 0 ? $" (it lists no {kind}s)" : Spelling.DidYouMean(id, known);
                reader.Error(node, $"no {kind} '{UntrustedText.Bound(id, NodeReader.MaxShown)}' in the org directory{hint}", $"{fields.Path(key)}[{i}]");
            }
        }

        return ids?.Select(x => x.Value).ToList();
    }

    public List<PolicyGlob>? Globs(MappingFields fields, string key)
    {
        if (fields.Strings(key) is not { } values)
        {
            return null;
        }

        var globs = new List<PolicyGlob>();
        for (var i = 0; i < values.Count; i++)
        {
            var (text, node) = values[i];
            var (pattern, problem) = GlobSyntax.Check(text);
            try
            {
                globs.Add(new PolicyGlob(pattern ?? throw new FormatException(problem)));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
            {
                reader.Error(node, $"'{UntrustedText.Bound(text, NodeReader.MaxShown)}' is not a valid glob: {e.Message}", $"{fields.Path(key)}[{i}]");
            }
        }

        return globs.Count == values.Count ? globs : null;
    }

    public TimeWindow? Window(YamlNode node, string field)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Definitions["timeWindow"], field) is not { } k)
        {
            return null;
        }

        DateTimeOffset? Instant(string key)
        {
            if (k.String(key) is not { } text)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return instant;
            }

            reader.Error(k.Value(key)!, $"'{UntrustedText.Bound(text, NodeReader.MaxShown)}' is not a date on the calendar", k.Path(key));
            return null;
        }

        // "24:00" (only allowed for to) ends the day: a window without an end of day means exactly that.
        TimeOnly? Clock(string key) => k.String(key) switch
        {
            null or "24:00" => null,
            var text => TimeOnly.ParseExact(text.PadLeft(5, '0'), "HH:mm", CultureInfo.InvariantCulture),
        };

        var window = new TimeWindow(Instant("start"), Instant("end"), k.Words("days", PolicyVocabulary.Days), Clock("from"), Clock("to"), Zone(k));
        if (window is { Start: { } starts, End: { } ends } && ends <= starts)
        {
            reader.Error(k.Value("end")!, "the window ends before it starts", k.Path("end"));
        }

        if (window is { From: { } from, To: { } to } && from == to)
        {
            reader.Error(k.Value("to")!, "from and to are the same time: the window would never hold", k.Path("to"));
        }

        return reader.ErrorCount == before ? window : null;
    }

    private TimeZoneInfo Zone(MappingFields k)
    {
        var id = k.String("timezone");
        if (id is null or "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        // A directory of the zone database ("Europe") is a SecurityException (the "file" cannot be read), an id with
        // characters no file name takes an ArgumentException: neither is a time zone.
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException or ArgumentException)
        {
            reader.Error(k.Value("timezone")!, $"'{UntrustedText.Bound(id, NodeReader.MaxShown)}' is not a time zone{Spelling.DidYouMean(id, TimeZoneIds.Value)} (use an IANA id such as Europe/Berlin or America/New_York)", k.Path("timezone"));
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>The longest duration a policy may give: adding it to any date of this era stays on the calendar.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    /// <summary>
    /// Parses <c>30m</c>, <c>48h</c>, <c>3d</c> (the schema's pattern), at most <see cref="MaxDuration"/>; null for
    /// anything else (<see cref="DurationProblem"/> says why).
    /// </summary>
    public static TimeSpan? Duration(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        var duration = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => (TimeSpan?)null,
        };
        return duration <= MaxDuration ? duration : null;
    }

    /// <summary>Why <see cref="Duration"/> refuses <paramref name="text"/>, or null when it accepts it.</summary>
    public static string? DurationProblem(string text) => Duration(text) is not null ? null
        : $"'{UntrustedText.Bound(text, NodeReader.MaxShown)}' is not a duration of at most {MaxDuration.TotalDays:0}d (10 years): write a whole number and a unit, e.g. 30m, 48h or 3d";

    /// <summary>
    /// True when no value lies between the lower bounds (inclusive, exclusive) and the upper ones; over whole numbers
    /// (<paramref name="discrete"/>: tiers, level ranks) "above 4 and below 5" is empty too.
    /// </summary>
    internal static bool IsEmpty(double? atLeast, double? above, double? atMost, double? below, bool discrete)
    {
        if (discrete)
        {
            (atLeast, above) = (Max(atLeast, above + 1), null);
            (atMost, below) = (Min(atMost, below - 1), null);
        }

        var (low, lowOpen) = (atLeast, above) switch
        {
            ({ } a, { } b) => b >= a ? (b, true) : (a, false),
            ({ } a, null) => (a, false),
            (null, { } b) => (b, true),
            _ => (double.NegativeInfinity, false),
        };
        var (high, highOpen) = (atMost, below) switch
        {
            ({ } a, { } b) => b <= a ? (b, true) : (a, false),
            ({ } a, null) => (a, false),
            (null, { } b) => (b, true),
            _ => (double.PositiveInfinity, false),
        };
        return low > high || (low == high && (lowOpen || highOpen));
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
