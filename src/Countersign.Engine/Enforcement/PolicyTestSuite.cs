using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Testing;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What <c>policy test</c> runs: a policy file on disk, compiled against a directory, over fixture files (change facts
/// and sign-offs in, expected statuses out; docs/policy-testing.md). Nothing runs while the policy, the directory or a
/// fixture has an error.
/// </summary>
public static class PolicyTestSuite
{
    /// <summary>A fixture file: where it is, and how messages name it.</summary>
    public sealed record Fixture(string FullPath, string Display);

    /// <summary>Errors that stop the suite (empty when it ran), and each case's outcome.</summary>
    public sealed record Result(IReadOnlyList<Diagnostic> Errors, IReadOnlyList<PolicyTestOutcome> Outcomes);

    /// <summary>
    /// Runs the fixtures <paramref name="fixtures"/> against the policy at <paramref name="policyFullPath"/>;
    /// <paramref name="directoryErrors"/> (from reading <paramref name="org"/>) and <paramref name="missing"/> fixture
    /// paths are errors too. <paramref name="now"/> is the time a fixture without one is evaluated at.
    /// </summary>
    public static Result Run(string policyFullPath, string policyDisplay, OrgDirectory org, IReadOnlyList<Diagnostic> directoryErrors,
        IReadOnlyList<Fixture> fixtures, IReadOnlyList<string> missing, DateTimeOffset now)
    {
        var compiled = PolicyFile.LoadFromDisk(policyFullPath, policyDisplay, org);
        var errors = directoryErrors.Concat(compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.AddRange(missing.Select(m => Diagnostic.Error(m, "no such fixture file or folder")));
        var cases = new List<PolicyTestCase>();
        foreach (var fixture in fixtures)
        {
            var (read, problems) = PolicyFixtureReader.Read(File.ReadAllText(fixture.FullPath), fixture.Display, org, now);
            cases.AddRange(read);
            errors.AddRange(problems);
        }

        if (errors.Count > 0 || compiled.Policy is null)
        {
            return new Result(errors, []);
        }

        return new Result([], cases.Count == 0 ? [] : PolicyTestRunner.Run(compiled.Policy, cases, org));
    }
}
