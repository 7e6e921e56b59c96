using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class CandidateProjection
{
    public static CandidateDto ToDto(OrgData data, Candidate c)
    {
        var applications = new ApplicationDto[c.Applications.Count];
        var applicationIds = new long[c.Applications.Count];
        for (var i = 0; i < applications.Length; i++)
        {
            applications[i] = ApplicationProjection.ToDto(data, c.Applications[i]);
            applicationIds[i] = c.Applications[i].Id;
        }

        return new CandidateDto(
            c.Id,
            c.FirstName,
            c.LastName,
            c.Company,
            c.Title,
            c.CreatedAt,
            c.UpdatedAt,
            c.LastActivity,
            c.IsPrivate,
            null,
            [],
            applicationIds,
            c.PhoneNumbers.Select(p => new TypedValueDto(p.Value, p.Type)).ToArray(),
            [],
            c.EmailAddresses.Select(e => new TypedValueDto(e.Value, e.Type)).ToArray(),
            [],
            [],
            Refs.User(data, c.RecruiterId),
            Refs.User(data, c.CoordinatorId),
            c.EmailAddresses.Count > 0,
            c.Tags.ToArray(),
            applications,
            [],
            [],
            c.LinkedUserIds.ToArray(),
            CustomFields.Empty,
            CustomFields.Empty);
    }
}
