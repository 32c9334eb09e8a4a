namespace Countersign.Server.Tests.Webhooks;

/// <summary>Waits for something the queue's workers do in the background (bounded; the failure says what did not happen).</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var last = await read();
        while (!done(last))
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"within {seconds} s: {what} (last seen: {last})");
            }

            await Task.Delay(50);
            last = await read();
        }

        return last;
    }
}
