namespace Countersign.Git;

/// <summary>
/// Reads a child's stream (git's stderr) to its end on a thread of its own, so the child never blocks on a full pipe
/// while its stdout is being read. A plain blocking thread, not <c>ReadToEndAsync</c>: on Linux an asynchronous pipe
/// read starts the socket engine and the thread pool, a fixed cost paid by every countersign command that runs git.
/// </summary>
internal sealed class StreamDrain
{
    private readonly Thread thread;
    private string text = "";

    public StreamDrain(StreamReader reader)
    {
        thread = new Thread(() =>
        {
            try
            {
                text = reader.ReadToEnd();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The process was stopped or disposed first: what it said, if anything, no longer matters.
            }
        }) { IsBackground = true, Name = "git-stderr" };
        thread.Start();
    }

    /// <summary>Everything the stream held, once it has ended.</summary>
    public string Text
    {
        get
        {
            thread.Join();
            return text;
        }
    }
}
