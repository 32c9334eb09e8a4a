using System.Text;

namespace Countersign.Fuzz;

/// <summary>
/// One parser of untrusted input under fuzzing: how to run an input through it, and which exceptions are its
/// documented "bad input" outcome (everything else is a crash).
/// </summary>
/// <param name="Name">Short name, also the corpus file name.</param>
/// <param name="Run">Feeds one input to the parser (and to what consumes its result on the same untrusted path).</param>
/// <param name="Expected">The exceptions the caller turns into a clear error; null: the parser must never throw.</param>
/// <param name="Tokens">Format-specific tokens the mutator inserts.</param>
/// <param name="Bytes">The input stands for bytes (one char per byte, Latin-1) rather than text.</param>
internal sealed record FuzzTarget(string Name, Action<string> Run, Func<Exception, bool>? Expected, IReadOnlyList<string> Tokens, bool Bytes = false)
{
    /// <summary>Runs one input; returns the exception that counts as a crash, or null.</summary>
    /// <remarks>
    /// Text inputs go through a UTF-8 round trip first: every caller gets its text by decoding bytes (git output, files,
    /// HTTP bodies and query strings), which turns a lone surrogate into U+FFFD, so a parser never sees one.
    /// </remarks>
    public Exception? Execute(string input)
    {
        try
        {
            Run(Bytes ? input : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(input)));
            return null;
        }
        catch (Exception e) when (Expected is not null && Expected(e))
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
