using System.Text.Json;
using GemScheduling.Greenhouse;
using GemScheduling.Harvest;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Grains.Tests;

/// <summary>Harvest v3's flat rows put back together as v1 delivered them, without a sandbox or a silo.</summary>
public sealed class V3MappingSpecs
{
    [Fact]
    public void Given_a_job_and_its_owners_then_names_come_from_the_listings_and_the_responsible_recruiter_and_coordinator_come_first()
    {
        var job = new V3Job(7, "Backend Engineer", "REQ-1", "open", false, null, null, null, DepartmentId: 3, OfficeIds: [10, 11]);
        V3JobOwner[] owners =
        [
            new(1, 7, 100, "recruiter", false), new(2, 7, 101, "recruiter", true), new(3, 7, 102, "coordinator", false),
            new(4, 7, 103, "sourcer", false), new(5, 7, 101, "coordinator", true),
        ];

        var mapped = job.ToJob(new Dictionary<long, string?> { [3] = "Engineering" }, new Dictionary<long, string?> { [10] = "Berlin" }, owners);

        Assert.Equal([new NamedRef(3, "Engineering")], mapped.Departments);
        Assert.Equal([new NamedRef(10, "Berlin"), new NamedRef(11, null)], mapped.Offices); // an office the listing did not name stays unnamed
        Assert.Equal([101L, 100L], mapped.RecruiterIds);
        Assert.Equal([101L, 102L], mapped.CoordinatorIds); // sourcers are neither
    }

    [Theory]
    [InlineData("""{"id":1,"stage_id":9}""", false, null)]
    [InlineData("""{"id":1,"stage_id":9,"job_interview_stage_id":null}""", true, null)]
    [InlineData("""{"id":1,"stage_id":9,"job_interview_stage_id":42}""", true, 42L)]
    public void Given_an_application_row_then_an_absent_job_interview_stage_is_told_from_a_null_one(string json, bool carries, long? stage)
    {
        var application = JsonSerializer.Deserialize<V3Application>(json, HarvestJson.Options)!;

        Assert.Equal(carries, application.CarriesJobInterviewStage);
        Assert.Equal(stage, application.JobInterviewStageId);
    }

    [Theory]
    [InlineData("in_process", "active")]
    [InlineData("active", "active")]
    [InlineData(null, "active")]
    [InlineData("rejected", "rejected")]
    [InlineData("hired", "hired")]
    public void Given_a_v3_status_then_it_reads_as_v1s(string? v3, string expected) => Assert.Equal(expected, V3Mapping.Status(v3));
}
