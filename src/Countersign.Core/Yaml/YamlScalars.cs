using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Yaml;

/// <summary>
/// Resolves plain scalars the way the YAML 1.2 core schema does (<c>true</c> is a boolean, <c>2024</c> an integer,
/// <c>16:00</c> and <c>yes</c> are text; anything quoted is text), so the compiler agrees with the JSON Schema an
/// editor checks the same file against.
/// </summary>
internal static partial class YamlScalars
{
    private const string CoreTag = "tag:yaml.org,2002:";

    public static ScalarKind Kind(YamlScalarNode node)
    {
        if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
        {
            return node.Tag.Value switch
            {
                CoreTag + "null" => ScalarKind.Null,
                CoreTag + "bool" => ScalarKind.Boolean,
                CoreTag + "int" => ScalarKind.Integer,
                CoreTag + "float" => ScalarKind.Float,
                _ => ScalarKind.String,
            };
        }

        if (node.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return ScalarKind.String;
        }

        var text = node.Value ?? "";
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
            _ when IntegerSyntax().IsMatch(text) => ScalarKind.Integer,
            _ when FloatSyntax().IsMatch(text) => ScalarKind.Float,
            _ => ScalarKind.String,
        };
    }

    public static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && Kind(scalar) == ScalarKind.Null;

    /// <summary>The value of a number scalar (decimal, 0x hex, 0o octal, float, .inf, .nan); null when it is none.</summary>
    public static double? Number(YamlScalarNode node)
    {
        var text = node.Value ?? "";
        switch (Kind(node))
        {
            case ScalarKind.Integer when text.StartsWith("0x", StringComparison.Ordinal):
                return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null;
            case ScalarKind.Integer when text.StartsWith("0o", StringComparison.Ordinal):
                return text[2..].Aggregate(0d, (value, digit) => (value * 8) + (digit - '0'));
            case ScalarKind.Integer:
            case ScalarKind.Float:
                var lower = text.ToLowerInvariant().TrimStart('+');
                return lower switch
                {
                    ".inf" => double.PositiveInfinity,
                    "-.inf" => double.NegativeInfinity,
                    ".nan" => double.NaN,
                    _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                };
            default:
                return null;
        }
    }

    [GeneratedRegex("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatSyntax();
}
