using GemScheduling.Greenhouse.Budget;
using GemScheduling.Greenhouse.Connect;
using GemScheduling.Harvest;
using GemScheduling.Harvest.Http;
using GemScheduling.Harvest.RateBudget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GemScheduling.Greenhouse;

/// <summary>The operator's Greenhouse settings (<c>Greenhouse:*</c>): where calls may go and how long they may take.</summary>
public sealed record GreenhouseSettings
{
    /// <summary>Any host, private and loopback included (sandboxes, the embedded demo).</summary>
    public bool AllowPrivateHosts { get; init; }

    /// <summary>Hosts added to Greenhouse's own (an egress proxy, a regional host).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public TimeSpan? AttemptTimeout { get; init; }

    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>How long calls pause once Greenhouse has been failing for an org.</summary>
    public TimeSpan? CircuitBreakDuration { get; init; }
}

public static class GreenhouseServiceCollectionExtensions
{
    /// <summary>
    /// The port and what is behind it: the Harvest client pipeline (on the cluster-wide budget grain), the adapters'
    /// factory and the connection check. A host may register its own <see cref="HarvestClientOptions"/> first.
    /// </summary>
    public static IServiceCollection AddGreenhouse(this IServiceCollection services, GreenhouseSettings? settings = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new RateBudgetOptions());
        services.TryAddSingleton<IHarvestRateGate, GrainHarvestRateGate>();
        var options = services.LastOrDefault(d => d.ServiceType == typeof(HarvestClientOptions))?.ImplementationInstance as HarvestClientOptions ?? new();
        if (settings is not null)
        {
            options = options with
            {
                Hosts = new GreenhouseHostPolicy { AllowPrivateHosts = settings.AllowPrivateHosts, AllowedHosts = settings.AllowedHosts },
                AttemptTimeout = settings.AttemptTimeout ?? options.AttemptTimeout,
                TotalTimeout = settings.TotalTimeout ?? options.TotalTimeout,
                BreakerBreakDuration = settings.CircuitBreakDuration ?? options.BreakerBreakDuration,
            };
            services.RemoveAll<HarvestClientOptions>();
        }

        services.AddHarvestClient(options);
        // The port's options, however the host registered them, carry the client's total timeout: callers time their waits on it.
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(GreenhouseOptions) && !d.IsKeyedService);
        Func<IServiceProvider, GreenhouseOptions> port = registered switch
        {
            { ImplementationInstance: GreenhouseOptions instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (GreenhouseOptions)factory(sp),
            { ImplementationType: { } type } => sp => (GreenhouseOptions)ActivatorUtilities.CreateInstance(sp, type),
            _ => _ => new GreenhouseOptions(),
        };
        var total = options.TotalTimeout;
        if (registered is not null)
            services.Remove(registered);
        services.AddSingleton(sp => port(sp) with { CallTimeout = total });
        services.TryAddSingleton<GreenhouseFactory>();
        services.TryAddSingleton<IGreenhouseFactory>(sp => sp.GetRequiredService<GreenhouseFactory>());
        services.TryAddSingleton<GreenhouseConnections>();
        return services;
    }
}
