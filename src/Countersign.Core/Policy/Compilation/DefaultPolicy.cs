namespace Countersign.Core.Policy.Compilation;

/// <summary>The policy <c>countersign init</c> writes: the rule that started it all, and examples of the rest.</summary>
public static class DefaultPolicy
{
    public const string ResourceName = "Countersign.Core.default-policy.yaml";

    private static readonly Lazy<string> Lazy = new(() =>
    {
        using var stream = typeof(DefaultPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Lazy.Value;
}
