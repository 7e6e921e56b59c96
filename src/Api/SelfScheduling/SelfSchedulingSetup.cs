using GemScheduling.Api.Hosting;
using GemScheduling.Planning;

namespace GemScheduling.Api.SelfScheduling;

/// <summary>The links in emails, absolute under the configured public base URL (never a request's Host).</summary>
internal sealed class AbsolutePublicLinks(IBookingTokens tokens, PublicUrls urls, TimeProvider time) : IPublicLinks
{
    public string ManageUrl(string orgId, long applicationId, string bookingLinkId) =>
        urls.For(SelfServicePaths.ManagePath(tokens, orgId, applicationId, bookingLinkId, time.GetUtcNow()));

    public string SchedulePageUrl(string scheduleId) => urls.For(SelfServicePaths.SchedulePage(scheduleId));
}

internal static class SelfSchedulingSetup
{
    public static WebApplicationBuilder AddSelfScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPublicLinks, AbsolutePublicLinks>();
        return builder;
    }

    public static WebApplication MapSelfScheduling(this WebApplication app)
    {
        app.MapBookingLinks();
        app.MapCandidateBookings();
        return app;
    }
}
