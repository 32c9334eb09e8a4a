namespace Countersign.Core.Deploys;

/// <summary>Whether a deploy may go (every shipped change passes), and the verdict on each change, in shipping order.</summary>
public sealed record DeployVerdict(bool Allowed, IReadOnlyList<DeployChangeVerdict> Changes)
{
    public IEnumerable<DeployChangeVerdict> Blocking => Changes.Where(c => !c.Passed);
}
