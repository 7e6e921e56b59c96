using System.Net.Mail;
using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Orgs;
using GemScheduling.Security;
using GemScheduling.Sync;

namespace GemScheduling.Greenhouse;

/// <summary>What an admin sends to connect (or rotate) Greenhouse; omitted members keep their current values.</summary>
public sealed record ConnectGreenhouseRequest(string? ApiVersion, string? BaseUrl, string? ApiKey, string? OrganizerEmail);

/// <summary>
/// Connects an org to Greenhouse: checks the key and every permission, finds the organizing user, and stores the key
/// encrypted. Also gives grains an org's Harvest client. The plaintext key exists only in memory, here.
/// </summary>
public sealed class GreenhouseConnector(
    IGrainFactory grains, HarvestClientFactory harvest, CredentialProtector protector, PermissionVerifier verifier, SyncOptions syncOptions)
{
    public async Task<GreenhouseConnectionView> ConnectAsync(string orgId, ConnectGreenhouseRequest request, string actor, CancellationToken cancellationToken)
    {
        var org = grains.GetGrain<IOrgGrain>(orgId);
        var existing = await org.GetGreenhouseAccess();
        var errors = new Dictionary<string, string[]>();

        var apiVersion = (request.ApiVersion ?? existing?.ApiVersion ?? "v1").Trim().ToLowerInvariant();
        if (apiVersion == "v3")
            errors["apiVersion"] = ["Harvest v3 (OAuth client credentials) is not available in this version of GemScheduling yet; connect with a v1/v2 API key."];
        else if (apiVersion != "v1")
            errors["apiVersion"] = ["Must be \"v1\" (Harvest v1/v2 API key) or \"v3\"."];

        var baseUrlText = request.BaseUrl ?? existing?.BaseUrl ?? HarvestConnection.GreenhouseHarvest.ToString();
        if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(baseUrl.Query))
            errors["baseUrl"] = ["Must be an absolute http(s) URL such as https://harvest.greenhouse.io/."];

        var apiKey = request.ApiKey?.Trim();
        if (apiKey is null && existing is not null)
            apiKey = protector.Unprotect(orgId, existing.EncryptedCredential);
        if (string.IsNullOrEmpty(apiKey))
            errors["apiKey"] = ["The Harvest API key is required to connect."];
        else if (apiKey.Length > 500 || apiKey.Any(char.IsWhiteSpace))
            errors["apiKey"] = ["This does not look like a Harvest API key."];

        var organizerEmail = request.OrganizerEmail?.Trim() ?? existing?.Organizer.Email;
        if (string.IsNullOrEmpty(organizerEmail))
            errors["organizerEmail"] = ["The email of the Greenhouse user who organizes interviews is required."];
        else if (!MailAddress.TryCreate(organizerEmail, out _))
            errors["organizerEmail"] = ["Must be an email address."];

        if (errors.Count > 0)
            throw new ValidationFailedException(errors);

        var client = harvest.CreateV1(new HarvestConnection(orgId, WithTrailingSlash(baseUrl!), apiKey!));
        var organizer = await FindOrganizerAsync(client, organizerEmail!, cancellationToken);
        var report = await verifier.VerifyAsync(client, organizer.UserId, cancellationToken);
        if (report.Key == PermissionReport.Invalid)
            throw new ValidationFailedException("apiKey", $"Greenhouse rejected this API key: {report.KeyProblem}");

        var connection = new GreenhouseConnection(apiVersion, WithTrailingSlash(baseUrl!).ToString(), protector.Protect(orgId, apiKey!),
            HarvestConnection.Last4(apiKey!), organizer, report);
        var view = await org.ConnectGreenhouse(connection, actor);
        var sync = grains.GetGrain<ISyncGrain>(orgId);
        if (existing is null && syncOptions.StartOnConnect)
            await sync.Start(SyncMode.Full, actor);
        else
            await sync.EnsureScheduled();
        return view;
    }

    public async Task<PermissionReport> VerifyAsync(string orgId, string actor, CancellationToken cancellationToken)
    {
        var org = grains.GetGrain<IOrgGrain>(orgId);
        var access = await org.GetGreenhouseAccess() ?? throw new ResourceNotFoundException("Greenhouse is not connected for this org.");
        var report = await verifier.VerifyAsync(ClientFor(access), access.Organizer.UserId, cancellationToken);
        await org.RecordVerification(report, actor);
        return report;
    }

    /// <summary>An org's Harvest client, its key decrypted for this use only.</summary>
    public HarvestV1Client ClientFor(GreenhouseAccess access, HarvestLane readLane = HarvestLane.Interactive) =>
        harvest.CreateV1(new HarvestConnection(access.OrgId, new Uri(access.BaseUrl), protector.Unprotect(access.OrgId, access.EncryptedCredential)), readLane);

    /// <summary>Looks a Greenhouse user up by email (List Users matches primary and secondary addresses); must be enabled.</summary>
    public static async Task<ActingUser> FindOrganizerAsync(HarvestV1Client client, string email, CancellationToken cancellationToken, string field = "organizerEmail")
    {
        List<Harvest.V1.Models.HarvestUser> users;
        try
        {
            users = await client.CallAsync(api => api.ListUsers(new UserFilter { Email = email, PerPage = 10 }, cancellationToken), cancellationToken);
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Unauthorized)
        {
            throw new ValidationFailedException("apiKey", $"Greenhouse rejected this API key (401): {ex.GreenhouseMessage}");
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Forbidden)
        {
            var permission = HarvestPermissions.Get(HarvestPermissions.UsersList);
            throw new ValidationFailedException(field,
                $"Cannot look up the user: the API key lacks \"{permission.DisplayName}\". {HarvestPermissions.HowToGrant(permission)}");
        }
        catch (HarvestApiException ex)
        {
            throw ex.ToCallFailed();
        }

        var user = users.FirstOrDefault(u => u.Id is not null &&
            (string.Equals(u.PrimaryEmailAddress, email, StringComparison.OrdinalIgnoreCase) ||
             (u.Emails ?? []).Contains(email, StringComparer.OrdinalIgnoreCase)));
        if (user is null)
            throw new ValidationFailedException(field, $"No Greenhouse user has the email {email}.");
        if (user.Disabled == true)
            throw new ValidationFailedException(field, $"The Greenhouse user {email} is disabled.");
        return new ActingUser(user.Id!.Value, user.PrimaryEmailAddress ?? email, user.Name);
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

public static class HarvestApiExceptionExtensions
{
    /// <summary>The cluster-serializable form the API turns into a problem response showing what Greenhouse said.</summary>
    public static GreenhouseCallFailedException ToCallFailed(this HarvestApiException ex) =>
        new(ex.Status is null ? null : (int)ex.Status, ex.GreenhouseMessage,
            ex.FieldErrors.GroupBy(f => f.Field ?? "").ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            ex.Endpoint, ex.IsTransient);
}
