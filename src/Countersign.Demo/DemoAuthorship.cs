namespace Countersign.Demo;

/// <summary>Who a commit names as author and committer, and its full message.</summary>
internal sealed record DemoAuthorship(DemoSignature Author, DemoSignature Committer, string Message);
