namespace Countersign.Core.Policy.Conditions;

/// <summary>Whose facts a <see cref="PeopleCondition"/> looks at.</summary>
public enum PersonScope
{
    /// <summary><c>author:</c> the accountable author only.</summary>
    Author,

    /// <summary><c>contributors:</c> the author, co-authors and prompters (everyone human who wrote or asked for the code).</summary>
    Contributors,
}
