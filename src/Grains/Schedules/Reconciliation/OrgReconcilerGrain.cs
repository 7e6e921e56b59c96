using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Schedules;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Schedules.Reconciliation;

/// <summary>
/// An org's periodic reconciliation, so that background work grows with orgs, not schedules: one reminder per org that
/// has upcoming schedules (none for an idle org), first due at a random point of the interval so orgs do not tick
/// together. A pass pages through the org's active schedules with interviews still ahead, reads their applications'
/// interviews in the background lane (v3: 50 applications a listing; v1/v2: one read per application), and hands each
/// application's interviews to its schedules, which record only new drift. Schedules whose interviews are all past are
/// no longer read.
/// </summary>
public sealed class OrgReconcilerGrain(IScheduleIndex index, IGreenhouseFactory greenhouses, ScheduleOptions options, TimeProvider time,
    ILogger<OrgReconcilerGrain> logger) : Grain, IOrgReconcilerGrain, IRemindable
{
    private const string Reminder = "reconcile";
    private const int PageSize = 200;
    private const int ApplicationsPerRead = 50;
    private bool _tracking;

    private string OrgId => this.GetPrimaryKeyString();

    public async Task Track()
    {
        if (_tracking)
            return;
        if (await this.GetReminder(Reminder) is null)
            await this.RegisterOrUpdateReminder(Reminder, options.ReconcileInterval * (0.5 + Random.Shared.NextDouble()), options.ReconcileInterval);
        _tracking = true;
    }

    public Task<ReconcilePass> ReconcileNow() => PassAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
            await PassAsync();
    }

    private async Task<ReconcilePass> PassAsync()
    {
        var now = time.GetUtcNow();
        var access = await GrainFactory.Grain<IOrgGrain>(OrgId).GetGreenhouseAccess();
        var upcoming = await UpcomingSchedulesAsync(now);
        if (upcoming.Count == 0)
        {
            // Nothing ahead: hold no reminder until a schedule is made or moved again.
            if (await this.GetReminder(Reminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            _tracking = false;
            return new ReconcilePass(0, 0, 0, now);
        }

        if (access is null)
            return new ReconcilePass(upcoming.Count, 0, 0, now);
        var client = greenhouses.For(access, GreenhouseLane.Background);
        int applications = 0, drifted = 0;
        foreach (var page in upcoming.GroupBy(e => e.ApplicationId).Chunk(ApplicationsPerRead))
        {
            IReadOnlyDictionary<long, IReadOnlyList<GreenhouseInterview>> interviews;
            try
            {
                interviews = await client.InterviewsOfApplicationsAsync(page.Select(a => a.Key).ToList(), default);
                applications += page.Length;
            }
            catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.OverBudget)
            {
                break; // the budget is wanted by people and writes; the next pass goes on
            }
            catch (GreenhouseException ex)
            {
                logger.LogWarning("Reconciling {Count} applications of org {OrgId} failed: {Failure}", page.Length, OrgId, ex.Describe());
                continue;
            }

            foreach (var schedule in page.SelectMany(a => a))
            {
                if (await GrainFactory.Grain<IScheduleReconciliation>(IScheduleGrain.Key(OrgId, schedule.ScheduleId))
                        .ReconcileWith(interviews.GetValueOrDefault(schedule.ApplicationId) ?? [], "reconciliation schedule"))
                    drifted++;
            }
        }

        return new ReconcilePass(upcoming.Count, applications, drifted, now);
    }

    private async Task<List<ScheduleIndexEntry>> UpcomingSchedulesAsync(DateTimeOffset now)
    {
        var upcoming = new List<ScheduleIndexEntry>();
        string? after = null;
        while (true)
        {
            var page = await index.ListAsync(OrgId, new ScheduleIndexQuery(null, ScheduleStatus.Active.Wire(), PageSize, after, now));
            upcoming.AddRange(page.Where(e => e.LastInterviewAt > now));
            if (page.Count < PageSize)
                return upcoming;
            after = page[^1].ScheduleId;
        }
    }
}
