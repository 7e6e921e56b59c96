using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Users, changed the way Greenhouse admins change them in the UI.
public sealed partial class SandboxOrganization
{
    public long AddUser(NewUser user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Email);
        lock (Data.Gate)
        {
            var now = Now();
            if (Data.FindUserByEmail(user.Email) is not null)
            {
                throw new InvalidOperationException($"A user with email {user.Email} already exists.");
            }

            var entity = new User
            {
                Id = Data.Ids.Users.Next(),
                FirstName = user.FirstName,
                LastName = user.LastName,
                Emails = [user.Email, .. user.SecondaryEmails],
                EmployeeId = user.EmployeeId,
                SiteAdmin = user.SiteAdmin,
                CanManageApplications = user.CanManageApplications,
                Disabled = user.Disabled,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Data.AddUser(entity);
            return entity.Id;
        }
    }

    public void DisableUser(long userId) => SetUserDisabled(userId, true);

    public void EnableUser(long userId) => SetUserDisabled(userId, false);

    public void SetUserDisabled(long userId, bool disabled) =>
        MutateUser(userId, u => u.Disabled = disabled);

    /// <summary>Whether the user may manage applications (schedule on them as On-Behalf-Of).</summary>
    public void SetUserCanManageApplications(long userId, bool canManage) =>
        MutateUser(userId, u => u.CanManageApplications = canManage);

    /// <summary>Whether the user is a Site Admin (v3 lists read empty for anyone else, the Integration Service User included).</summary>
    public void SetUserSiteAdmin(long userId, bool siteAdmin) =>
        MutateUser(userId, u => u.SiteAdmin = siteAdmin);

    private void MutateUser(long userId, Action<User> change)
    {
        lock (Data.Gate)
        {
            var user = Data.Users.Find(userId) ?? throw NotFound("User", userId);
            change(user);
            user.UpdatedAt = Now();
        }
    }

    /// <summary>
    /// Marks one of a user's secondary addresses verified or not (v3 <c>/v3/user_emails</c>): only verified addresses may
    /// be matched to interviewer calendars. The primary address is always verified.
    /// </summary>
    public void SetUserEmailVerified(long userId, string email, bool verified) =>
        MutateUser(userId, u =>
        {
            var index = u.Emails.FindIndex(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new SandboxNotFoundException($"User {userId} has no address {email}.");
            }

            if (index == 0)
            {
                throw new InvalidOperationException("The primary address is always verified.");
            }

            if (verified)
            {
                u.UnverifiedEmails.Remove(u.Emails[index]);
            }
            else
            {
                u.UnverifiedEmails.Add(u.Emails[index]);
            }
        });

    public UserDto GetUser(long userId)
    {
        lock (Data.Gate)
        {
            return UserProjection.ToDto(Data, Data.Users.Find(userId) ?? throw NotFound("User", userId));
        }
    }

    public IReadOnlyList<UserDto> ListUsers()
    {
        lock (Data.Gate)
        {
            return Data.Users.Items.Select(u => UserProjection.ToDto(Data, u)).ToArray();
        }
    }
}
