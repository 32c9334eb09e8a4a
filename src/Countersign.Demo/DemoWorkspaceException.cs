namespace Countersign.Demo;

/// <summary>The demo workspace cannot be created here (a foreign non-empty folder, git missing or failing); the message says why.</summary>
public sealed class DemoWorkspaceException(string message) : Exception(message);
