namespace GemScheduling.HarvestSandbox.Generation;

internal sealed record StepTemplate(string Name, bool Schedulable, int? Minutes);

internal sealed record StageTemplate(string Name, StepTemplate[] Steps);

/// <summary>Stage and interview-step shapes of typical Greenhouse hiring plans.</summary>
internal static class HiringPlanTemplates
{
    public static readonly StageTemplate First = new("Application Review",
    [
        new("Resume Review", false, null), new("Application Questions Review", false, null), new("Portfolio Review", false, null),
    ]);

    public static readonly StageTemplate[] Middle =
    [
        new("Recruiter Phone Screen", [new("Recruiter Screen", true, 30), new("Compensation Discussion", true, 15), new("Intro Call", true, 30)]),
        new("Hiring Manager Screen", [new("Hiring Manager Call", true, 45), new("Team Overview", true, 30), new("Motivation Chat", true, 30)]),
        new("Take Home Test", [new("Take Home Assignment", false, null), new("Take Home Review", true, 45), new("Assignment Debrief", true, 30)]),
        new("Technical Interview", [new("Technical Deep Dive", true, 60), new("Pair Programming", true, 60), new("Code Review Exercise", true, 45)]),
        new("Face to Face", [new("Culture Fit", true, 45), new("System Design", true, 60), new("Executive Interview", true, 30)]),
        new("Reference Check", [new("Reference Call", false, 30), new("Backchannel Check", false, null), new("Reference Summary", false, null)]),
    ];

    public static readonly StageTemplate Last = new("Offer",
    [
        new("Offer Call", true, 30), new("Offer Approval", false, null), new("Closing Chat", true, 30),
    ]);
}
