namespace Countersign.Core.Ownership.Catalog;

/// <summary>The Backstage kinds Countersign understands, lower-case as they appear in <see cref="EntityRef.Kind"/>.</summary>
public static class EntityKinds
{
    public const string Component = "component";
    public const string Api = "api";
    public const string Resource = "resource";
    public const string System = "system";
    public const string Domain = "domain";
    public const string Group = "group";
    public const string User = "user";
    public const string Location = "location";

    public static IReadOnlyList<string> All { get; } = [Component, Api, Resource, System, Domain, Group, User, Location];

    internal static bool IsKnown(string kind) => kind switch
    {
        Component or Api or Resource or System or Domain or Group or User or Location => true,
        _ => false,
    };
}
