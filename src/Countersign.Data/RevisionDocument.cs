namespace Countersign.Data;

/// <summary>The two documents a revision stores.</summary>
internal enum RevisionDocument
{
    Facts,
    Policy,
}
