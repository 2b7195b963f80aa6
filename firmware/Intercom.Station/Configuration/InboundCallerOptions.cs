namespace Intercom.Station.Configuration;

/// <summary>One allowed caller: <c>station.inbound.callers[]</c>.</summary>
public sealed class InboundCallerOptions
{
    /// <summary>
    /// The caller's user part (<c>610</c>, <c>+49 30 1234-567</c>, <c>alice</c>) compared after normalising both sides
    /// (visual separators, <c>+</c>/<c>00</c> prefixes and PBX formatting removed); <c>*</c> allows any caller.
    /// </summary>
    public string Caller { get; set; } = string.Empty;

    /// <summary>The account the call must arrive through (its registrar or proxy); null accepts any account or a direct call.</summary>
    public string? Account { get; set; }

    /// <summary>Talk both ways or listen only.</summary>
    public InboundCallMode Mode { get; set; } = InboundCallMode.Talk;

    /// <summary>True lets this caller open the door with a door code.</summary>
    public bool MayOpenDoor { get; set; }
}
