namespace Countersign.Demo;

/// <summary>A human commit that mentions AI tools or quotes their markers without being AI-assisted.</summary>
internal sealed record DemoTrap(string Name, DemoPerson Author, string Message, bool DeclaresHuman, Action Apply);
