using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Interviewers;

namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Everything the engine needs: the candidate's windows and display zone, the steps of the loop, interviewer
/// profiles by user id, layout options, and the org defaults for profiles that leave hours or limits out.
/// </summary>
public sealed record SuggestionRequest(
    IReadOnlyList<AvailabilityWindow> CandidateWindows,
    string CandidateTimeZone,
    IReadOnlyList<StepRequest> Steps,
    IReadOnlyDictionary<long, InterviewerProfile> Interviewers,
    SuggestionOptions Options,
    OrgSchedulingDefaults? Defaults = null);
