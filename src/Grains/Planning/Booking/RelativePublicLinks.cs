namespace GemScheduling.Planning.Booking;

/// <summary>
/// Email links as paths, for hosts that know no public address (a test silo); the API replaces this with absolute
/// URLs under its public base URL.
/// </summary>
public sealed class RelativePublicLinks(IBookingTokens tokens, TimeProvider time) : IPublicLinks
{
    public string ManageUrl(string orgId, long applicationId, string bookingLinkId) =>
        SelfServicePaths.ManagePath(tokens, orgId, applicationId, bookingLinkId, time.GetUtcNow());

    public string SchedulePageUrl(string scheduleId) => SelfServicePaths.SchedulePage(scheduleId);
}
