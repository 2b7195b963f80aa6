namespace Intercom.Integration.Tests.Metrics;

/// <summary>The test parser itself: valid expositions parse, each kind of mistake is refused.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Parse_ValidExposition_ReadsFamiliesLabelsAndValues()
    {
        const string text = "# HELP a_total Things \\\\ done.\n# TYPE a_total counter\na_total{x=\"q\\\"u\\\\o\\nte\"} 3\na_total 1e3\n"
            + "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3.5\nh_count 2\nplain NaN\n";

        var families = PrometheusText.Parse(text);

        Assert.Equal("counter", families["a_total"].Type);
        Assert.Equal("Things \\ done.", families["a_total"].Help);
        Assert.Equal("q\"u\\o\nte", families["a_total"].Samples[0].Labels["x"]);
        Assert.Equal(1000, families["a_total"].Samples[1].Value);
        Assert.Equal(4, families["h"].Samples.Count);
        Assert.True(double.IsNaN(families["plain"].Samples[0].Value));
    }

    [Theory]
    [InlineData("a 1", "no final line feed")]
    [InlineData("1a 1\n", "bad metric name")]
    [InlineData("a{1x=\"v\"} 1\n", "bad label name")]
    [InlineData("a{x=v} 1\n", "unquoted label value")]
    [InlineData("a{x=\"v} 1\n", "unterminated label value")]
    [InlineData("a{x=\"\\t\"} 1\n", "unknown escape")]
    [InlineData("a one\n", "value not a number")]
    [InlineData("a Infinity\n", "value spelt the .NET way")]
    [InlineData("a 1\na 2\n", "duplicate series")]
    [InlineData("a 1\nb 1\na{x=\"1\"} 1\n", "family not together")]
    [InlineData("# TYPE a counter\n# TYPE a gauge\na 1\n", "second TYPE")]
    [InlineData("a 1\n# TYPE a gauge\n", "TYPE after samples")]
    [InlineData("# TYPE a counter\na -1\n", "negative counter")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "buckets not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "+Inf bucket differs from count")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no +Inf bucket")]
    [InlineData("# TYPE a summit\na 1\n", "unknown type")]
    public void Parse_Mistake_IsRefused(string text, string mistake)
    {
        _ = mistake;
        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
    }
}
