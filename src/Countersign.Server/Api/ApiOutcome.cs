namespace Countersign.Server.Api;

/// <summary>What a service call ended in: a value, or the <see cref="ApiProblem"/> it was refused with.</summary>
internal readonly record struct ApiOutcome<T>(T? Value, ApiProblem? Problem)
{
    public static implicit operator ApiOutcome<T>(T value) => new(value, null);

    public static implicit operator ApiOutcome<T>(ApiProblem problem) => new(default, problem);
}
