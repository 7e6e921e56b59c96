using System.Net;
using GemScheduling.Harvest.Http;
using GemScheduling.Harvest.RateBudget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace GemScheduling.Harvest;

public static class HarvestServiceCollectionExtensions
{
    /// <summary>
    /// The Harvest client pipeline, outermost first: total timeout and retry (one pipeline per org) → the org's rate
    /// budget, asked before every attempt → circuit breaker and per-attempt timeout (per org) → Basic auth → the wire.
    /// POSTs are retried only after a 429 (Greenhouse did not act); other failures of a POST are left to the caller,
    /// which looks the write up before trying again.
    /// </summary>
    public static IServiceCollection AddHarvestClient(this IServiceCollection services, HarvestClientOptions? options = null)
    {
        options ??= new HarvestClientOptions();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHarvestRateGate>(sp => new LocalHarvestRateGate(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<HarvestClientFactory>();
        services.TryAddTransient<HarvestRateLimitHandler>();
        services.TryAddTransient<HarvestAuthHandler>();
        services.TryAddTransient<HarvestV3AuthHandler>();
        services.TryAddTransient<HarvestWireGuard>();
        services.TryAddSingleton<OAuth.OAuthTokenClient>();

        AddPipeline(services.AddHttpClient(HarvestClientFactory.HttpClientName), options).AddHttpMessageHandler<HarvestAuthHandler>()
            .AddHttpMessageHandler<HarvestWireGuard>().ConfigurePrimaryHttpMessageHandler(() => options.Hosts.CreateTransport());
        AddPipeline(services.AddHttpClient(HarvestClientFactory.V3HttpClientName), options).AddHttpMessageHandler<HarvestV3AuthHandler>()
            .AddHttpMessageHandler<HarvestWireGuard>().ConfigurePrimaryHttpMessageHandler(() => options.Hosts.CreateTransport());

        // Token requests: idempotent, so every transient failure is retried, honouring Retry-After on the token window.
        var oauth = services.AddHttpClient(OAuth.OAuthTokenClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => options.Hosts.CreateTransport())
            .RedactLoggedHeaders(_ => true);
        oauth.AddResilienceHandler("harvest-oauth", pipeline =>
            {
                pipeline.AddTimeout(options.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        oauth.AddHttpMessageHandler<HarvestWireGuard>();
        return services;
    }

    private static IHttpClientBuilder AddPipeline(IHttpClientBuilder client, HarvestClientOptions options)
    {
        client.RedactLoggedHeaders(_ => true);

        client.AddResilienceHandler("harvest-retry", (pipeline, context) =>
        {
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            // The total timeout keeps interactive calls and writes inside a grain call; background sync pages run off
            // the grain and may legitimately wait longer than that for the org's budget.
            if (!context.InstanceName.EndsWith($"|{HarvestLane.Background}", StringComparison.Ordinal))
                pipeline.AddTimeout(options.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage(), args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled
                        ? RateLimitHeaders.RetryDelay(throttled, time.GetUtcNow()) + TimeSpan.FromMilliseconds(Random.Shared.Next(50, 500))
                        : (TimeSpan?)null),
            });
        }).SelectPipelineBy(_ => PerOrgAndLane);

        client.AddHttpMessageHandler<HarvestRateLimitHandler>();

        client.AddResilienceHandler("harvest-attempt", pipeline =>
        {
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        }).SelectPipelineBy(_ => PerOrg);
        return client;
    }

    private static string PerOrgAndLane(HttpRequestMessage request) => $"{PerOrg(request)}|{request.GetLane()}";

    // The resilience library also calls this once with a blank request when it builds the handler.
    private static string PerOrg(HttpRequestMessage request) =>
        request.Options.TryGetValue(HarvestRequestOptions.Connection, out var connection) ? connection.OrgId : "";

    private static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests })
            return true; // refused before acting: safe for every method
        if (request is null || request.Method == HttpMethod.Post)
            return false;
        return IsServerFailure(outcome) || outcome.Result is { StatusCode: HttpStatusCode.RequestTimeout };
    }

    private static bool IsServerFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { InnerException: Boundaries.AddressNotAllowedException } } => false, // refused by us, not failed
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };
}
