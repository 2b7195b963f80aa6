using System.Globalization;
using System.Threading.RateLimiting;
using Intercom.Station.Configuration;
using Intercom.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Intercom.Web.Api.V1;

/// <summary>
/// Rate limits of <c>/api/v1</c> and <c>/metrics</c> (ASP.NET Core rate limiting): a token bucket per API token
/// (a verified one; an unknown token counts against its address) or per client address. Over the limit the answer
/// is 429 with <c>Retry-After</c> (RFC 6585 §4).
/// </summary>
public static class ApiRateLimiting
{
    /// <summary>The policy name.</summary>
    public const string Policy = "api-v1";

    /// <summary>Registers the rate limiter.</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                WebMetrics.RequestsRefused.Add(1);
                return ValueTask.CompletedTask;
            };
            // The limits are part of the partition key, so a changed web.apiBurstRequests/apiRequestsPerSecond takes
            // effect at once (a new bucket) without a restart.
            limiter.AddPolicy(Policy, context =>
            {
                var web = context.RequestServices.GetRequiredService<ConfigurationStore>().Current.Web;
                (int burst, int perSecond) = (web.ApiBurstRequests, web.ApiRequestsPerSecond);
                return RateLimitPartition.GetTokenBucketLimiter(string.Create(CultureInfo.InvariantCulture, $"{PartitionKey(context)}|{burst}|{perSecond}"), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
    }

    /// <summary>The bucket a request counts against: its verified token, else its address.</summary>
    internal static string PartitionKey(HttpContext context)
    {
        var configuration = context.RequestServices.GetRequiredService<ConfigurationStore>();
        var token = RequestSecurity.BearerToken(context, configuration, out _);
        return token is not null ? "token:" + token.Id : "address:" + RequestSecurity.ClientAddress(context);
    }
}
