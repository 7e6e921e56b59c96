using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Faults, and what was written and observed.
public sealed partial class SandboxOrganization
{
    /// <summary>Adds a fault rule; the returned copy carries its id.</summary>
    public FaultRule AddFault(FaultRule rule) => Faults.Add(rule);

    public bool RemoveFault(string ruleId) => Faults.Remove(ruleId);

    public void ClearFaults() => Faults.Clear();

    public IReadOnlyList<FaultRuleStatus> FaultRules() => Faults.Rules();

    /// <summary>Every fault served, oldest first (bounded).</summary>
    public IReadOnlyList<FaultEvent> FaultLog() => Faults.Log();

    /// <summary>Harvest calls made with this org's keys, oldest first (bounded by SandboxOptions.CallLogCapacity).</summary>
    public IReadOnlyList<CallRecord> CallLog() => Calls.Records();

    public OrganizationCounters Counters() => Calls.Counters();

    /// <summary>Notes on candidates' feeds (optionally one candidate's), oldest first.</summary>
    public IReadOnlyList<SandboxNote> Notes(long? candidateId = null)
    {
        lock (Data.Gate)
        {
            return Source(Data.Notes.Items, candidateId, c => c.Notes)
                .Select(n => new SandboxNote(n.Id, n.CandidateId, n.UserId, n.OnBehalfOfUserId, n.Body, n.Visibility, n.CreatedAt) { ApplicationId = n.ApplicationId })
                .ToArray();
        }
    }

    public IReadOnlyList<SandboxEmail> Emails(long? candidateId = null)
    {
        lock (Data.Gate)
        {
            return Source(Data.Emails.Items, candidateId, c => c.Emails)
                .Select(e => new SandboxEmail(e.Id, e.CandidateId, e.UserId, e.OnBehalfOfUserId, e.To, e.From, e.Cc.ToArray(), e.Subject, e.Body, e.CreatedAt)
                {
                    ApplicationId = e.ApplicationId,
                    Visibility = e.Visibility,
                })
                .ToArray();
        }
    }

    public IReadOnlyList<SandboxActivity> Activities(long? candidateId = null, string? subject = null)
    {
        lock (Data.Gate)
        {
            return Source(Data.Activities.Items, candidateId, c => c.Activities)
                .Where(a => subject is null || a.Subject == subject)
                .Select(a => new SandboxActivity(a.Id, a.CandidateId, a.UserId, a.Subject, a.Body, a.CreatedAt))
                .ToArray();
        }
    }

    private IEnumerable<T> Source<T>(IReadOnlyList<T> all, long? candidateId, Func<Candidate, List<T>> perCandidate) =>
        candidateId is { } id ? (IEnumerable<T>?)(Data.Candidates.Find(id) is { } c ? perCandidate(c) : null) ?? [] : all;
}
