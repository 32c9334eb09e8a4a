namespace Countersign.Core.Organisation;

/// <summary>A value read from a file with where it was written, so that later checks can point at it.</summary>
internal readonly record struct Located(string Value, int Line, int Column, string Field)
{
    /// <summary>A GitHub or GitLab handle as people write it: a leading '@' is not part of the login. Null when nothing is left.</summary>
    public Located? AsHandle()
    {
        var login = Value.TrimStart('@').Trim();
        return login.Length == 0 ? null : this with { Value = login };
    }
}
