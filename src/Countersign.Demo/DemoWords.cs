using System.Text;

namespace Countersign.Demo;

/// <summary>Vocabulary for names in generated code and commit subjects, and the case conversions between them.</summary>
internal static class DemoWords
{
    public static readonly IReadOnlyList<string> Verbs =
        ["Validate", "Load", "Apply", "Calculate", "Reserve", "Refresh", "Normalize", "Publish", "Resolve", "Cancel",
         "Retry", "Sync", "Build", "Merge", "Enqueue", "Render", "Expire", "Reconcile", "Archive", "Schedule"];

    public static readonly IReadOnlyList<string> Nouns =
        ["Cart", "Order", "Coupon", "Invoice", "Payment", "Refund", "Product", "Price", "Inventory", "Shipment",
         "Address", "Customer", "Session", "Token", "Webhook", "Report", "Voucher", "Basket", "Ledger", "Receipt"];

    public static readonly IReadOnlyList<string> Concerns =
        ["timeouts", "retries", "null handling", "logging", "metrics", "validation", "error messages", "caching",
         "pagination", "idempotency", "rate limiting", "rounding"];

    public static string Pick(IReadOnlyList<string> words, Random random) => words[random.Next(words.Count)];

    public static string Plural(string word) =>
        word.EndsWith('y') && !word.EndsWith("ey", StringComparison.Ordinal) ? word[..^1] + "ies"
        : word.EndsWith('s') || word.EndsWith('x') ? word + "es"
        : word + "s";

    public static string Snake(string pascal) => Separate(pascal, '_');

    public static string Kebab(string pascal) => Separate(pascal, '-');

    public static string Camel(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];

    private static string Separate(string pascal, char separator)
    {
        var builder = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(separator);
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
