using DotNet.Globbing;

namespace Countersign.Core.Policy;

/// <summary>
/// A compiled path or branch glob (<c>services/payments/**</c>, <c>release/*</c>): <c>*</c> stays inside one
/// segment, <c>**</c> crosses segments. Matching is case-sensitive, like git paths. Backed by DotNet.Glob.
/// </summary>
public sealed class PolicyGlob
{
    private static readonly GlobOptions Options = new() { Evaluation = { CaseInsensitive = false } };
    private readonly Glob glob;

    public PolicyGlob(string pattern)
    {
        Pattern = pattern;
        glob = Glob.Parse(pattern, Options);
    }

    public string Pattern { get; }

    public bool IsMatch(string value) => glob.IsMatch(value);

    public override string ToString() => Pattern;
}
