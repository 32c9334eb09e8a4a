using System.Text;
using System.Text.Json;
using Countersign.Storage;

namespace Countersign.Cli.Output;

/// <summary>Writes <c>--commits-out</c>: one compact JSON object per line (schema in docs/commits-schema.md).</summary>
internal static class CommitsJsonLinesWriter
{
    public static int Write(string path, IEnumerable<StoredCommit> commits)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Write to a temporary file and move it into place, so a failed export never leaves half a file.
        var temporary = path + ".tmp";
        var count = 0;
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            foreach (var commit in commits)
            {
                writer.WriteLine(JsonSerializer.Serialize(commit, CliJson.Compact));
                count++;
            }
        }

        File.Move(temporary, path, overwrite: true);
        return count;
    }
}
