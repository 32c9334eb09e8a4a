using System.CommandLine;

namespace Countersign.Cli.Enforcement;

/// <summary>The options every command that looks at one change shares (check, approve, reject, break-glass).</summary>
internal sealed class ChangeOptions
{
    public Option<string> Repo { get; } = new("--repo") { Description = "Repository (default: .)", DefaultValueFactory = _ => "." };

    public Option<string> Base { get; } = new("--base") { Description = "The branch the change goes into (e.g. origin/main); the diff starts at the merge base", Required = true };

    public Option<string> Head { get; } = new("--head") { Description = "The change's tip (default: HEAD)", DefaultValueFactory = _ => "HEAD" };

    public Option<string?> Change { get; } = new("--change") { Description = "Stable key of the change across pushes (default: from the CI environment, else the head branch, else the patch identity)" };

    public Option<string?> TargetBranch { get; } = new("--target-branch") { Description = "Branch name the policy's target_branch sees (default: from CI, else --base without its remote)" };

    public Option<string?> SourceBranch { get; } = new("--source-branch") { Description = "Branch name the policy's source_branch sees (default: from CI, else --head when it is a branch)" };

    public Option<string[]> Labels { get; } = new("--label") { Description = "A label of the change (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<string?> Title { get; } = new("--title") { Description = "The change's title (default: its first commit's subject)" };

    public Option<string?> Policy { get; } = new("--policy") { Description = "Policy file to use instead of .countersign/policy.yaml committed on --base" };

    public Option<string?> Db { get; } = new("--db") { Description = "Scan database; sign-offs are kept beside it in NAME.record.db (default: <git-dir>/countersign/countersign.db)" };

    public ServerOptions Server { get; } = new();

    public void AddTo(Command command)
    {
        Server.AddTo(command);
        foreach (var option in new Option[] { Repo, Base, Head, Change, TargetBranch, SourceBranch, Labels, Title, Policy, Db })
        {
            command.Options.Add(option);
        }
    }

    public EnforcementRequest Read(ParseResult parse) => new(
        parse.GetValue(Repo)!,
        parse.GetValue(Base)!,
        parse.GetValue(Head)!,
        parse.GetValue(Change),
        parse.GetValue(TargetBranch),
        parse.GetValue(SourceBranch),
        parse.GetValue(Labels) ?? [],
        parse.GetValue(Title),
        parse.GetValue(Policy),
        parse.GetValue(Db))
    {
        Remote = Server.Read(parse),
        RepositoryName = parse.GetValue(Server.RepositoryName),
    };
}
