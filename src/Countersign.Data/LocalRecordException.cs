namespace Countersign.Data;

/// <summary>The local record could not be opened, read or written. The message names the file and the cause in one line.</summary>
public sealed class LocalRecordException(string message, Exception? inner = null) : Exception(message, inner);
