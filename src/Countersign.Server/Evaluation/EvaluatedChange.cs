using Countersign.Contracts;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;

namespace Countersign.Server.Evaluation;

/// <summary>A stored change evaluated: its inputs, the sign-offs the evaluation saw, and the result.</summary>
public sealed record EvaluatedChange(ChangeInputs Inputs, IReadOnlyList<SignOffView> SignOffs, PolicyResult Result)
{
    public string Status => ChangeViews.StatusName(Result.Status);

    /// <summary>The sign-offs as the policy reads them: all but those withdrawn by their reviewer (<see cref="SignOffService.IsWithdrawn"/>).</summary>
    public IReadOnlyList<SignOff> PolicySignOffs => SignOffService.Counting(SignOffs);
}
