using System.Text;

namespace Countersign.Fuzz;

/// <summary>
/// Derives an input from the seeds: 1–8 stacked edits (character flips, deletions, duplications, splices between
/// seeds, line shuffles, interesting tokens, deep nesting, very long lines, CRLF, BOM, control characters).
/// </summary>
internal static class Mutator
{
    public const int MaxLength = 256 * 1024;

    private static readonly string[] Openers = ["[", "{", "{\"a\":", "- ", "  ", "(", "a: ", "\"", "[\"", "((", "emails[", "a.", "\\"];

    public static string Mutate(IReadOnlyList<string> seeds, FuzzTarget target, FuzzRandom random)
    {
        var text = new StringBuilder(random.Pick(seeds));
        var edits = 1 + random.Below(random.Chance(4) ? 16 : 4);
        for (var e = 0; e < edits && text.Length < MaxLength; e++)
        {
            Edit(text, seeds, target, random);
        }

        if (text.Length > MaxLength)
        {
            text.Length = MaxLength;
        }

        var result = text.ToString();
        return target.Bytes ? ToBytes(result) : result;
    }

    /// <summary>For byte targets every char stands for one byte.</summary>
    private static string ToBytes(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)(text[i] & 0xFF);
        }

        return new string(chars);
    }

    private static void Edit(StringBuilder text, IReadOnlyList<string> seeds, FuzzTarget target, FuzzRandom random)
    {
        var at = random.Below(text.Length + 1);
        switch (random.Below(16))
        {
            case 0:
            case 1:
                if (text.Length > 0)
                {
                    text[Math.Min(at, text.Length - 1)] = RandomChar(random);
                }

                break;
            case 2:
                text.Remove(at, Math.Min(text.Length - at, 1 + random.Below(random.Chance(3) ? 200 : 8)));
                break;
            case 3:
                {
                    var length = Math.Min(text.Length - at, 1 + random.Below(64));
                    var chunk = text.ToString(at, length);
                    var times = random.Chance(8) ? 1 + random.Below(2000) : 1 + random.Below(3);
                    for (var i = 0; i < times && text.Length < MaxLength; i++)
                    {
                        text.Insert(at, chunk);
                    }
                }

                break;
            case 4:
            case 5:
                text.Insert(at, random.Pick(target.Tokens));
                break;
            case 6:
                text.Insert(at, random.Pick(FuzzTokens.Common));
                break;
            case 7:
                {
                    // Splice: this input's head with another seed's tail.
                    var other = random.Pick(seeds);
                    var from = random.Below(other.Length + 1);
                    text.Length = at;
                    text.Append(other, from, other.Length - from);
                }

                break;
            case 8:
                {
                    var other = random.Pick(seeds);
                    var lines = other.Split('\n');
                    text.Insert(at, random.Pick(lines) + "\n");
                }

                break;
            case 9:
                SwapLines(text, random);
                break;
            case 10:
                {
                    var opener = random.Pick(Openers);
                    var depth = random.Chance(4) ? 1 + random.Below(20_000) : 1 + random.Below(200);
                    var nest = new StringBuilder();
                    for (var i = 0; i < depth && nest.Length < MaxLength / 2; i++)
                    {
                        nest.Append(opener);
                        if (opener == "- " || opener == "a: ")
                        {
                            nest.Append('\n').Append(' ', Math.Min(i + 1, 2000));
                        }
                    }

                    text.Insert(at, nest.ToString());
                }

                break;
            case 11:
                text.Insert(at, new string(RandomChar(random), 1 + random.Below(random.Chance(4) ? 100_000 : 300)));
                break;
            case 12:
                text.Replace("\n", "\r\n");
                break;
            case 13:
                text.Insert(0, random.Chance(2) ? "\uFEFF" : "\uFEFF\uFEFF");
                break;
            case 14:
                text.Length = at;
                break;
            default:
                {
                    var digits = new StringBuilder();
                    var count = 1 + random.Below(random.Chance(4) ? 400 : 25);
                    if (random.Chance(3))
                    {
                        digits.Append('-');
                    }

                    for (var i = 0; i < count; i++)
                    {
                        digits.Append((char)('0' + random.Below(10)));
                    }

                    text.Insert(at, digits.ToString());
                }

                break;
        }
    }

    private static void SwapLines(StringBuilder text, FuzzRandom random)
    {
        var lines = text.ToString().Split('\n');
        if (lines.Length < 2)
        {
            return;
        }

        var a = random.Below(lines.Length);
        var b = random.Below(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        text.Clear().AppendJoin('\n', lines);
    }

    private static char RandomChar(FuzzRandom random) => random.Below(8) switch
    {
        0 => (char)random.Below(32),
        1 => (char)(0xD800 + random.Below(0x800)),
        2 => (char)(0x80 + random.Below(0x780)),
        3 => (char)random.Below(0x10000),
        _ => (char)(32 + random.Below(95)),
    };
}
