using System.Globalization;
using System.Threading.RateLimiting;
using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GemScheduling.Api.RateLimits;

/// <summary>ASP.NET Core's rate limiter with GemScheduling's partitions; a refusal is a 429 problem with Retry-After.</summary>
internal static class RateLimiting
{
    private const string ExpensivePolicy = "expensive";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RequestLimiter>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(ExpensivePolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;
                return !settings.Enabled || context.User.IsAdmin() || context.User.OrgId() is not { } orgId
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter("expensive:" + orgId, _ => RequestLimiter.PerMinute(settings.ExpensivePerOrgPerMinute));
            });
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<RequestLimiter>((o, limiter) => o.GlobalLimiter = limiter);
        return builder;
    }

    /// <summary>The routes that make Greenhouse or the suggestion engine work also take from a stricter bucket of their org.</summary>
    public static TBuilder Expensive<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireRateLimiting(ExpensivePolicy);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Type = Problems.TypeBase + "rate-limited",
                Detail = "This client, token or org has sent more requests than its limit allows; retry after the time in Retry-After.",
            },
        });
    }
}
