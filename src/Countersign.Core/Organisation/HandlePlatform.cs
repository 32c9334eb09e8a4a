namespace Countersign.Core.Organisation;

/// <summary>A code-hosting platform whose logins people are known by.</summary>
public enum HandlePlatform
{
    GitHub,
    GitLab,
}
