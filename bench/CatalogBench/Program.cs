using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace CatalogBench;

public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
}
