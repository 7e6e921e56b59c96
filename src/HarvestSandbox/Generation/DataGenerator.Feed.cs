using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

internal sealed partial class DataGenerator
{
    /// <summary>Lines a human might type that are not availability windows; consumers must surface them.</summary>
    private string[] MalformedLines() =>
    [
        $"{_referenceDate.Year}-13-40 25:00-26:00",
        "tomorrow afternoon",
        $"{_referenceDate.AddDays(2):yyyy-MM-dd} 17:00-09:00",
        "Wed 10:00-12:00",
    ];

    /// <summary>
    /// Stage-change activities, recruiter notes, logged emails, and "Candidate Availability Submitted" activities
    /// for about <see cref="DataScale.AvailabilityShare"/> of candidates with an active application. The first two
    /// submissions, and about one in ten after them, carry a malformed line.
    /// </summary>
    private void GenerateFeeds()
    {
        var submissions = 0;
        foreach (var candidate in _data.Candidates.Items)
        {
            foreach (var application in candidate.Applications)
            {
                if (application.CurrentStageId is { } stageId && _rng.Chance(0.5))
                {
                    var stage = _data.JobStages.Find(stageId)!;
                    var job = _data.Jobs.Find(stage.JobId)!;
                    AddActivity(candidate, Between(application.AppliedAt, application.LastActivityAt), "Candidate Stage Change",
                        $"{candidate.Name} was moved into {stage.Name} for {job.Name}", application.RecruiterId);
                }
            }

            if (_enabledUsers.Count > 0 && _rng.Chance(0.25))
            {
                var author = _rng.Pick(_enabledUsers);
                var roll = _rng.NextDouble();
                _data.AddNote(new FeedNote
                {
                    Id = _data.Ids.FeedItems.Next(),
                    CandidateId = candidate.Id,
                    CreatedAt = Between(candidate.CreatedAt, candidate.LastActivity),
                    Body = _rng.Pick(NameBank.NoteBodies),
                    UserId = author.Id,
                    Visibility = roll < 0.7 ? NoteVisibility.Public : roll < 0.9 ? NoteVisibility.Private : NoteVisibility.AdminOnly,
                });
            }

            if (_enabledUsers.Count > 0 && candidate.EmailAddresses.Count > 0 && _rng.Chance(0.1))
            {
                var sender = _rng.Pick(_recruitingTeam.Count > 0 ? _recruitingTeam : _enabledUsers);
                var (subject, body) = _rng.Pick(NameBank.Emails);
                var cc = _rng.Chance(0.3) ? new[] { _rng.Pick(_enabledUsers).PrimaryEmail } : [];
                _data.AddEmail(new FeedEmail
                {
                    Id = _data.Ids.FeedItems.Next(),
                    CandidateId = candidate.Id,
                    CreatedAt = Between(candidate.CreatedAt, candidate.LastActivity),
                    Subject = subject.Replace("{company}", _data.CompanyName, StringComparison.Ordinal),
                    Body = body.Replace("{first}", candidate.FirstName, StringComparison.Ordinal)
                        .Replace("{sender}", sender.Name, StringComparison.Ordinal),
                    To = candidate.EmailAddresses[0].Value,
                    From = sender.PrimaryEmail,
                    Cc = cc,
                    UserId = sender.Id,
                });
            }

            var hasActiveApplication = candidate.Applications.Exists(a => a is { Status: ApplicationStatus.Active, Prospect: false });
            if (hasActiveApplication && _rng.Chance(_scale.AvailabilityShare))
            {
                var malformed = submissions < 2 || _rng.Chance(0.1);
                var extra = malformed ? new[] { MalformedLines()[submissions < 2 ? submissions : _rng.Next(4)] } : [];
                var body = AvailabilityFormat.Format(_rng.Pick(NameBank.TimeZones), AvailabilityWindows(), extra);
                AddActivity(candidate, _reference.AddMinutes(-_rng.Next(30, 72 * 60)), AvailabilityFormat.Subject, body, null);
                submissions++;
            }
        }
    }

    /// <summary>2–6 windows on distinct weekdays within the two weeks after the reference date.</summary>
    private List<AvailabilityWindow> AvailabilityWindows()
    {
        var weekdays = Enumerable.Range(1, 14)
            .Select(_referenceDate.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();
        var count = _rng.Next(2, 7);
        var days = new SortedSet<DateOnly>();
        while (days.Count < Math.Min(count, weekdays.Count))
        {
            days.Add(_rng.Pick(weekdays));
        }

        var windows = new List<AvailabilityWindow>();
        foreach (var day in days)
        {
            if (_rng.Chance(0.08))
            {
                windows.Add(new AvailabilityWindow(day, TimeSpan.FromHours(20), TimeSpan.FromHours(24)));
                continue;
            }

            var start = TimeSpan.FromHours(_rng.Next(8, 17)) + TimeSpan.FromMinutes(_rng.Next(2) * 30);
            var end = start + TimeSpan.FromMinutes(30 * _rng.Next(2, 9));
            windows.Add(new AvailabilityWindow(day, start, end > TimeSpan.FromHours(24) ? TimeSpan.FromHours(24) : end));
        }

        return windows;
    }

    private void AddActivity(Candidate candidate, DateTimeOffset at, string subject, string body, long? userId) =>
        _data.AddActivity(new FeedActivity
        {
            Id = _data.Ids.FeedItems.Next(),
            CandidateId = candidate.Id,
            CreatedAt = at,
            Subject = subject,
            Body = body,
            UserId = userId,
        });
}
