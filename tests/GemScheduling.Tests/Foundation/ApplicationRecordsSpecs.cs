using System.Text.Json;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Tests.Infrastructure;
using Npgsql;

namespace GemScheduling.Tests.Foundation;

/// <summary>
/// What scheduling reads for every change, in one call: the same on PostgreSQL (one round trip) as on memory, and the
/// same as reading each record on its own.
/// </summary>
public abstract class ApplicationRecordsSpecs : IAsyncLifetime
{
    private const string Org = "org_records";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    protected IGreenhouseReadModel ReadModel { get; set; } = null!;

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected virtual Task RequireStoreAsync() => Task.CompletedTask;

    private static Application Applied(long id, long candidate, long? job) => new(id, candidate, job, Application.Active, 51, "Onsite", false, Now, null, Now);

    private async Task GivenAJobWithStagesPostsAndTwoApplicationsAsync()
    {
        await ReadModel.UpsertAsync(Org, [new Job(300, "Engineer", "open", null, false, [new NamedRef(1, "R&D")], [], [], [], Now, null, Now),
            new Job(301, "Designer", "open", null, false, [], [], [], [], Now, null, Now)], Now);
        await ReadModel.UpsertAsync(Org, [
            new JobStage(52, 300, "Offer", 2, true, [], Now),
            new JobStage(51, 300, "Onsite", 1, true, [new InterviewStep(7, "Pairing", true, 60, [11])], Now),
            new JobStage(60, 301, "Portfolio", 1, true, [], Now)], Now);
        await ReadModel.UpsertAsync(Org, [
            new JobPost(900, 300, "Software Engineer", Internal: false, Live: true, Active: true, "Berlin", Now),
            new JobPost(901, 300, "Engineer (internal)", Internal: true, Live: true, Active: true, null, Now),
            new JobPost(902, 301, "Designer", Internal: false, Live: true, Active: true, null, Now)], Now);
        await ReadModel.UpsertAsync(Org, [new Candidate(200, "Grace", "Hopper", ["grace@example.com"], null, null, false, Now, Now),
            new Candidate(201, "Alan", null, [], null, null, false, Now, Now)], Now);
        await ReadModel.UpsertApplicationsAsync(Org, [Applied(100, 200, 300), Applied(101, 201, 999)], Now);
    }

    [SkippableFact]
    public async Task Given_an_application_with_its_job_when_its_records_are_read_together_then_they_equal_reading_each_alone()
    {
        await RequireStoreAsync();
        await GivenAJobWithStagesPostsAndTwoApplicationsAsync();

        var records = await ReadModel.GetApplicationRecordsAsync(Org, 100, []);

        Assert.NotNull(records);
        Assert.Equal(Json(await ReadModel.GetAsync<Application>(Org, 100)), Json(records.Application));
        Assert.Equal(Json(await ReadModel.GetAsync<Candidate>(Org, 200)), Json(records.Candidate));
        Assert.Equal(Json(await ReadModel.GetAsync<Job>(Org, 300)), Json(records.Job));
        Assert.Equal([51L, 52L], records.Stages.Select(s => s.Id));
        Assert.Equal(Json((await ReadModel.ListAsync<JobStage>(Org, new ReadQuery { JobId = 300, Limit = 500 })).Items), Json(records.Stages));
        Assert.Equal([900L, 901L], records.Posts.Select(p => p.Id));
    }

    [SkippableFact]
    public async Task Given_an_application_whose_job_is_unknown_or_removed_then_it_comes_without_job_stages_or_posts()
    {
        await RequireStoreAsync();
        await GivenAJobWithStagesPostsAndTwoApplicationsAsync();

        var unknownJob = await ReadModel.GetApplicationRecordsAsync(Org, 101, []);
        await ReadModel.MarkRemovedAsync(Org, ResourceKind.Jobs, [300], Now);
        var removedJob = await ReadModel.GetApplicationRecordsAsync(Org, 100, []);

        Assert.Equal((201L, (Job?)null, 0, 0), (unknownJob!.Candidate!.Id, unknownJob.Job, unknownJob.Stages.Count, unknownJob.Posts.Count));
        Assert.Equal((200L, (Job?)null, 0, 0), (removedJob!.Candidate!.Id, removedJob.Job, removedJob.Stages.Count, removedJob.Posts.Count));
    }

    [SkippableFact]
    public async Task Given_an_application_not_in_the_copy_or_removed_then_there_are_no_records()
    {
        await RequireStoreAsync();
        await GivenAJobWithStagesPostsAndTwoApplicationsAsync();
        await ReadModel.MarkRemovedAsync(Org, ResourceKind.Applications, [100], Now);

        Assert.Null(await ReadModel.GetApplicationRecordsAsync(Org, 100, []));
        Assert.Null(await ReadModel.GetApplicationRecordsAsync(Org, 12345, []));
        Assert.Null(await ReadModel.GetApplicationRecordsAsync("org_other", 101, []));
    }

    [SkippableFact]
    public async Task Given_interviewers_named_with_the_application_then_it_comes_with_those_in_the_copy_as_reading_them_alone()
    {
        await RequireStoreAsync();
        await GivenAJobWithStagesPostsAndTwoApplicationsAsync();
        await ReadModel.UpsertAsync(Org, [User(11), User(12), User(13)], Now);
        await ReadModel.UpsertAsync("org_other", [User(14)], Now);
        await ReadModel.MarkRemovedAsync(Org, ResourceKind.Users, [13], Now);

        var records = await ReadModel.GetApplicationRecordsAsync(Org, 100, [12, 11, 13, 14, 11]);
        var withoutJob = await ReadModel.GetApplicationRecordsAsync(Org, 101, [11]);

        Assert.Equal([11L, 12L], records!.Users.Select(u => u.Id));
        Assert.Equal(Json(await ReadModel.GetManyAsync<GreenhouseUser>(Org, [11, 12])), Json(records.Users));
        Assert.Equal([11L], withoutJob!.Users.Select(u => u.Id));
        Assert.Empty((await ReadModel.GetApplicationRecordsAsync(Org, 100, []))!.Users);
    }

    private static GreenhouseUser User(long id) =>
        new(id, $"User {id}", "User", $"{id}", $"u{id}@acme.example", [$"u{id}@acme.example"], null, Disabled: false, SiteAdmin: false, Now);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

public sealed class ApplicationRecordsInMemorySpecs : ApplicationRecordsSpecs
{
    public override Task InitializeAsync()
    {
        ReadModel = new InMemoryGreenhouseReadModel();
        return Task.CompletedTask;
    }
}

public sealed class ApplicationRecordsOnPostgresSpecs : ApplicationRecordsSpecs
{
    private MigratedDatabase? _database;

    public override async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateIfAvailableAsync("records");
        if (_database is not null)
            ReadModel = new PostgresGreenhouseReadModel(_database.DataSource);
    }

    protected override Task RequireStoreAsync() => PostgresServer.EnsureAvailableAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
