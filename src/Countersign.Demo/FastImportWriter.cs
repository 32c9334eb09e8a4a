using System.Globalization;
using System.Text;

namespace Countersign.Demo;

/// <summary>
/// Writes a <c>git fast-import</c> stream: commits with inline file contents, merges, notes, and <c>get-mark</c>
/// requests answered on fast-import's cat-blob channel, so that later commit messages can name earlier shas while
/// one process writes the whole history.
/// </summary>
internal sealed class FastImportWriter(Stream input, TextReader answers)
{
    public void Commit(string @ref, int mark, DemoSignature author, DemoSignature committer, DateTimeOffset when,
        string message, int? from, int? merge, IEnumerable<DemoFileChange> changes)
    {
        Line($"commit {@ref}");
        Line($"mark :{mark}");
        Line($"author {Identity(author, when)}");
        Line($"committer {Identity(committer, when)}");
        Data(Encoding.UTF8.GetBytes(message));
        if (from is { } parent)
        {
            Line($"from :{parent}");
        }

        if (merge is { } other)
        {
            Line($"merge :{other}");
        }

        foreach (var change in changes)
        {
            if (change.Content is null)
            {
                Line($"D {change.Path}");
            }
            else
            {
                Line($"M 100644 inline {change.Path}");
                Data(change.Content);
            }
        }

        Line("");
    }

    /// <summary>The sha of a commit written earlier in the stream.</summary>
    public string Sha(int mark)
    {
        Line($"get-mark :{mark}");
        input.Flush();
        var sha = answers.ReadLine();
        return sha is { Length: 40 } ? sha : throw new InvalidOperationException($"git fast-import did not answer get-mark :{mark} (got '{sha}')");
    }

    /// <summary>One commit on <paramref name="notesRef"/> that attaches each note to its commit.</summary>
    public void Notes(string notesRef, DemoSignature committer, DateTimeOffset when, IEnumerable<(int Mark, string Note)> notes)
    {
        Line($"commit {notesRef}");
        Line($"committer {Identity(committer, when)}");
        Data("Notes added by 'git notes add'\n"u8.ToArray());
        foreach (var (mark, note) in notes)
        {
            Line($"N inline :{mark}");
            Data(Encoding.UTF8.GetBytes(note));
        }

        Line("");
    }

    public void Done()
    {
        Line("done");
        input.Flush();
    }

    private static string Identity(DemoSignature who, DateTimeOffset when)
    {
        var offset = who.UtcOffset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var zone = $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
        return $"{who.Name} <{who.Email}> {when.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} {zone}";
    }

    private void Data(byte[] bytes)
    {
        Line($"data {bytes.Length.ToString(CultureInfo.InvariantCulture)}");
        input.Write(bytes);
        Line("");
    }

    private void Line(string text)
    {
        input.Write(Encoding.UTF8.GetBytes(text));
        input.WriteByte((byte)'\n');
    }
}
