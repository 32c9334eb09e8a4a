namespace Countersign.Demo;

/// <summary>
/// A git-ai authorship note to attach to a commit. <see cref="Legacy"/> notes use the pre-1.4 bare 16-hex prompt keys;
/// the others use <c>s_…::t_…</c> session keys. <see cref="Tool"/> is git-ai's <c>agent_id.tool</c> name.
/// </summary>
internal sealed record DemoNotePlan(
    string Tool, string Model, string ConversationId, string TraceId, DemoPerson Human, bool Legacy, IReadOnlyList<DemoNoteFile> Files);
