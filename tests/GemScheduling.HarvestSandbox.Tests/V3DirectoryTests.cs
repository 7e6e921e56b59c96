using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary><c>/v3/departments</c> and <c>/v3/user_emails</c> (the any-address lookup <c>/v3/users</c> lacks).</summary>
public sealed class V3DirectoryTests
{
    [Fact]
    public async Task Given_departments_When_listing_and_filtering_by_parent_and_external_id_Then_the_tree_is_flat_and_every_department_is_listed()
    {
        var org = await V3Org.CreateAsync();
        List<(long Id, string Name)> stored;
        lock (org.Org.Data.Gate)
        {
            stored = org.Org.Data.Departments.Items.Select(d => (d.Id, d.Name)).ToList();
        }

        var all = await org.ListAsync("v3/departments");
        var child = all.First(d => d!["parent_id"] is not null)!;
        var children = await org.ListAsync($"v3/departments?parent_id={child["parent_id"]!.GetValue<long>()}");
        var byExternal = Assert.Single(await org.ListAsync($"v3/departments?external_id={child["external_id"]!.GetValue<string>()}"))!;

        Assert.Equal(stored.OrderByDescending(d => d.Id), all.Select(d => (d!.Id(), d!["name"]!.GetValue<string>())));
        Assert.All(all, d => Assert.Equal(["id", "name", "parent_id", "external_id", "created_at", "updated_at"], d!.AsObject().Select(p => p.Key)));
        Assert.Contains(child.Id(), children.Ids());
        Assert.All(children, c => Assert.Equal(child["parent_id"]!.GetValue<long>(), c!["parent_id"]!.GetValue<long>()));
        Assert.Equal(child.Id(), byExternal.Id());
    }

    [Fact]
    public async Task Given_users_with_secondary_addresses_When_listing_user_emails_Then_one_row_per_address_and_unverified_ones_say_so()
    {
        var org = await V3Org.CreateAsync();
        var users = org.Org.ListUsers().Where(u => u.Name != SandboxOrganization.IntegrationServiceUserName).ToList();

        var (rows, _) = await org.ReadAllPagesAsync("v3/user_emails?per_page=500");

        Assert.Equal(users.SelectMany(u => u.Emails.Select(e => (u.Id, e))).Order(),
            rows.Select(r => (r["user_id"]!.GetValue<long>(), r["email"]!.GetValue<string>())).Order());
        Assert.Equal(rows.Select(r => r.Id()).OrderDescending(), rows.Select(r => r.Id()));
        Assert.All(rows, r => Assert.Equal(["id", "user_id", "email", "verified", "verification_token_sent_at", "created_at", "updated_at"],
            r.AsObject().Select(p => p.Key)));
        var primaries = users.Select(u => u.PrimaryEmailAddress).ToHashSet();
        Assert.All(rows.Where(r => primaries.Contains(r["email"]!.GetValue<string>())), r => Assert.True(r["verified"]!.GetValue<bool>()));
        var unverified = rows.Where(r => !r["verified"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(unverified);
        Assert.All(unverified, r => Assert.NotNull(r["verification_token_sent_at"]));
        Assert.Contains(rows, r => r["verified"]!.GetValue<bool>() && !primaries.Contains(r["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Given_email_addresses_in_any_case_When_filtering_user_emails_Then_secondary_addresses_find_their_user_which_v3_users_cannot()
    {
        var org = await V3Org.CreateAsync();
        var users = org.Org.ListUsers().Where(u => u.Emails.Count > 1).Take(2).ToList();
        var secondary = users[0].Emails[1];

        var rows = await org.ListAsync($"v3/user_emails?email={Uri.EscapeDataString(secondary.ToUpperInvariant())},{Uri.EscapeDataString(users[1].PrimaryEmailAddress)},nobody@nowhere.example");
        var viaUsers = await org.ListAsync($"v3/users?primary_email={Uri.EscapeDataString(secondary)}");
        var byUser = await org.ListAsync($"v3/user_emails?user_ids={users[0].Id}");
        using var tooMany = await org.GetAsync("v3/user_emails?email=" + string.Join(',', Enumerable.Range(1, 51).Select(i => $"u{i}@x.example")));

        Assert.Equal([(users[0].Id, secondary), (users[1].Id, users[1].PrimaryEmailAddress)],
            rows.Select(r => (r!["user_id"]!.GetValue<long>(), r["email"]!.GetValue<string>())).OrderBy(r => r.Item1 == users[0].Id ? 0 : 1));
        Assert.Empty(viaUsers);
        Assert.Equal(users[0].Emails.Count, byUser.Count);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal(["email"], await Json.ErrorFieldsAsync(tooMany));
    }

    [Fact]
    public async Task Given_an_address_marked_unverified_in_the_UI_When_filtering_by_verified_Then_it_moves_between_the_sets()
    {
        var org = await V3Org.CreateAsync();
        var user = org.Org.AddUser(new NewUser { FirstName = "Two", LastName = "Addresses", Email = "two.addresses@v3dir.example", SecondaryEmails = ["Two.Personal@Mail.example"] });

        var before = await org.ListAsync($"v3/user_emails?user_ids={user}&verified=true");
        org.Org.SetUserEmailVerified(user, "two.personal@mail.example", verified: false);
        var verified = await org.ListAsync($"v3/user_emails?user_ids={user}&verified=true");
        var unverified = Assert.Single(await org.ListAsync($"v3/user_emails?user_ids={user}&verified=false"))!;

        Assert.Equal(2, before.Count);
        Assert.Equal(["two.addresses@v3dir.example"], verified.Select(r => r!["email"]!.GetValue<string>()));
        Assert.Equal("Two.Personal@Mail.example", unverified["email"]!.GetValue<string>());
        Assert.Throws<InvalidOperationException>(() => org.Org.SetUserEmailVerified(user, "two.addresses@v3dir.example", verified: false));
        Assert.Throws<SandboxNotFoundException>(() => org.Org.SetUserEmailVerified(user, "someone@else.example", verified: true));
    }

    [Fact]
    public async Task Given_the_Integration_Service_User_When_listing_user_emails_Then_it_has_no_address_there()
    {
        var org = await V3Org.CreateAsync();
        var service = org.Org.IntegrationServiceUserId!.Value;

        Assert.Empty(await org.ListAsync($"v3/user_emails?user_ids={service}"));
    }
}
