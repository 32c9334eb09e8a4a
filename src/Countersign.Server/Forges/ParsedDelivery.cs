using System.Diagnostics.CodeAnalysis;

namespace Countersign.Server.Forges;

/// <summary>What a forge parser made of a delivery: the event to work, or why there is none (ignored, or rejected naming the field).</summary>
public readonly record struct ParsedDelivery(ForgeEvent? Event, DeliveryOutcome? NotWorked)
{
    public static implicit operator ParsedDelivery(ForgeEvent forgeEvent) => new(forgeEvent, null);

    public static implicit operator ParsedDelivery(DeliveryOutcome outcome) => new(null, outcome);

    /// <summary>True with the event; false with the outcome to answer instead.</summary>
    public bool Succeeded([NotNullWhen(true)] out ForgeEvent? forgeEvent, [NotNullWhen(false)] out DeliveryOutcome? outcome)
    {
        forgeEvent = Event;
        outcome = NotWorked;
        return Event is not null;
    }
}
