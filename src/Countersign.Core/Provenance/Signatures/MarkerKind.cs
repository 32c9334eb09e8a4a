namespace Countersign.Core.Provenance.Signatures;

/// <summary>Where a <see cref="SignatureMarker"/> looks. The YAML spelling is the lower-case, dash-separated name.</summary>
public enum MarkerKind
{
    /// <summary>The author, the committer, or the identity in an identity trailer (<c>Co-authored-by:</c>, …).</summary>
    Identity,

    /// <summary>Only the commit's author.</summary>
    Author,

    /// <summary>Only the commit's committer.</summary>
    Committer,

    /// <summary>Only the identity in an identity trailer.</summary>
    CoAuthor,

    /// <summary>A trailer of the final trailer block with a given key.</summary>
    Trailer,

    /// <summary>A whole footer line near the end of the message.</summary>
    Footer,

    /// <summary>The subject line.</summary>
    Subject,

    /// <summary>A branch name (pull requests).</summary>
    Branch,

    /// <summary>
    /// A link to the tool's session, thread or task (<c>https://ampcode.com/threads/T-…</c>) standing alone in the
    /// trailer block or the footer: a whole trailer value or a whole footer line. Uses <see cref="SignatureMarker.Pattern"/>.
    /// </summary>
    SessionUrl,
}
