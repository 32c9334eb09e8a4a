using System.Diagnostics;
using Countersign.Engine.Scanning;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>
/// A progress bar with commits/s for interactive terminals. Spectre's live display runs the scan inside
/// <see cref="Run"/>; <see cref="IScanProgress"/> calls update the task from the scanning thread.
/// </summary>
internal sealed class SpectreScanProgress(IAnsiConsole console) : IScanProgress
{
    private readonly Stopwatch stopwatch = new();
    private ProgressTask? task;

    public T Run<T>(Func<IScanProgress, T> scan) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                task = ctx.AddTask("Scanning", autoStart: false, maxValue: 1);
                return scan(this);
            });

    public void Started(int totalCommits)
    {
        stopwatch.Restart();
        if (task is null)
        {
            return;
        }

        task.MaxValue = Math.Max(1, totalCommits);
        task.Description = $"Scanning {totalCommits:N0} commits";
        task.StartTask();
    }

    public void Advanced(int doneCommits)
    {
        if (task is null)
        {
            return;
        }

        task.Value = doneCommits;
        var rate = stopwatch.Elapsed.TotalSeconds > 0 ? doneCommits / stopwatch.Elapsed.TotalSeconds : 0;
        task.Description = $"{doneCommits:N0}/{task.MaxValue:N0} commits [grey]{rate:N0}/s[/]";
    }

    public void Finished() => task?.StopTask();
}
