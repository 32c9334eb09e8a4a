namespace Countersign.Core.Provenance.Lines;

/// <summary>The three attestation key formats of the git-ai Standard v3.0.0, routed by prefix.</summary>
public enum GitAiKeyKind
{
    /// <summary><c>s_&lt;14hex&gt;::t_&lt;14hex&gt;</c>: an AI session and one of its checkpoints; resolves in <c>metadata.sessions</c>.</summary>
    Session,

    /// <summary><c>h_&lt;14hex&gt;</c>: a known human observed typing; resolves in <c>metadata.humans</c>.</summary>
    Human,

    /// <summary>A bare hex hash (16 chars, 7 in very old notes): a legacy AI prompt; resolves in <c>metadata.prompts</c>.</summary>
    LegacyPrompt,
}
