using System.Globalization;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

internal sealed partial class DataGenerator
{
    private void GenerateSourcesAndReasons()
    {
        if (_scale.Jobs == 0)
        {
            return;
        }

        foreach (var name in NameBank.Sources)
        {
            _data.Sources.Add(new Source { Id = _data.Ids.Sources.Next(), PublicName = name, TypeName = name == "Referral" ? "Referrals" : "Job Board" });
        }

        foreach (var name in NameBank.RejectionReasons)
        {
            var ours = name is not ("Candidate withdrew" or "Did not respond");
            _data.RejectionReasons.Add(new RejectionReason
            {
                Id = _data.Ids.RejectionReasons.Next(),
                Name = name,
                TypeId = ours ? 1 : 2,
                TypeName = ours ? "We rejected them" : "They rejected us",
            });
        }
    }

    /// <summary>Region offices (Americas, EMEA, APAC) at the top when there are enough offices, cities under them.</summary>
    private void GenerateOffices()
    {
        var count = _scale.Offices;
        if (count == 0)
        {
            return;
        }

        var regions = new Office?[NameBank.Regions.Length];
        var withRegions = count >= 4;
        if (withRegions)
        {
            for (var r = 0; r < regions.Length; r++)
            {
                var region = new Office
                {
                    Id = _data.Ids.Offices.Next(),
                    Name = NameBank.Regions[r],
                    LocationName = NameBank.Regions[r],
                    ExternalId = $"region-{r + 1}",
                    CreatedAt = DaysAgo(1500, 2000),
                };
                region.UpdatedAt = region.CreatedAt;
                _data.Offices.Add(region);
                regions[r] = region;
            }
        }

        var cities = count - (withRegions ? regions.Length : 0);
        for (var i = 0; i < cities; i++)
        {
            var (city, location, regionIndex) = NameBank.Cities[i % NameBank.Cities.Length];
            var round = i / NameBank.Cities.Length;
            var parent = regions[regionIndex];
            var office = new Office
            {
                Id = _data.Ids.Offices.Next(),
                Name = round == 0 ? city : string.Create(CultureInfo.InvariantCulture, $"{city} {round + 1}"),
                LocationName = location,
                ParentId = parent?.Id,
                ExternalId = string.Create(CultureInfo.InvariantCulture, $"office-{i + 1:000}"),
                CreatedAt = DaysAgo(200, 1500),
            };
            office.UpdatedAt = Between(office.CreatedAt, _reference);
            _data.Offices.Add(office);
            parent?.ChildIds.Add(office.Id);
        }
    }

    private IReadOnlyList<Office> CityOffices() =>
        _data.Offices.Items.Where(o => o.ChildIds.Count == 0).ToArray();

    private void GenerateDepartments()
    {
        var count = _scale.Departments;
        if (count == 0)
        {
            return;
        }

        var roots = Math.Min(NameBank.Departments.Length, Math.Max(1, (count + 1) / 2));
        var rootDepartments = new List<Department>();
        for (var i = 0; i < roots; i++)
        {
            var d = new Department { Id = _data.Ids.Departments.Next(), Name = NameBank.Departments[i], ExternalId = $"dept-{i + 1}", CreatedAt = DepartmentCreatedAt(i) };
            d.UpdatedAt = d.CreatedAt;
            _data.Departments.Add(d);
            rootDepartments.Add(d);
        }

        for (var i = roots; i < count; i++)
        {
            var parent = rootDepartments[(i - roots) % roots];
            var sub = NameBank.SubDepartments[(i - roots) % NameBank.SubDepartments.Length];
            var round = (i - roots) / (roots * NameBank.SubDepartments.Length);
            var name = round == 0 ? $"{parent.Name} - {sub}" : string.Create(CultureInfo.InvariantCulture, $"{parent.Name} - {sub} {round + 1}");
            var d = new Department { Id = _data.Ids.Departments.Next(), Name = name, ParentId = parent.Id, ExternalId = $"dept-{i + 1}", CreatedAt = DepartmentCreatedAt(i) };
            d.UpdatedAt = d.CreatedAt;
            _data.Departments.Add(d);
            parent.ChildIds.Add(d.Id);
        }
    }

    /// <summary>Before any office, user or job; no random draw, so everything generated after it is unchanged.</summary>
    private DateTimeOffset DepartmentCreatedAt(int index) => _reference.AddDays(-2100).AddHours(index);

    /// <summary>
    /// The first fifth are the recruiting team (recruiters and coordinators, all able to manage applications);
    /// a share of the others are interviewers only (cannot manage applications); a few are disabled.
    /// </summary>
    private void GenerateUsers()
    {
        var count = _scale.Users;
        var team = Math.Max(Math.Min(2, count), count / 5);
        var offices = CityOffices();
        var secondaries = 0;
        for (var i = 0; i < count; i++)
        {
            var (first, last) = PersonName();
            var local = $"{Slug(first)}.{Slug(last)}";
            var emails = new List<string> { UniqueEmail(local, _data.EmailDomain) };
            if (_rng.Chance(0.2))
            {
                emails.Add(UniqueEmail($"{Slug(first)}{Slug(last)}", _rng.Pick(NameBank.PersonalDomains)));
            }

            var inTeam = i < team;
            var user = new User
            {
                Id = _data.Ids.Users.Next(),
                FirstName = first,
                LastName = last,
                Emails = emails,
                EmployeeId = _rng.Chance(0.85) ? string.Create(CultureInfo.InvariantCulture, $"E{10000 + i}") : null,
                SiteAdmin = i == 0 || _rng.Chance(0.04),
                CanManageApplications = inTeam || _rng.Chance(0.8),
                // The last user is always disabled so every non-trivial org has one.
                Disabled = count >= 3 && (i == count - 1 || (!inTeam && _rng.Chance(0.03))),
                CreatedAt = DaysAgo(30, 1500),
            };
            user.UpdatedAt = Between(user.CreatedAt, _reference);
            if (offices.Count > 0)
            {
                user.OfficeIds.Add(_rng.Pick(offices).Id);
            }

            if (_data.Departments.Count > 0)
            {
                user.DepartmentIds.Add(_rng.Pick(_data.Departments.Items).Id);
            }

            // Guarantee at least one enabled interviewer-only user (cannot manage applications).
            if (i == count - 2 && count >= 4 && !inTeam)
            {
                user.CanManageApplications = false;
                user.Disabled = false;
            }

            // Every other secondary address is unverified (counted, not drawn, so the random sequence is unchanged).
            if (emails.Count > 1 && secondaries++ % 2 == 1)
            {
                user.UnverifiedEmails.Add(emails[1]);
            }

            _data.AddUser(user);
            if (!user.Disabled)
            {
                _enabledUsers.Add(user);
                if (inTeam)
                {
                    _recruitingTeam.Add(user);
                }
            }
        }

        foreach (var office in _data.Offices.Items)
        {
            if (_enabledUsers.Count > 0)
            {
                office.PrimaryContactUserId = _rng.Pick(_enabledUsers).Id;
            }
        }
    }
}
