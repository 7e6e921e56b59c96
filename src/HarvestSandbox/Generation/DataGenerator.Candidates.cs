using System.Globalization;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

internal sealed partial class DataGenerator
{
    private static readonly string[] PhoneTypes = ["mobile", "mobile", "mobile", "home", "work"];

    private void GenerateCandidates()
    {
        for (var i = 0; i < _scale.Candidates; i++)
        {
            var (first, last) = PersonName();
            var candidate = new Candidate
            {
                Id = _data.Ids.Candidates.Next(),
                FirstName = first,
                LastName = last,
                Company = _rng.Chance(0.8) ? _rng.Pick(NameBank.CandidateCompanies) : null,
                Title = _rng.Chance(0.8) ? _rng.Pick(NameBank.CandidateTitles) : null,
                IsPrivate = _rng.Chance(0.03),
            };

            var local = $"{Slug(first)}.{Slug(last)}";
            candidate.EmailAddresses.Add(new ContactValue(UniqueEmail(local, _rng.Pick(NameBank.PersonalDomains)), "personal"));
            if (_rng.Chance(0.15))
            {
                candidate.EmailAddresses.Add(new ContactValue(UniqueEmail(local, "work.example"), "work"));
            }

            if (_rng.Chance(0.8))
            {
                candidate.PhoneNumbers.Add(new ContactValue(
                    string.Create(CultureInfo.InvariantCulture, $"{_rng.Next(201, 990)}-555-{_rng.Next(0, 10000):0000}"),
                    _rng.Pick(PhoneTypes)));
            }

            for (var t = _rng.Next(0, 3); t > 0; t--)
            {
                candidate.AddTag(_rng.Pick(NameBank.Tags));
            }

            _data.AddCandidate(candidate);
        }
    }

    /// <summary>
    /// One application per candidate first, then extra ones for repeat applicants. Draft jobs get none.
    /// Statuses: on open jobs mostly active, on closed jobs mostly rejected; ~4% prospects.
    /// </summary>
    private void GenerateApplications()
    {
        var jobs = _data.Jobs.Items.Where(j => j.Status != JobStatus.Draft).ToArray();
        var candidates = _data.Candidates.Items;
        if (jobs.Length == 0 || candidates.Count == 0)
        {
            return;
        }

        var activeStages = jobs.ToDictionary(j => j.Id, j => j.Stages.Where(s => s.Active).OrderBy(s => s.Priority).ToArray());
        var total = Math.Max(_scale.Applications, candidates.Count);
        for (var i = 0; i < total; i++)
        {
            var candidate = i < candidates.Count ? candidates[i] : candidates[_rng.Next(candidates.Count)];
            var job = jobs[_rng.Next(jobs.Length)];
            var stages = activeStages[job.Id];
            var prospect = _rng.Chance(0.04);
            var status = prospect ? ApplicationStatus.Active : PickStatus(job);

            var applied = Between(job.OpenedAt ?? job.CreatedAt, job.ClosedAt ?? _reference.AddHours(-1));
            var application = new Application
            {
                Id = _data.Ids.Applications.Next(),
                CandidateId = candidate.Id,
                Prospect = prospect,
                JobId = prospect && _rng.Chance(0.5) ? null : job.Id,
                Status = status,
                AppliedAt = applied,
                LastActivityAt = Between(applied, job.ClosedAt ?? _reference),
                SourceId = _data.Sources.Count > 0 ? _rng.Pick(_data.Sources.Items).Id : null,
                CreditedToUserId = _rng.Chance(0.3) && _enabledUsers.Count > 0 ? _rng.Pick(_enabledUsers).Id : null,
                RecruiterId = job.Recruiters.FirstOrDefault()?.UserId,
                CoordinatorId = job.Coordinators.FirstOrDefault()?.UserId,
                LocationAddress = _rng.Chance(0.5) ? _rng.Pick(NameBank.Addresses) : null,
            };

            if (application.JobId is not null)
            {
                application.JobPostId = job.Posts.Find(p => p.External && p.Active)?.Id;
            }

            if (!prospect && stages.Length > 0)
            {
                application.CurrentStageId = status switch
                {
                    ApplicationStatus.Hired => stages[^1].Id,
                    ApplicationStatus.Converted => stages[0].Id,
                    _ => stages[_rng.Next(stages.Length)].Id,
                };
            }

            if (status == ApplicationStatus.Rejected)
            {
                application.RejectedAt = application.LastActivityAt;
                application.RejectionReasonId = _rng.Pick(_data.RejectionReasons.Items).Id;
            }

            if (_rng.Chance(0.4))
            {
                application.AddAnswer("Why do you want to work for us?", _rng.Pick(NameBank.Answers));
            }

            _data.AddApplication(application);
        }
    }

    private ApplicationStatus PickStatus(Job job)
    {
        var roll = _rng.NextDouble();
        if (job.Status == JobStatus.Closed)
        {
            return roll < 0.75 ? ApplicationStatus.Rejected : roll < 0.87 ? ApplicationStatus.Hired : ApplicationStatus.Active;
        }

        return roll < 0.6 ? ApplicationStatus.Active
            : roll < 0.9 ? ApplicationStatus.Rejected
            : roll < 0.97 ? ApplicationStatus.Hired
            : ApplicationStatus.Converted;
    }

    /// <summary>Candidate timestamps follow their applications.</summary>
    private void FinishCandidates()
    {
        foreach (var candidate in _data.Candidates.Items)
        {
            if (candidate.Applications.Count == 0)
            {
                candidate.CreatedAt = DaysAgo(1, 365);
                candidate.LastActivity = Between(candidate.CreatedAt, _reference);
            }
            else
            {
                var firstApplied = candidate.Applications.Min(a => a.AppliedAt);
                candidate.CreatedAt = firstApplied.AddMinutes(-_rng.Next(0, 120));
                candidate.LastActivity = candidate.Applications.Max(a => a.LastActivityAt);
                candidate.RecruiterId = candidate.Applications[0].RecruiterId;
                candidate.CoordinatorId = candidate.Applications[0].CoordinatorId;
            }

            candidate.UpdatedAt = Between(candidate.CreatedAt, candidate.LastActivity);
        }
    }
}
