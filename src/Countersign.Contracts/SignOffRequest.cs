using Countersign.Core.SignOffs;

namespace Countersign.Contracts;

/// <summary>A sign-off, rejection or break-glass as a reviewer gives it (<c>POST /api/v1/changes/{id}/signoffs</c>).</summary>
/// <param name="Kind">approve, reject or break-glass.</param>
/// <param name="PatchId">The patch identity of the content the reviewer looked at; must be the change's current one.</param>
/// <param name="Comment">Optional comment; for break-glass, the mandatory reason.</param>
public sealed record SignOffRequest(SignOffKind Kind, string PatchId, string? Comment = null);
