using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Countersign.Server.Tests.Webhooks;

/// <summary>Sends deliveries the way GitHub and GitLab do: the exact bytes, signed (or tokened) in the test.</summary>
internal static class WebhookClient
{
    public const string Secret = "It's a Secret to Everybody";

    public const string GitLabToken = "gitlab-token-for-tests";

    public static string Sign(byte[] body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static HttpRequestMessage GitHub(string eventName, string deliveryId, byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return request;
    }

    public static HttpRequestMessage GitHubSigned(string eventName, string deliveryId, byte[] body) => GitHub(eventName, deliveryId, body, Sign(body));

    public static HttpRequestMessage GitLab(string eventName, string? uuid, byte[] body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/gitlab") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", eventName);
        if (uuid is not null)
        {
            request.Headers.Add("X-Gitlab-Event-UUID", uuid);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Gitlab-Token", token);
        }

        return request;
    }

    /// <summary>A real payload file as a forge sends it: compact JSON.</summary>
    public static byte[] Compact(string path) => Encoding.UTF8.GetBytes(JsonNode.Parse(File.ReadAllText(path))!.ToJsonString());

    public static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);
}
