using System.Net.Http.Json;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Tests.SelfScheduling;

/// <summary>Booking and manage links are bearer secrets: at Trace level, after a whole booking's life, no log line holds one.</summary>
public sealed class BookingLinkLogSpecs(BookingLinkLogSpecs.TracedApi api) : IClassFixture<BookingLinkLogSpecs.TracedApi>
{
    public sealed class TracedApi : ConnectedApi
    {
        public CapturedLogs Logs { get; } = new();

        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" };

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
    }

    [Fact]
    public async Task Given_a_booking_opened_booked_moved_refused_and_cancelled_at_trace_level_then_no_log_line_holds_a_link_token()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 5 + 1)!;
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var slots = (await api.OpenAsync(link.ApiPath)).Slots;
        var confirmation = (await (await api.BookAsync(link.ApiPath, slots[0].Start)).Content.ReadFromJsonAsync<BookingConfirmationView>(BookingLinkRequests.Json))!;
        var manage = ManageLinks.ApiPath(confirmation.ManageUrl!);
        var anonymous = api.Api.ClientWith(null);
        await anonymous.GetAsync(link.PagePath);
        await anonymous.PostAsJsonAsync($"{manage}/reschedule", new { start = slots[^1].Start, timeZone = "Nowhere/Land" });
        await anonymous.PostAsJsonAsync($"{manage}/reschedule", new { start = slots[^1].Start, timeZone = "UTC" });
        await anonymous.GetAsync(manage[..^4] + "AAAA");
        await api.SettledAsync(link.Link.ScheduleId);
        var emailed = ManageLinks.ApiPath(await api.ManageLinkInEmailAsync(target.ApplicationId));
        await anonymous.PostAsJsonAsync($"{emailed}/cancel", new { reason = "Found another role" });
        await api.SettledAsync(link.Link.ScheduleId);

        var tokens = new[] { link.ApiPath, manage, emailed }.Select(p => p.Split('/').Last()).ToList();
        Assert.NotEmpty(api.Logs.Lines);
        Assert.DoesNotContain(api.Logs.Lines, line => tokens.Any(t => line.Contains(t[(t.IndexOf('.') + 1)..], StringComparison.Ordinal)));
    }
}
