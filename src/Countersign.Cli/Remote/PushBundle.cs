using Countersign.Contracts;
using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Server;

namespace Countersign.Cli.Remote;

/// <summary>
/// A pushed update sent to a server that builds the repository's changes itself. The push is quarantined until the
/// hook accepts it, so the server cannot fetch it: the hook sends the pushed objects — never facts — as a git bundle of
/// the new tip without what the old tip reaches; the server verifies it against its mirror and builds the change from
/// there. Objects are named by their content, so the server's verdict on the new tip is a verdict on what is pushed.
/// </summary>
internal static class PushBundle
{
    /// <summary>Sends <paramref name="update"/>'s objects; the receipt names the mirror's refs that now hold them.</summary>
    /// <param name="client">The server.</param>
    /// <param name="repository">The repository receiving the push (git lets the hook read its quarantine).</param>
    /// <param name="update">An update of an existing branch (old and new tips).</param>
    /// <param name="name">The repository's name on the server.</param>
    /// <exception cref="GitCommandException">git could not write the bundle.</exception>
    /// <exception cref="ServerRefusedException">The server refused the bundle, or it is larger than the server reads (413).</exception>
    /// <exception cref="ServerFailureException">The server gave no usable answer.</exception>
    public static BundleReceipt Send(ServerClient client, GitRepository repository, PushUpdate update, string name)
    {
        var file = Path.GetTempFileName();
        try
        {
            using (var output = new FileStream(file, FileMode.Create, FileAccess.Write))
            {
                GitBundle.Write(repository, output, update.NewSha, update.RefName, [update.OldSha]);
            }

            var length = new FileInfo(file).Length;
            if (length > ServerHost.MaxRequestBodyBytes)
            {
                throw new ServerRefusedException(System.Net.HttpStatusCode.RequestEntityTooLarge,
                    $"the pushed objects take {length} bytes as a bundle, more than the server reads in one request ({ServerHost.MaxRequestBodyBytes} bytes): push the work in smaller steps", []);
            }

            using var input = new FileStream(file, FileMode.Open, FileAccess.Read);
            return client.SendBundleAsync(name, input).GetAwaiter().GetResult();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>True when the update rewrites the branch's history (its old tip is not an ancestor of the new one).</summary>
    public static bool Rewrites(GitRepository repository, PushUpdate update) => !GitMirror.IsAncestor(repository, update.OldSha, update.NewSha);
}
