using System.Text.RegularExpressions;

namespace Countersign.Demo;

/// <summary>Small believable edits to one line: a changed constant, or a different statement at the same place.</summary>
internal static partial class DemoMutations
{
    public static string Mutate(DemoLanguage language, string line, Random random)
    {
        var number = Number().Match(line);
        if (number.Success && random.Next(3) > 0)
        {
            var value = int.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture);
            var changed = value <= 1 ? value + 1 : value + (random.Next(2) == 0 ? -1 : 1) * Math.Max(1, value / 4);
            return line[..number.Index] + changed + line[(number.Index + number.Length)..];
        }

        if (language is DemoLanguage.CSharp or DemoLanguage.Go or DemoLanguage.TypeScript or DemoLanguage.Python)
        {
            return DemoCodeTemplates.Statement(language, DemoWords.Pick(DemoWords.Nouns, random), random);
        }

        return line.Contains("true", StringComparison.Ordinal) ? line.Replace("true", "false", StringComparison.Ordinal)
            : line.Contains("false", StringComparison.Ordinal) ? line.Replace("false", "true", StringComparison.Ordinal)
            : line + " # reviewed";
    }

    [GeneratedRegex(@"(?<![\w.])\d{1,6}(?![\w.])")]
    private static partial Regex Number();
}
