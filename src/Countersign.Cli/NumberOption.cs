using System.CommandLine;
using System.Globalization;

namespace Countersign.Cli;

/// <summary>
/// Whole-number options with a range, whose parse error names the option, the value and the form expected
/// (System.CommandLine's own says "as expected type 'System.Nullable`1[System.Int32]'").
/// </summary>
internal static class NumberOption
{
    public static Option<int?> Create(string name, string description, int minimum, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            {
                return (int)value;
            }

            result.AddError($"{name} '{token}': expected a whole number from {minimum} to {maximum.ToString(CultureInfo.InvariantCulture)}");
            return null;
        },
    };
}
