using Countersign.Core.Provenance;

namespace Countersign.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void UnknownProvenanceIsNotAssisted() => Assert.False(CommitProvenance.Unknown.Assisted);
}
