using System.Globalization;
using System.Runtime.InteropServices;

namespace Countersign.Fuzz;

/// <summary>
/// CPU time of one OS thread, from /proc (Linux): the watchdog's measure of a stuck input, which wall time is not on
/// a machine where the campaign runs at the lowest priority beside other work.
/// </summary>
internal static partial class ThreadCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static int CurrentThreadId() => OperatingSystem.IsLinux() ? GetTid() : 0;

    /// <summary>User plus system seconds of thread <paramref name="tid"/>; 0 when not on Linux or not readable.</summary>
    public static double Seconds(int tid)
    {
        if (tid == 0)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
