namespace Countersign.Cli.Tests.Commands;

/// <summary>A number option's parse error names the option, the value and the form expected — never a .NET type name.</summary>
public sealed class OptionParseErrorTests
{
    [Theory]
    [InlineData("backtest --limit 99999999999", "--limit '99999999999': expected a whole number from 1 to 2147483647")]
    [InlineData("backtest --limit 2.5", "--limit '2.5': expected a whole number from 1 to 2147483647")]
    [InlineData("backtest --limit -3", "--limit '-3': expected a whole number from 1 to 2147483647")]
    [InlineData("backtest --limit ten", "--limit 'ten': expected a whole number from 1 to 2147483647")]
    [InlineData("token create --name n --scope ci --expires-in-days 367", "--expires-in-days '367': expected a whole number from 1 to 366")]
    [InlineData("token create --name n --scope ci --expires-in-days 99999999999", "--expires-in-days '99999999999': expected a whole number from 1 to 366")]
    public void ANumberOptionsErrorNamesTheOptionAndTheExpectedForm(string command, string message)
    {
        var (code, _, stderr) = CliRunner.Run(Path.GetTempPath(), command.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains($"countersign: error: {message}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }
}
