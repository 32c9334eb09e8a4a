using Countersign.Core.Diagnostics;

namespace Countersign.Core.Organisation;

/// <summary>
/// The directory read from YAML or CSV, and what was wrong with the input. The directory is always usable:
/// bad values are left out (an unknown level leaves the person without a level, an unknown team is dropped from
/// their teams) and each is reported.
/// </summary>
public sealed record OrgDirectoryParseResult(OrgDirectory Directory, IReadOnlyList<Diagnostic> Diagnostics);
