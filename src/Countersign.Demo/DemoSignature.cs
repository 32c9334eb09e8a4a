namespace Countersign.Demo;

/// <summary>A git identity as written into a commit's author or committer line, with the time zone its clock shows.</summary>
internal sealed record DemoSignature(string Name, string Email, TimeSpan UtcOffset)
{
    public override string ToString() => $"{Name} <{Email}>";
}
