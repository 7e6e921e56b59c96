using GemScheduling.Greenhouse;
using GemScheduling.Persistence.EventStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GemScheduling;

public static class GrainServiceCollectionExtensions
{
    /// <summary>Services every silo needs whatever the storage: the event type names, the clock.</summary>
    public static IServiceCollection AddGemSchedulingGrainServices(this IServiceCollection services, GreenhouseSettings? greenhouse = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new Sync.SyncOptions());
        services.TryAddSingleton(sp =>
        {
            var sync = sp.GetRequiredService<Sync.SyncOptions>();
            return new GreenhouseOptions { PageSize = sync.PageSize, MaxPagesPerListing = sync.MaxPagesPerKind };
        });
        services.AddGreenhouse(greenhouse);
        services.TryAddSingleton(new Schedules.ScheduleOptions());
        services.TryAddSingleton(sp => Webhooks.WebhookOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<Schedules.SchedulePlanner>();
        services.TryAddSingleton<Emails.EmailDelivery>();
        services.TryAddSingleton<Planning.ParsedCalendars>();
        services.TryAddSingleton<Planning.ILoopSuggester, Planning.LoopSuggester>();
        services.TryAddSingleton<Planning.IcsFeedReader>();
        services.TryAddSingleton<Planning.IAvailabilityLinkSigner, Planning.AvailabilityLinks>();
        services.TryAddSingleton<Planning.IBookingTokens, Planning.Booking.BookingTokens>();
        services.TryAddSingleton<Planning.IPublicLinks, Planning.Booking.RelativePublicLinks>();
        services.TryAddSingleton<Planning.Booking.BookingSlots>();
        services.TryAddSingleton(sp => new Planning.CalendarFeedOptions
        {
            AllowPrivateNetworks = sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>().GetValue("Calendars:AllowPrivateFeeds", false),
        });
        services.AddHttpClient(Planning.IcsFeedReader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseProxy = false,
                MaxAutomaticRedirections = 5,
                ConnectCallback = sp.GetRequiredService<Planning.CalendarFeedOptions>().AllowPrivateNetworks ? null : Boundaries.PublicAddresses.Connector("calendar feeds"),
            });
        services.TryAddSingleton(sp => Emails.EmailOptions.FromConfiguration(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddSingleton<IEventUpcaster, Schedules.Events.LegacySkipReasons>();
        services.TryAddSingleton(sp => new EventTypeRegistry(
            [typeof(GrainServiceCollectionExtensions).Assembly, .. sp.GetServices<EventAssembly>().Select(a => a.Assembly)],
            sp.GetServices<IEventUpcaster>()));
        return services;
    }
}

/// <summary>Registers another assembly whose [EventType] events may be stored (tests, extensions).</summary>
public sealed record EventAssembly(System.Reflection.Assembly Assembly);
