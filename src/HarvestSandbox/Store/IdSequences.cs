namespace GemScheduling.HarvestSandbox.Store;

/// <summary>
/// Id ranges per kind. Applications, scheduled interviews and users start above 2^31 so clients' int64 handling
/// is exercised (real ids like 13224851007 exist, docs/HARVEST-CONTRACT.md §5).
/// </summary>
internal sealed class IdSequences
{
    public IdSequence Offices { get; } = new(40_001);
    public IdSequence Departments { get; } = new(25_001);
    public IdSequence Sources { get; } = new(1_871);
    public IdSequence RejectionReasons { get; } = new(3_001);
    public IdSequence Users { get; } = new(4_087_850_001);
    public IdSequence Jobs { get; } = new(4_300_001);
    public IdSequence Openings { get; } = new(123_001);
    public IdSequence JobOwners { get; } = new(15_400_001);
    public IdSequence JobHiringManagers { get; } = new(16_600_001);
    public IdSequence JobPosts { get; } = new(4_700_001);
    public IdSequence JobPostLocations { get; } = new(303_001);
    public IdSequence JobStages { get; } = new(7_200_001);
    public IdSequence InterviewSteps { get; } = new(8_000_001);
    public IdSequence InterviewKits { get; } = new(9_100_001);
    public IdSequence KitQuestions { get; } = new(11_000_001);
    public IdSequence Candidates { get; } = new(53_883_001);
    public IdSequence Applications { get; } = new(13_224_851_001);
    public IdSequence ScheduledInterviews { get; } = new(9_128_481_001);
    public IdSequence Scorecards { get; } = new(11_274_001);
    public IdSequence FeedItems { get; } = new(226_809_001);
    public IdSequence ApplicationStages { get; } = new(27_000_000_001);
    public IdSequence Interviewers { get; } = new(33_000_000_001);
}
