namespace Countersign.Data;

/// <summary>
/// The local record could not be opened, read or written. The message names the file, what was being done and the
/// cause in one line; <see cref="File"/> and <see cref="Doing"/> let a host word the cause its own way.
/// </summary>
public sealed class LocalRecordException(string file, string doing, string cause, Exception? inner = null)
    : Exception($"{file}: {doing}: {cause}", inner)
{
    /// <summary>The record's file.</summary>
    public string File { get; } = file;

    /// <summary>What was being done (<c>recording a sign-off</c>).</summary>
    public string Doing { get; } = doing;
}
