using System.Diagnostics.CodeAnalysis;

namespace Countersign.Server.Evaluation;

/// <summary>What a service answers: its value, or the <see cref="Evaluation.Problem"/> that stopped it.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly record struct Outcome<T>
{
    /// <summary>The value as an outcome, where no implicit conversion applies (an interface-typed value).</summary>
    public Outcome(T value)
        : this(value, null)
    {
    }

    private Outcome(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);

    /// <summary>The value shaped by <paramref name="shape"/>, or the same problem.</summary>
    public Outcome<TResult> Map<TResult>(Func<T, TResult> shape) => Problem ?? (Outcome<TResult>)shape(Value!);

    /// <summary>The outcome of <paramref name="next"/> on the value, or the same problem (<paramref name="next"/> not called).</summary>
    public async Task<Outcome<TResult>> ThenAsync<TResult>(Func<T, Task<Outcome<TResult>>> next) => Problem ?? await next(Value!);

    /// <summary>The value, for callers to whom a problem is a bug (the demo loading its own changes).</summary>
    public T OrThrow() => Problem is null ? Value! : throw new InvalidOperationException($"{Problem.Title}: {Problem.Detail}");

    /// <summary>True with the value, or false with the problem.</summary>
    public bool Succeeded([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out Problem problem)
    {
        value = Value;
        problem = Problem;
        return problem is null;
    }
}
