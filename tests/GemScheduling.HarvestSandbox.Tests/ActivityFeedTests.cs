using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed partial class ActivityFeedTests
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}-\d{2}:\d{2}$")]
    private static partial Regex WindowLine();

    [Theory]
    [InlineData("admin_only", false)]
    [InlineData("private", true)]
    [InlineData("public", false)]
    public async Task Given_a_note_When_adding_it_Then_response_has_visibility_and_legacy_visiblity(string visibility, bool isPrivate)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var author = org.Org.ListUsers().First(u => !u.Disabled && u.Id != ids.OrganizerId);

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes",
            $$"""{"user_id":"{{author.Id}}","body":"Interview scheduled for Tuesday.","visibility":"{{visibility}}"}""", ids.OrganizerId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = (await Json.ReadAsync(response))!;
        Assert.Equal(visibility, note["visibility"]!.GetValue<string>());
        Assert.Equal(visibility, note["visiblity"]!.GetValue<string>());
        Assert.Equal(isPrivate, note["private"]!.GetValue<bool>());
        Assert.Equal(author.Id, note["user"]!.Id());
        var stored = Assert.Single(org.Org.Notes(ids.CandidateId), n => n.Id == note.Id());
        Assert.Equal(ids.OrganizerId, stored.OnBehalfOfUserId);
        var feed = await org.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed");
        Assert.Equal(note.Id(), feed["notes"]![0]!.Id());
    }

    public static TheoryData<string, string[]> InvalidNotes() => new()
    {
        { "{}", ["user_id", "body", "visibility"] },
        { """{"user_id":"x","body":5,"visibility":"everyone"}""", ["user_id", "body", "visibility"] },
        { """{"user_id":1,"body":"b","visibility":"public"}""", ["user_id"] },
    };

    [Theory]
    [MemberData(nameof(InvalidNotes))]
    public async Task Given_an_invalid_note_When_adding_it_Then_422_and_nothing_stored(string json, string[] fields)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var before = org.Org.Fingerprint();

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", json, ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(fields.Order(), (await Json.ErrorFieldsAsync(response)).Order());
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_an_email_with_cc_When_logging_it_Then_cc_is_an_array_in_the_response_and_a_string_in_the_feed()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var json = $$"""
            {"user_id":{{ids.OrganizerId}},"to":"candidate@example.com","from":"recruiting@example.com",
             "cc":["manager@example.com","panel@example.com"],"subject":"Interview Scheduled","body":"See you Tuesday."}
            """;

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/emails", json, ids.OrganizerId);
        var feed = await org.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var email = (await Json.ReadAsync(response))!;
        Assert.Equal(["manager@example.com", "panel@example.com"], email["cc"]!.AsArray().Select(c => c!.GetValue<string>()));
        var inFeed = feed["emails"]!.AsArray().Single(e => e!.Id() == email.Id())!;
        Assert.Equal("manager@example.com, panel@example.com", inFeed["cc"]!.GetValue<string>());
        Assert.Single(org.Org.Emails(ids.CandidateId), e => e.Id == email.Id());
    }

    public static TheoryData<string, string[]> InvalidEmails() => new()
    {
        { "{}", ["user_id", "to", "from", "subject", "body"] },
        { """{"user_id":1,"to":"a","from":"b","subject":"s","body":"b","cc":"c@d.example"}""", ["user_id", "cc"] },
        { """{"user_id":"USER","to":"a","from":"b","subject":"s","body":"b","cc":[1]}""", ["cc"] },
    };

    [Theory]
    [MemberData(nameof(InvalidEmails))]
    public async Task Given_an_invalid_email_When_logging_it_Then_422_and_nothing_stored(string json, string[] fields)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var before = org.Org.Fingerprint();

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/emails",
            json.Replace("USER", ids.OrganizerId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(fields.Order(), (await Json.ErrorFieldsAsync(response)).Order());
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_generated_availability_When_reading_feeds_Then_the_documented_format_with_some_malformed_lines()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var submissions = org.Org.Activities(subject: AvailabilityFormat.Subject);
        var reference = org.Org.ReferenceDate;
        var candidatesWithActive = org.Org.ListApplications(ApplicationStatus.Active).Where(a => !a.Prospect).Select(a => a.CandidateId).Distinct().Count();

        Assert.InRange(submissions.Count, candidatesWithActive * 0.18, candidatesWithActive * 0.42);
        var invalidLines = new List<string>();
        foreach (var submission in submissions.Take(25))
        {
            var feed = await org.GetJsonAsync($"v1/candidates/{submission.CandidateId}/activity_feed");
            var activity = feed["activities"]!.AsArray().Single(a => a!.Id() == submission.Id)!;
            Assert.Equal("Candidate Availability Submitted", activity["subject"]!.GetValue<string>());
            var lines = activity["body"]!.GetValue<string>().Split('\n');
            Assert.StartsWith("Time zone: ", lines[0]);
            Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(lines[0]["Time zone: ".Length..], out _), lines[0]);
            foreach (var line in lines.Skip(1))
            {
                if (!AvailabilityFormat.TryParseWindow(line, out var window))
                {
                    invalidLines.Add(line);
                    continue;
                }

                Assert.Matches(WindowLine(), line);
                Assert.InRange(window.Date, reference.AddDays(1), reference.AddDays(14));
                Assert.DoesNotContain(window.Date.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
                Assert.True(window.End > window.Start && window.End <= TimeSpan.FromHours(24));
            }
        }

        Assert.Contains($"{reference.Year}-13-40 25:00-26:00", invalidLines);
        Assert.Contains("tomorrow afternoon", invalidLines);
    }

    [Fact]
    public async Task Given_an_admin_availability_submission_When_reading_the_feed_Then_it_is_the_newest_activity_with_the_exact_body()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var windows = new[]
        {
            new AvailabilityWindow(new DateOnly(2030, 1, 7), TimeSpan.FromHours(9), TimeSpan.FromHours(12.5)),
            new AvailabilityWindow(new DateOnly(2030, 1, 8), TimeSpan.FromHours(18), TimeSpan.FromHours(24)),
        };

        var id = org.Org.AddAvailabilitySubmission(ids.CandidateId, "Europe/Berlin", windows, ["whenever works"]);
        var feed = await org.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed");

        var newest = feed["activities"]!.AsArray()[0]!;
        Assert.Equal(id, newest.Id());
        Assert.Equal("Time zone: Europe/Berlin\n2030-01-07 09:00-12:30\n2030-01-08 18:00-24:00\nwhenever works", newest["body"]!.GetValue<string>());
        Assert.Null(newest["user"]);
        var parsed = AvailabilityFormat.Parse(newest["body"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", parsed.TimeZone);
        Assert.Equal(windows, parsed.Windows);
        Assert.Equal(["whenever works"], parsed.InvalidLines);
    }

    [Fact]
    public async Task Given_an_unknown_candidate_When_reading_the_feed_Then_404()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync("v1/candidates/5/activity_feed");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Given_a_feed_When_reading_it_Then_it_is_one_object_with_notes_emails_and_activities()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);

        var feed = (JsonObject)await org.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed");

        Assert.Equal(["notes", "emails", "activities"], feed.Select(p => p.Key));
    }
}
