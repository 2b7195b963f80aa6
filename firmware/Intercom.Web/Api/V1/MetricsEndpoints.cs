using Intercom.Integration.Metrics;
using Intercom.Station.Configuration;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Intercom.Web.Api.V1;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text format. A bearer token with the read scope, unless
/// <c>metrics.allowAnonymous</c> is set (a Prometheus on a trusted network).
/// </summary>
internal static class MetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/metrics", ScrapeAsync).AddEndpointFilter(new MetricsAccessFilter())
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .WithSummary("Prometheus metrics (text exposition format 0.0.4)")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");

    private static async Task<IResult> ScrapeAsync(PrometheusExporter exporter, HttpContext context)
    {
        var text = await exporter.ScrapeAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Text(text, PrometheusExporter.ContentType);
    }

    private sealed class MetricsAccessFilter : IEndpointFilter
    {
        private readonly ApiAccessFilter _token = new(ApiScope.Read);

        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var configuration = context.HttpContext.RequestServices.GetRequiredService<ConfigurationStore>();
            return configuration.Current.Metrics.AllowAnonymous ? next(context) : _token.InvokeAsync(context, next);
        }
    }
}
