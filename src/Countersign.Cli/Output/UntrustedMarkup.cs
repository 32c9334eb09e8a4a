using Countersign.Core.Text;

namespace Countersign.Cli.Output;

/// <summary>Untrusted text for Spectre markup: neutralised for the terminal (<see cref="UntrustedText.ForTerminal"/>), then escaped as markup.</summary>
internal static class UntrustedMarkup
{
    public static string Escape(string? text, int maxLength = UntrustedText.DefaultMaxLength) =>
        Spectre.Console.Markup.Escape(UntrustedText.ForTerminal(text, maxLength));
}
