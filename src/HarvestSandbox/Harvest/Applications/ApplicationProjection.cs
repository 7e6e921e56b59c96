using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class ApplicationProjection
{
    private static readonly ProspectDetailDto NoProspectDetail = new(null, null, null);
    private static readonly RejectionDetailsDto EmptyRejectionDetails = new(CustomFields.Empty, CustomFields.Empty);

    public static ApplicationDto ToDto(OrgData data, Application a)
    {
        var job = a.JobId is { } jobId ? data.Jobs.Find(jobId) : null;
        var stage = a.CurrentStageId is { } stageId ? data.JobStages.Find(stageId) : null;
        var source = a.SourceId is { } sourceId ? data.Sources.Find(sourceId) : null;
        var reason = a.RejectionReasonId is { } reasonId ? data.RejectionReasons.Find(reasonId) : null;

        var answers = a.Answers.Count == 0 ? [] : a.Answers.Select(x => new AnswerDto(x.Question, x.Answer)).ToArray();

        return new ApplicationDto(
            a.Id,
            a.CandidateId,
            a.Prospect,
            a.AppliedAt,
            a.RejectedAt,
            a.LastActivityAt,
            a.LocationAddress is null ? null : new AddressDto(a.LocationAddress),
            source is null ? null : new SourceDto(source.Id, source.PublicName),
            Refs.User(data, a.CreditedToUserId),
            Refs.User(data, a.RecruiterId),
            Refs.User(data, a.CoordinatorId),
            reason is null ? null : new RejectionReasonDto(reason.Id, reason.Name, new RejectionTypeDto(reason.TypeId, reason.TypeName)),
            a.Status == ApplicationStatus.Rejected ? EmptyRejectionDetails : null,
            job is null ? [] : [new JobRefDto(job.Id, job.Name)],
            a.JobPostId,
            a.Status.Wire(),
            stage is null ? null : new StageRefDto(stage.Id, stage.Name),
            answers,
            null,
            null,
            a.Prospect ? new ProspectDetailDto(null, null, Refs.User(data, a.RecruiterId)) : NoProspectDetail,
            CustomFields.Empty,
            CustomFields.Empty,
            []);
    }
}
