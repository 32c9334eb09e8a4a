namespace Countersign.Server.Api;

/// <summary>What a service call ended in: a value, or the <see cref="ApiProblem"/> it was refused with.</summary>
internal readonly record struct Outcome<T>(T? Value, ApiProblem? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(ApiProblem problem) => new(default, problem);
}
