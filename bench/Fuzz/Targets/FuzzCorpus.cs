using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Countersign.Fuzz;

/// <summary>
/// A checked-in corpus: one input per line, gzip-compressed, with backslash, line breaks, control characters and
/// surrogates written as escapes so any string (lone surrogates included) survives the round trip.
/// </summary>
internal static class FuzzCorpus
{
    public static string PathFor(string directory, string target) => Path.Combine(directory, target + ".corpus.gz");

    public static void Write(string path, IEnumerable<string> inputs)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var input in inputs)
        {
            writer.WriteLine(Escape(input));
        }
    }

    public static List<string> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false));
        var inputs = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            inputs.Add(Unescape(line));
        }

        return inputs;
    }

    public static string Escape(string input)
    {
        var text = new StringBuilder(input.Length + 16);
        foreach (var c in input)
        {
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case < ' ' or '\u007f' or (>= '\u0080' and < '\u00a0') or '\u2028' or '\u2029' or '\u0085' or (>= '\uD800' and <= '\uDFFF') or '\uFEFF' or '\uFFFE' or '\uFFFF':
                    text.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    public static string Unescape(string line)
    {
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 == line.Length)
            {
                text.Append(line[i]);
                continue;
            }

            var next = line[++i];
            if (next == 'n')
            {
                text.Append('\n');
            }
            else if (next == 'u')
            {
                text.Append((char)int.Parse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
            }
            else
            {
                text.Append(next);
            }
        }

        return text.ToString();
    }
}
