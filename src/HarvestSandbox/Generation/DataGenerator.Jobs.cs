using System.Globalization;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

internal sealed partial class DataGenerator
{
    /// <summary>
    /// Jobs with hiring teams, openings, 3–6 stage hiring plans and posts. Every fifth job is closed and some are
    /// drafts; the first job also carries an inactive (deleted) stage.
    /// </summary>
    private void GenerateJobs()
    {
        var offices = CityOffices();
        for (var i = 0; i < _scale.Jobs; i++)
        {
            var departmentIndex = _rng.Next(NameBank.Departments.Length);
            var department = _data.Departments.Items.FirstOrDefault(d => d.Name == NameBank.Departments[departmentIndex])
                             ?? (_data.Departments.Count > 0 ? _rng.Pick(_data.Departments.Items) : null);
            var name = _rng.Pick(NameBank.Levels) + _rng.Pick(NameBank.Roles[departmentIndex]);
            var status = i % 5 == 3 ? JobStatus.Closed : i % 13 == 11 ? JobStatus.Draft : JobStatus.Open;
            var job = new Job
            {
                Id = _data.Ids.Jobs.Next(),
                Name = name,
                RequisitionId = string.Create(CultureInfo.InvariantCulture, $"REQ-{1000 + i}"),
                Notes = $"<p>Hiring for {department?.Name ?? "the team"}.</p>",
                Confidential = _rng.Chance(0.03),
                Status = status,
                CreatedAt = DaysAgo(20, 700),
            };
            job.OpenedAt = status == JobStatus.Draft ? null : job.CreatedAt.AddHours(_rng.Next(1, 72));
            job.ClosedAt = status == JobStatus.Closed ? Between(job.OpenedAt!.Value, _reference.AddDays(-1)) : null;
            job.UpdatedAt = Between(job.ClosedAt ?? job.OpenedAt ?? job.CreatedAt, _reference);
            if (department is not null)
            {
                job.DepartmentIds.Add(department.Id);
            }

            if (offices.Count > 0)
            {
                var first = _rng.Pick(offices);
                job.OfficeIds.Add(first.Id);
                var second = _rng.Pick(offices);
                if (_rng.Chance(0.25) && second.Id != first.Id)
                {
                    job.OfficeIds.Add(second.Id);
                }
            }

            AssignHiringTeam(job);
            AddOpenings(job, i);
            _data.Jobs.Add(job);
            AddHiringPlan(job, withInactiveStage: i == 0 || _rng.Chance(0.05));
            AddPosts(job, withDeletedPost: i == 3);
        }

        // A few prospect posts (no job).
        for (var i = 0; i < (_scale.Jobs + 49) / 50; i++)
        {
            var created = DaysAgo(30, 400);
            _data.AddJobPost(new JobPost
            {
                Id = _data.Ids.JobPosts.Next(),
                Title = i == 0 ? "General Application" : string.Create(CultureInfo.InvariantCulture, $"Talent Community {i + 1}"),
                LocationName = "Remote",
                LocationId = _data.Ids.JobPostLocations.Next(),
                Internal = false,
                Live = true,
                Active = true,
                FirstPublishedAt = created,
                Content = "<p>Join our talent community.</p>",
                CreatedAt = created,
                UpdatedAt = created,
            });
        }
    }

    private void AssignHiringTeam(Job job)
    {
        if (_enabledUsers.Count == 0)
        {
            return;
        }

        var team = _recruitingTeam.Count > 0 ? _recruitingTeam : _enabledUsers;
        job.HiringManagers.Add(new TeamMember(_data.Ids.JobHiringManagers.Next(), _rng.Pick(_enabledUsers).Id, false, job.CreatedAt));
        AddMembers(job, job.Recruiters, team, _rng.Next(1, 3), canBeResponsible: true);
        AddMembers(job, job.Coordinators, team, _rng.Next(1, 3), canBeResponsible: true);
        if (_rng.Chance(0.3))
        {
            AddMembers(job, job.Sourcers, team, 1, canBeResponsible: false);
        }
    }

    /// <summary>The first recruiter and the first coordinator are the responsible ones; sourcers never are.</summary>
    private void AddMembers(Job job, List<TeamMember> members, IReadOnlyList<User> pool, int count, bool canBeResponsible)
    {
        for (var k = 0; k < count; k++)
        {
            var user = _rng.Pick(pool);
            if (!members.Exists(m => m.UserId == user.Id))
            {
                members.Add(new TeamMember(_data.Ids.JobOwners.Next(), user.Id, canBeResponsible && members.Count == 0, job.CreatedAt));
            }
        }
    }

    private void AddOpenings(Job job, int jobIndex)
    {
        var count = _rng.Next(1, 4);
        for (var k = 0; k < count; k++)
        {
            var closed = job.Status == JobStatus.Closed;
            job.Openings.Add(new Opening
            {
                Id = _data.Ids.Openings.Next(),
                OpeningId = string.Create(CultureInfo.InvariantCulture, $"{jobIndex + 1}-{k + 1}"),
                Open = !closed,
                OpenedAt = job.OpenedAt,
                ClosedAt = closed ? job.ClosedAt : null,
                CloseReason = closed ? "Hired" : null,
            });
        }
    }

    private void AddHiringPlan(Job job, bool withInactiveStage)
    {
        var stageCount = _rng.Next(_scale.MinStagesPerJob, _scale.MaxStagesPerJob + 1);
        var middleCount = Math.Clamp(stageCount - 2, 0, HiringPlanTemplates.Middle.Length);
        var middle = HiringPlanTemplates.Middle
            .Select((t, index) => (t, index, key: _rng.NextUInt64()))
            .OrderBy(x => x.key).Take(middleCount).OrderBy(x => x.index).Select(x => x.t);
        var templates = new List<StageTemplate> { HiringPlanTemplates.First };
        templates.AddRange(middle);
        if (stageCount >= 2)
        {
            templates.Add(HiringPlanTemplates.Last);
        }

        var priority = 0;
        foreach (var template in templates)
        {
            AddStage(job, template.Name, template.Steps, priority++, active: true);
        }

        if (withInactiveStage)
        {
            AddStage(job, "Legacy Assessment", [new StepTemplate("Legacy Screen", true, 30)], priority, active: false);
        }
    }

    private void AddStage(Job job, string name, StepTemplate[] steps, int priority, bool active)
    {
        var stage = new JobStage
        {
            Id = _data.Ids.JobStages.Next(),
            JobId = job.Id,
            Name = name,
            Priority = priority,
            Active = active,
            CreatedAt = job.CreatedAt,
            UpdatedAt = active ? job.CreatedAt : Between(job.CreatedAt, _reference),
        };

        var stepCount = Math.Min(steps.Length, _rng.Next(_scale.MinInterviewsPerStage, _scale.MaxInterviewsPerStage + 1));
        for (var k = 0; k < stepCount; k++)
        {
            stage.Interviews.Add(NewStep(stage, steps[k]));
        }

        _data.AddJobStage(stage);
    }

    private InterviewStep NewStep(JobStage stage, StepTemplate template)
    {
        var questions = new List<KitQuestion>();
        var first = _rng.Next(NameBank.KitQuestions.Length);
        for (var q = _rng.Next(1, 4) - 1; q >= 0; q--)
        {
            questions.Add(new KitQuestion(_data.Ids.KitQuestions.Next(), NameBank.KitQuestions[(first + q) % NameBank.KitQuestions.Length]));
        }

        var step = new InterviewStep
        {
            Id = _data.Ids.InterviewSteps.Next(),
            StageId = stage.Id,
            Name = template.Name,
            Schedulable = template.Schedulable,
            EstimatedMinutes = template.Minutes,
            Kit = new InterviewKit(_data.Ids.InterviewKits.Next(),
                $"<h5>Purpose</h5><p>Assess the candidate in the {template.Name}.</p>", questions),
            CreatedAt = stage.CreatedAt,
            UpdatedAt = stage.UpdatedAt,
        };

        if (template.Schedulable)
        {
            for (var k = _rng.Next(0, 4); k > 0 && _enabledUsers.Count > 0; k--)
            {
                var user = _rng.Pick(_enabledUsers);
                if (!step.DefaultInterviewerUserIds.Contains(user.Id))
                {
                    step.DefaultInterviewerUserIds.Add(user.Id);
                }
            }
        }

        return step;
    }

    /// <summary>An external post titled with the public name, often an internal one too, sometimes a deleted one.</summary>
    private void AddPosts(Job job, bool withDeletedPost)
    {
        var office = job.OfficeIds.Count > 0 ? _data.Offices.Find(job.OfficeIds[0]) : null;
        var location = office?.LocationName ?? "Remote";
        var live = job.Status == JobStatus.Open;
        var externalTitle = _rng.Chance(0.4) && office is not null ? $"{job.Name} - {office.Name}" : job.Name;

        AddPost(job, externalTitle, location, office?.Id, isInternal: false, live, active: true);
        if (_rng.Chance(0.6))
        {
            AddPost(job, $"{job.Name} (Internal)", location, office?.Id, isInternal: true, live, active: true);
        }

        if (_rng.Chance(0.05) || withDeletedPost)
        {
            AddPost(job, $"{job.Name} (old)", location, office?.Id, isInternal: false, live: false, active: false);
        }

    }

    private void AddPost(Job job, string title, string location, long? officeId, bool isInternal, bool live, bool active)
    {
        var created = Between(job.CreatedAt, job.OpenedAt ?? job.CreatedAt.AddDays(1));
        _data.AddJobPost(new JobPost
        {
            Id = _data.Ids.JobPosts.Next(),
            Title = title,
            JobId = job.Id,
            LocationName = location,
            LocationId = _data.Ids.JobPostLocations.Next(),
            OfficeId = officeId,
            Internal = isInternal,
            Live = live,
            Active = active,
            FirstPublishedAt = job.OpenedAt,
            Content = $"<p>We are looking for a {job.Name} to join us.</p>",
            InternalContent = isInternal ? $"<p>Internal candidates: talk to your manager before applying to {job.Name}.</p>" : null,
            CreatedAt = created,
            UpdatedAt = Between(created, _reference),
        });
    }
}
