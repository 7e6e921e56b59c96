using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// Whether a Greenhouse org (the sandbox's own records) holds exactly what GemScheduling's schedules say they wrote:
/// every live interview once, at the same times, with the same panel, under the recorded id; every cancelled one gone;
/// no orphans or duplicates; every note and logged email that succeeded there exactly once, none that did not; no write
/// still pending or given up for a transient reason. Returns one line per violation.
/// </summary>
public static class GreenhouseAgreement
{
    public static IEnumerable<string> Check(
        IEnumerable<SandboxInterview> interviews, IEnumerable<SandboxNote> allNotes, IEnumerable<SandboxEmail> allEmails, IReadOnlyDictionary<string, ScheduleView> schedules)
    {
        var inGreenhouse = interviews.Where(i => i.ExternalEventId?.StartsWith("gs-", StringComparison.Ordinal) == true).ToList();
        var notes = allNotes.Where(n => n.Body.Contains("GemScheduling ref", StringComparison.Ordinal)).ToList();
        var emails = allEmails.Where(e => e.Body.Contains("GemScheduling ref", StringComparison.Ordinal)).ToList();
        var known = new HashSet<string>();

        foreach (var (id, schedule) in schedules)
        {
            foreach (var write in schedule.Mutations)
            {
                if (write.Status == MutationStatus.Pending)
                    yield return $"{id}: {write.Kind} {write.Id} still pending";
                if (write.Status == MutationStatus.Failed && write.LastError?.StartsWith("Gave up", StringComparison.Ordinal) == true)
                    yield return $"{id}: {write.Kind} {write.Id} failed for a transient reason: {write.LastError}";
            }

            foreach (var interview in schedule.Interviews)
            {
                known.Add(interview.ExternalEventId);
                var copies = inGreenhouse.Where(i => i.ExternalEventId == interview.ExternalEventId).ToList();
                var writes = schedule.Mutations.Where(m => m.InterviewId == interview.Id).ToList();
                var failed = writes.Any(w => w.Status == MutationStatus.Failed);
                if (interview.Status == GemScheduling.Schedules.InterviewStatus.Cancelled || schedule.Status == ScheduleStatus.Cancelled)
                {
                    if (copies.Count != 0 && !failed)
                        yield return $"{id}/{interview.Id}: cancelled but {copies.Count} interview(s) remain in Greenhouse";
                    continue;
                }

                if (failed)
                    continue; // failed visibly, for a permanent reason (checked above)
                if (copies.Count != 1)
                {
                    yield return $"{id}/{interview.Id}: {copies.Count} interviews in Greenhouse, expected 1";
                    continue;
                }

                var copy = copies[0];
                if (copy.Id != interview.GreenhouseInterviewId)
                    yield return $"{id}/{interview.Id}: GemScheduling points at {interview.GreenhouseInterviewId}, Greenhouse has {copy.Id}";
                if (copy.Start.DateTime != interview.Start || copy.End.DateTime != interview.End)
                    yield return $"{id}/{interview.Id}: Greenhouse has {copy.Start.DateTime:u}-{copy.End.DateTime:u}, GemScheduling {interview.Start:u}-{interview.End:u}";
                if (!copy.Interviewers.Select(i => i.UserId).Order().SequenceEqual(interview.Interviewers.Select(i => i.UserId).Order()))
                    yield return $"{id}/{interview.Id}: the panels differ";
            }

            foreach (var write in schedule.Mutations.Where(m => m.Kind == MutationKind.AddNote))
            {
                var found = notes.Count(n => n.Body.Contains($"[GemScheduling ref {write.Id}]", StringComparison.Ordinal));
                if (write.Status == MutationStatus.Succeeded ? found != 1 : found != 0)
                    yield return $"{id}: note {write.Id} is {write.Status} but Greenhouse has it {found} time(s)";
            }

            foreach (var write in schedule.Mutations.Where(m => m.Kind == MutationKind.LogEmail && m.Status == MutationStatus.Succeeded))
            {
                if (emails.Count(e => e.Id == write.GreenhouseId) != 1)
                    yield return $"{id}: logged email {write.Id} (Greenhouse id {write.GreenhouseId}) is not in Greenhouse";
                known.Add($"email:{write.GreenhouseId}");
            }
        }

        foreach (var orphan in inGreenhouse.Where(i => !known.Contains(i.ExternalEventId!)))
            yield return $"orphan interview {orphan.Id} ({orphan.ExternalEventId}) in Greenhouse";
        foreach (var duplicate in emails.GroupBy(e => e.Body).Where(g => g.Count() > 1))
            yield return $"email logged {duplicate.Count()} times: {duplicate.First().Subject}";
        foreach (var stray in emails.Where(e => !known.Contains($"email:{e.Id}")))
            yield return $"orphan logged email {stray.Id}";
        foreach (var duplicate in notes.GroupBy(n => n.Body).Where(g => g.Count() > 1))
            yield return $"note added {duplicate.Count()} times";
        var referenced = schedules.Values.SelectMany(s => s.Mutations).Select(m => m.Id).ToHashSet();
        foreach (var stray in notes.Where(n => !referenced.Any(r => n.Body.Contains($"[GemScheduling ref {r}]", StringComparison.Ordinal))))
            yield return $"orphan note {stray.Id}";
    }
}
