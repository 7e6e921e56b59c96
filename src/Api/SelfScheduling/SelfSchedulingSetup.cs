using GemScheduling.Api.Hosting;
using GemScheduling.Planning;

namespace GemScheduling.Api.SelfScheduling;

/// <summary>Manage links in candidates' emails, absolute under the configured public base URL (never a request's Host).</summary>
internal sealed class PublicSelfServiceLinks(IBookingTokens tokens, PublicUrls urls, TimeProvider time) : ISelfServiceLinks
{
    public string ManageUrl(string orgId, long applicationId, string bookingLinkId) =>
        urls.For(SelfServicePaths.ManagePath(tokens, orgId, applicationId, bookingLinkId, time.GetUtcNow()));
}

internal static class SelfSchedulingSetup
{
    public static WebApplicationBuilder AddSelfScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISelfServiceLinks, PublicSelfServiceLinks>();
        return builder;
    }

    public static WebApplication MapSelfScheduling(this WebApplication app)
    {
        app.MapBookingLinks();
        app.MapCandidateBookings();
        return app;
    }
}
