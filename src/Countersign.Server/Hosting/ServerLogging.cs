using Countersign.Server.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Countersign.Server.Hosting;

/// <summary>The server's log: plain neutralised lines or JSON, at the configured level, without the framework's routine noise.</summary>
internal static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging, ServerOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        logging.AddFilter("Microsoft.AspNetCore", options.LogLevel <= LogLevel.Debug ? options.LogLevel : LogLevel.Warning);
        // Data protection only serves cookies, which the API does not use; its "keys unencrypted" warning is noise here.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // The lifetime's "listening on / press Ctrl+C / content root" lines: serve prints its own one-line banner.
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (options.LogLevel == LogLevel.None)
        {
            // No log at all (an embedding host or a test that owns the console).
        }
        else if (options.JsonLogs)
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            // Plain text, one line per event, with every message neutralised: see NeutralisingConsoleFormatter.
            logging.AddConsole(o => o.FormatterName = NeutralisingConsoleFormatter.FormatterName)
                .AddConsoleFormatter<NeutralisingConsoleFormatter, ConsoleFormatterOptions>();
        }
    }
}
