using System.Diagnostics.Metrics;
using Intercom.Integration.Metrics;

namespace Intercom.Integration.Tests.Metrics;

/// <summary>The exporter's output for known instruments, read back by the strict parser.</summary>
public sealed class PrometheusExporterTests
{
    [Fact]
    public async Task Scrape_CountersGaugesHistograms_WritesTheTextFormatWithTheRightValues()
    {
        var meterName = "Intercom.Test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter(m => m.Name == meterName);
        var counter = meter.CreateCounter<long>("intercom.test.calls", description: "Calls.\nSecond line \\ backslash.");
        var histogram = meter.CreateHistogram<double>("intercom.test.ring_time", "s", "Ring time.");
        var level = 7;
        meter.CreateObservableGauge("intercom.test.level", () => level, description: "Level.");
        var upDown = meter.CreateUpDownCounter<int>("intercom.test.open", description: "Open things.");

        counter.Add(2, new KeyValuePair<string, object?>("outcome", "answered"));
        counter.Add(3, new KeyValuePair<string, object?>("outcome", "answered"));
        counter.Add(1, new KeyValuePair<string, object?>("outcome", "odd \"quoted\" \\ value\nnext"));
        histogram.Record(0.3);
        histogram.Record(4);
        histogram.Record(700);
        upDown.Add(3);
        upDown.Add(-1);

        var families = PrometheusText.Parse(await exporter.ScrapeAsync(TestContext.Current.CancellationToken));

        var calls = families["intercom_test_calls_total"];
        Assert.Equal("counter", calls.Type);
        Assert.Equal("Calls.\nSecond line \\ backslash.", calls.Help);
        Assert.Equal(5, calls.Samples.Single(s => s.Labels["outcome"] == "answered").Value);
        Assert.Equal(1, calls.Samples.Single(s => s.Labels["outcome"] == "odd \"quoted\" \\ value\nnext").Value);
        var ring = families["intercom_test_ring_time_seconds"];
        Assert.Equal("histogram", ring.Type);
        Assert.Equal(3, ring.Samples.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value);
        Assert.Equal(704.3, ring.Samples.Single(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Value, 6);
        Assert.Equal(1, ring.Samples.Single(s => s.Labels.TryGetValue("le", out var le) && le == "0.5").Value);
        Assert.Equal(2, ring.Samples.Single(s => s.Labels.TryGetValue("le", out var le) && le == "5").Value);
        Assert.Equal(2, ring.Samples.Single(s => s.Labels.TryGetValue("le", out var le) && le == "600").Value);
        Assert.Equal(7, families["intercom_test_level"].Samples.Single().Value);
        Assert.Equal("gauge", families["intercom_test_open"].Type);
        Assert.Equal(2, families["intercom_test_open"].Samples.Single().Value);

        // Observable values are read again at each scrape, not added up.
        level = 9;
        families = PrometheusText.Parse(await exporter.ScrapeAsync(TestContext.Current.CancellationToken));
        Assert.Equal(9, families["intercom_test_level"].Samples.Single().Value);
        Assert.Equal(5, families["intercom_test_calls_total"].Samples.Single(s => s.Labels["outcome"] == "answered").Value);
    }

    [Theory]
    [InlineData("intercom.calls.ended", "intercom_calls_ended")]
    [InlineData("sip.messages.malformed", "intercom_sip_messages_malformed")]
    [InlineData("Intercom.Odd-Name/x", "intercom_odd_name_x")]
    public void MetricName_InstrumentName_BecomesSnakeCaseWithThePrefix(string instrument, string expected) =>
        Assert.Equal(expected, PrometheusExporter.MetricName(instrument));
}
