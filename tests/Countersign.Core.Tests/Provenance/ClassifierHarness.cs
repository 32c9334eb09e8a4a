using Countersign.Core.History;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Signatures;

namespace Countersign.Core.Tests.Provenance;

/// <summary>Classifies with the shipped catalog; identities are written as <c>Name &lt;email&gt;</c>, empty = a human.</summary>
internal static class ClassifierHarness
{
    public const string Human = "Alice Human <alice@example.com>";
    public const string WebFlow = "GitHub <noreply@github.com>";

    private static readonly DateTimeOffset When = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static ProvenanceClassifier Classifier { get; } = new(SignatureCatalog.Default);

    public static GitIdentity Identity(string text)
    {
        if (text.Length == 0)
        {
            text = Human;
        }

        var lt = text.LastIndexOf('<');
        return new GitIdentity(text[..lt].Trim(), text[(lt + 1)..^1], When);
    }

    public static CommitProvenance Classify(string message, string author = "", string committer = "") =>
        Classifier.Classify(Identity(author), Identity(committer.Length == 0 ? author : committer), message);
}
