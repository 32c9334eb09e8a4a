namespace Countersign.Core.Policy.Testing;

// The YAML shape of a policy test file (see docs/policy-testing.md); YamlDotNet fills these, keys in snake_case.
#pragma warning disable CA1812, CA2227 // instantiated by the deserializer; settable collections are how it fills them

/// <summary>A policy test file: a list of cases.</summary>
internal sealed class FixtureDocument
{
    public List<FixtureCase> Cases { get; set; } = [];
}

/// <summary>One case: a change, its sign-offs, the time, and what the policy must say.</summary>
internal sealed class FixtureCase
{
    public string? Name { get; set; }

    public DateTimeOffset? Now { get; set; }

    public string? Environment { get; set; }

    public FixtureChange Change { get; set; } = new();

    public List<FixtureSignOff> Signoffs { get; set; } = [];

    public FixtureExpectation Expect { get; set; } = new();
}

/// <summary>The facts of the change, by person id and component name rather than by git objects.</summary>
internal sealed class FixtureChange
{
    public string? Author { get; set; }

    public List<string> CoAuthors { get; set; } = [];

    public List<string> Prompters { get; set; } = [];

    public List<string> Committers { get; set; } = [];

    public List<string> Agents { get; set; } = [];

    public string Provenance { get; set; } = "unknown";

    public List<string> Tools { get; set; } = [];

    public double? AiLineShare { get; set; }

    public List<FixtureFile> Files { get; set; } = [];

    public List<FixtureComponent> Touched { get; set; } = [];

    public List<FixtureComponent> Reached { get; set; } = [];

    public FixtureBlast BlastRadius { get; set; } = new();

    public double Risk { get; set; }

    public List<string> Labels { get; set; } = [];

    public string? TargetBranch { get; set; } = "main";

    public string? SourceBranch { get; set; }

    public int Commits { get; set; } = 1;

    public Dictionary<string, List<string>> Codeowners { get; set; } = [];
}

internal sealed class FixtureFile
{
    public string Path { get; set; } = "";

    public int Added { get; set; }

    public int Deleted { get; set; }
}

internal sealed class FixtureComponent
{
    public string Name { get; set; } = "";

    public int? Tier { get; set; }

    public string? Owner { get; set; }
}

internal sealed class FixtureBlast
{
    public string Class { get; set; } = "contained";

    public double Score { get; set; }
}

internal sealed class FixtureSignOff
{
    public string By { get; set; } = "";

    public string Kind { get; set; } = "approve";

    /// <summary>Given for an earlier revision: a different patch identity (and different file ids for every file).</summary>
    public bool Stale { get; set; }

    public string? Comment { get; set; }

    /// <summary>Minutes before <see cref="FixtureCase.Now"/>; later sign-offs replace earlier ones by the same person.</summary>
    public int MinutesAgo { get; set; } = 60;
}

internal sealed class FixtureExpectation
{
    public string? Status { get; set; }

    public Dictionary<string, string> Rules { get; set; } = [];

    /// <summary>Rule name → person ids that must be among the people who can give the missing sign-off.</summary>
    public Dictionary<string, List<string>> Candidates { get; set; } = [];
}
#pragma warning restore CA1812, CA2227
