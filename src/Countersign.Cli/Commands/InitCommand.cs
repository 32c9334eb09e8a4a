using Countersign.Engine.Enforcement;
using System.CommandLine;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Core.Policy.Compilation;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign init</c>: writes the default policy (and an org directory skeleton when there is none) into
/// <c>.countersign/</c> of the working tree, for the team to edit, validate, test and commit.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Option<string>("--dir") { Description = "Top of the working tree (default: .)", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing policy file" };
        var command = new Command("init", "Write the default sign-off policy to .countersign/policy.yaml") { dir, force };
        command.SetAction(parse => Run(context, parse.GetValue(dir)!, parse.GetValue(force)));
        return command;
    }

    internal static int Run(CliContext context, string directory, bool force)
    {
        var root = Path.GetFullPath(directory, context.WorkingDirectory);
        var policy = Path.Combine(root, PolicyFile.DefaultPath);
        if (File.Exists(policy) && !force)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"{policy} exists; pass --force to overwrite it");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(policy)!);
            File.WriteAllText(policy, DefaultPolicy.Text);
            context.Line($"[green]✔[/] wrote {UntrustedMarkup.Escape(policy)}");
            var org = Path.Combine(root, WorkingTreeFiles.OrgPath);
            if (!File.Exists(org))
            {
                File.WriteAllText(org, OrgSkeleton);
                context.Line($"[green]✔[/] wrote {UntrustedMarkup.Escape(org)} (fill in your people and their levels)");
            }
        }
        catch (IOException e)
        {
            return context.Fail(ExitCodes.Infrastructure, $"{policy}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return context.Fail(ExitCodes.Infrastructure, $"{policy}: {e.Message}");
        }

        PrintMissing(context, root, policy);
        context.Line("Next: [bold]countersign policy validate[/], then commit .countersign/ to the default branch — the policy is read from the target branch, never from the change.");
        return ExitCodes.Success;
    }

    /// <summary>What the working tree still lacks for the policy's sign-offs to be possible, with the file and an example.</summary>
    private static void PrintMissing(CliContext context, string root, string policyFile)
    {
        var trusted = TrustedFilesCheck.Run(root).Configuration;
        var compiled = PolicyFile.LoadFromDisk(policyFile, PolicyFile.DefaultPath, trusted.Directory);
        if (compiled.Policy is not { } policy || SetUpAdvice.Missing(trusted, policy) is not { Count: > 0 } missing)
        {
            return;
        }

        context.Line("[yellow]Before anyone can sign off:[/]");
        foreach (var item in missing)
        {
            context.Line($"  [yellow]![/] {Markup.Escape(item.What)}");
            foreach (var line in item.Example)
            {
                context.Line($"        {Markup.Escape(line)}");
            }
        }
    }

    internal const string OrgSkeleton = """
        # Who is who: levels decide who may sign off. Ids are stable keys; e-mails and handles match commits and reviews.
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: platform
            name: Platform
        people:
          - id: jane
            name: Jane Doe
            emails: [jane@example.com]
            github: jane-doe
            level: senior
            teams: [platform]
        bots:
          - github: "dependabot[bot]"

        """;
}
