namespace Intercom.Interop.Tests.Media;

/// <summary>Median and worst 100 ms correlations of what each side heard with what the other sent.</summary>
internal sealed record AudioMeasurement(double WeHeard, double WeHeardWorst, double PeerHeard, double PeerHeardWorst)
{
    public override string ToString() =>
        $"we heard {WeHeard:0.0000} (worst 100 ms {WeHeardWorst:0.000}), peer heard {PeerHeard:0.0000} (worst {PeerHeardWorst:0.000})";
}
