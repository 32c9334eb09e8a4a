namespace Countersign.Cli.Tests;

public sealed class CliInvocationTests
{
    [Fact]
    public void WhenCountersignIsOnPathCommandsSayCountersign()
    {
        var bin = Countersign.Testing.TempGitRepo.NewTempDirectory("bin");
        File.WriteAllText(Path.Combine(bin, "countersign"), "#!/bin/sh\n");

        Assert.Equal("countersign", CliInvocation.Describe("/src/bin/Release/net10.0/countersign", null, $"/usr/bin{Path.PathSeparator}{bin}"));
    }

    [Fact]
    public void AfterDotnetRunCommandsNameTheBuiltExecutable() =>
        Assert.Equal("/home/me/countersign/src/Countersign.Cli/bin/Release/net10.0/countersign",
            CliInvocation.Describe("/home/me/countersign/src/Countersign.Cli/bin/Release/net10.0/countersign", null, "/usr/bin"));

    [Fact]
    public void UnderDotnetWithTheDllCommandsUseTheSameForm() =>
        Assert.Equal("dotnet '/opt/count ersign/countersign.dll'", CliInvocation.Describe("/usr/share/dotnet/dotnet", "/opt/count ersign/countersign.dll", ""));

    [Theory]
    [InlineData("/tmp/demo/acme-shop", "/tmp/demo/acme-shop")]
    [InlineData("/tmp/my demo", "'/tmp/my demo'")]
    [InlineData("/tmp/it's", "'/tmp/it'\\''s'")]
    [InlineData("/tmp/$(rm -rf ~)", "'/tmp/$(rm -rf ~)'")]
    public void PathsAreQuotedForAShellOnlyWhenTheyNeedIt(string path, string quoted) =>
        Assert.Equal(quoted, CliInvocation.ShellQuote(path));
}
