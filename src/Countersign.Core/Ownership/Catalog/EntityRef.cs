namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// A reference to a catalog entity, <c>kind:namespace/name</c>, as Backstage writes it. Kind and namespace are
/// stored lower-case; the name keeps its spelling. Equality ignores case throughout, as Backstage compares refs.
/// </summary>
public readonly struct EntityRef : IEquatable<EntityRef>
{
    public const string DefaultNamespace = "default";

    public EntityRef(string kind, string @namespace, string name)
    {
        Kind = kind.ToLowerInvariant();
        Namespace = @namespace.ToLowerInvariant();
        Name = name;
    }

    public string Kind { get; }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>
    /// Parses <c>[kind:][namespace/]name</c>. A missing kind takes <paramref name="defaultKind"/> (when that is null the kind
    /// is required); a missing namespace takes <paramref name="defaultNamespace"/>. False with a reason for malformed text.
    /// </summary>
    public static bool TryParse(string? text, string? defaultKind, string defaultNamespace, out EntityRef entityRef, out string? error)
    {
        entityRef = default;
        var rest = text?.Trim() ?? "";
        if (rest.Length == 0)
        {
            error = "empty entity reference";
            return false;
        }

        var kind = defaultKind;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            kind = rest[..colon];
            rest = rest[(colon + 1)..];
            if (!IsValidPart(kind, allowDot: false))
            {
                error = $"'{text}' has an invalid kind '{kind}'";
                return false;
            }
        }

        if (kind is null)
        {
            error = $"'{text}' has no kind (expected kind:namespace/name)";
            return false;
        }

        var ns = defaultNamespace;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
            if (!IsValidPart(ns, allowDot: true))
            {
                error = $"'{text}' has an invalid namespace '{ns}'";
                return false;
            }
        }

        if (!IsValidPart(rest, allowDot: true))
        {
            error = $"'{text}' has an invalid name '{rest}' (letters, digits, '-', '_' and '.', at most 63, starting and ending with a letter or digit)";
            return false;
        }

        entityRef = new EntityRef(kind, ns, rest);
        error = null;
        return true;
    }

    /// <summary>Parses a full or partial ref; throws <see cref="FormatException"/> when malformed. For code and tests, not for input.</summary>
    public static EntityRef Parse(string text, string defaultKind = "component", string defaultNamespace = DefaultNamespace) =>
        TryParse(text, defaultKind, defaultNamespace, out var entityRef, out var error) ? entityRef : throw new FormatException(error);

    /// <summary>Backstage's name rule: <c>[a-zA-Z0-9]</c> separated by <c>[-_.]</c>, at most 63 characters.</summary>
    internal static bool IsValidPart(string part, bool allowDot)
    {
        if (part.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(part[0]) || !char.IsAsciiLetterOrDigit(part[^1]))
        {
            return false;
        }

        foreach (var c in part)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && !(allowDot && c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(EntityRef other) =>
        string.Equals(Kind, other.Kind, StringComparison.Ordinal)
        && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is EntityRef other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(Kind, Namespace, Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    public static bool operator ==(EntityRef left, EntityRef right) => left.Equals(right);

    public static bool operator !=(EntityRef left, EntityRef right) => !left.Equals(right);

    /// <summary><c>kind:namespace/name</c>, the form the rest of Countersign (e.g. the service graph) uses as a key.</summary>
    public override string ToString() => $"{Kind}:{Namespace}/{Name}";
}
