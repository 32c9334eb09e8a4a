using Countersign.QueueReplica;
using Countersign.Server;
using Countersign.Server.Forges;
using Countersign.Server.Forges.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// countersign-queue-replica DATABASE RECORD-DIRECTORY LEASE-SECONDS: one replica of the server whose GitHub deliveries
// are worked by a RecordingHandler writing to RECORD-DIRECTORY/<pid>.log.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Countersign.QueueReplica DATABASE RECORD-DIRECTORY LEASE-SECONDS");
    return 2;
}

var options = new ServerOptions
{
    Urls = "http://127.0.0.1:0",
    Database = args[0],
    AdminToken = Environment.GetEnvironmentVariable("COUNTERSIGN_ADMIN_TOKEN"),
    LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
    Webhooks = new WebhookOptions
    {
        GitHubSecret = Environment.GetEnvironmentVariable("COUNTERSIGN_GITHUB_WEBHOOK_SECRET"),
        Lease = TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
        Poll = TimeSpan.FromMilliseconds(200),
    },
};
await using var app = await ServerHost.CreateAsync(options, services => services.AddSingleton<IDeliveryHandler>(new RecordingHandler(args[1])));
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"Countersign queue replica {Environment.ProcessId} listening on {address}");
await app.WaitForShutdownAsync();
return 0;
