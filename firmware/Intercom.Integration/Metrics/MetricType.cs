namespace Intercom.Integration.Metrics;

/// <summary>The Prometheus metric types we write.</summary>
internal enum MetricType
{
    /// <summary>A cumulative count (written with the <c>_total</c> suffix).</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Cumulative buckets, sum and count.</summary>
    Histogram,
}
