namespace Countersign.Data;

/// <summary>Told of each audit verification's outcome (the server's metrics; nobody on the command line).</summary>
public interface IAuditObserver
{
    /// <summary>A verification found <paramref name="problems"/> problems; it finished at <paramref name="at"/>.</summary>
    void Verified(long problems, DateTimeOffset at);
}
