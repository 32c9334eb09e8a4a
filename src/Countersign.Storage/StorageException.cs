namespace Countersign.Storage;

/// <summary>The database could not be opened, read or written. The message names the file and the cause in one line.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
