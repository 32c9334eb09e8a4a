namespace Countersign.Engine.Enforcement;

/// <summary>What decided a first set-up push (<see cref="PolicyBootstrap.Decide"/>).</summary>
public enum BootstrapReason
{
    /// <summary>The push adds a valid policy and, on an existing branch, changes nothing but trusted configuration.</summary>
    Accepted,

    /// <summary>The pushed tip has no policy file either: the branch still has nothing to judge by.</summary>
    NoPolicyPushed,

    /// <summary>The pushed policy or the configuration pushed with it has errors.</summary>
    InvalidPolicy,

    /// <summary>The push changes more than trusted configuration, so code would slip in unjudged.</summary>
    ChangesMoreThanConfiguration,
}
