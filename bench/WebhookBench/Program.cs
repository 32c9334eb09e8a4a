using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

// WebhookBench URL SECRET PAYLOAD-DIR SECONDS CONCURRENCY [SERVER-PID]
// Sends the same load twice: GET /healthz (the baseline), then signed GitHub deliveries with unique delivery ids, each
// for SECONDS at CONCURRENCY requests in flight. Prints requests/s and latency percentiles for both, then waits for
// the queue to drain and prints the server's own figures for the time from receipt to worked (its histogram).
var server = new Uri(args[0].TrimEnd('/') + "/");
var secret = Encoding.UTF8.GetBytes(args[1]);
var payloads = Directory.GetFiles(args[2], "*.json", SearchOption.AllDirectories)
    .Where(f => !f.Contains("/ping/", StringComparison.Ordinal))
    .Select(f => (Event: Path.GetFileName(Path.GetDirectoryName(f))!, Body: Encoding.UTF8.GetBytes(JsonNode.Parse(File.ReadAllText(f))!.ToJsonString())))
    .Select(p => (p.Event, p.Body, Signature: "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, p.Body))))
    .ToArray();
var seconds = int.Parse(args[3], CultureInfo.InvariantCulture);
var concurrency = int.Parse(args[4], CultureInfo.InvariantCulture);
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = server };
var run = Guid.NewGuid().ToString("n")[..8];
var serverPid = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : (int?)null;

Console.WriteLine($"{payloads.Length} payloads ({payloads.Sum(p => p.Body.Length) / payloads.Length} bytes on average), {concurrency} in flight, {seconds} s per phase");
await LoadAsync("warm-up /healthz", 2, _ => new HttpRequestMessage(HttpMethod.Get, "healthz"), HttpStatusCode.OK);
await LoadAsync("warm-up webhooks", 2, n => Delivery(n, "w"), HttpStatusCode.Accepted);
await LoadAsync("GET /healthz", seconds, _ => new HttpRequestMessage(HttpMethod.Get, "healthz"), HttpStatusCode.OK);
var sent = await LoadAsync("POST /api/v1/webhooks/github", seconds, n => Delivery(n, "m"), HttpStatusCode.Accepted);

var drained = Stopwatch.StartNew();
while (Gauge(await client.GetStringAsync("metrics"), "countersign_webhook_queue{state=\"queued\"}") + Gauge(await client.GetStringAsync("metrics"), "countersign_webhook_queue{state=\"working\"}") > 0)
{
    await Task.Delay(100);
}

var metrics = await client.GetStringAsync("metrics");
Console.WriteLine($"queue drained {drained.Elapsed.TotalSeconds:0.0} s after the load ended; receipt → worked, server's histogram over every delivery: "
    + $"p50 ≤ {Quantile(metrics, 0.5)} s, p99 ≤ {Quantile(metrics, 0.99)} s, mean {Sum(metrics) / Count(metrics) * 1000:0.0} ms ({Count(metrics)} deliveries)");
return sent > 0 ? 0 : 1;

HttpRequestMessage Delivery(long n, string phase)
{
    var (eventName, body, signature) = payloads[n % payloads.Length];
    var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/github") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    request.Headers.Add("X-GitHub-Event", eventName);
    request.Headers.Add("X-GitHub-Delivery", $"{run}-{phase}-{n}");
    request.Headers.Add("X-Hub-Signature-256", signature);
    return request;
}

async Task<long> LoadAsync(string name, int duration, Func<long, HttpRequestMessage> make, HttpStatusCode expected)
{
    long next = 0, failed = 0;
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    var cpuBefore = CpuSeconds(serverPid);
    var clock = Stopwatch.StartNew();
    var end = TimeSpan.FromSeconds(duration);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (clock.Elapsed < end)
        {
            using var request = make(Interlocked.Increment(ref next));
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != expected)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    var cpu = CpuSeconds(serverPid) - cpuBefore;
    var sorted = latencies.Order().ToArray();
    Console.WriteLine($"{name}: {sorted.Length} requests in {elapsed:0.0} s = {sorted.Length / elapsed:0} /s; latency p50 {sorted[sorted.Length / 2]:0.0} ms, "
        + $"p99 {sorted[(int)(sorted.Length * 0.99)]:0.0} ms; {failed} not {(int)expected}"
        + (serverPid is null ? "" : $"; server CPU {cpu * 1e6 / sorted.Length:0} µs per request ({cpu / elapsed:0.00} cores)"));
    return sorted.Length - failed;
}

// utime + stime of the server process (and its threads), in seconds; 0 without a pid.
static double CpuSeconds(int? pid)
{
    if (pid is null)
    {
        return 0;
    }

    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ');
    return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static double Gauge(string metrics, string name) =>
    metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();

static double Count(string metrics) => Gauge(metrics, "countersign_webhook_delivery_seconds_count{source=\"github\"}");

static double Sum(string metrics) => Gauge(metrics, "countersign_webhook_delivery_seconds_sum{source=\"github\"}");

static string Quantile(string metrics, double q)
{
    var total = Count(metrics);
    foreach (var line in metrics.Split('\n').Where(l => l.StartsWith("countersign_webhook_delivery_seconds_bucket{source=\"github\",le=", StringComparison.Ordinal)))
    {
        var le = line.Split("le=\"")[1].Split('"')[0];
        if (double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) >= q * total)
        {
            return le;
        }
    }

    return "+Inf";
}
