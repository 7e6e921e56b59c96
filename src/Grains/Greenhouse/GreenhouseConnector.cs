using System.Net.Mail;
using GemScheduling.Harvest;
using GemScheduling.Orgs;
using GemScheduling.Sync;

namespace GemScheduling.Greenhouse;

/// <summary>
/// What an admin sends to connect (or rotate) Greenhouse; omitted members keep their current values. v1 takes a Harvest
/// API key; v3 takes OAuth client credentials (and, for a sandbox, the token URL).
/// </summary>
public sealed record ConnectGreenhouseRequest(
    string? ApiVersion, string? BaseUrl, string? ApiKey, string? OrganizerEmail,
    string? ClientId = null, string? ClientSecret = null, string? TokenUrl = null);

/// <summary>
/// Connects an org to Greenhouse: checks the credential and every permission, finds the organizing user, and stores the
/// credential encrypted. The plaintext secret exists only in memory, for the call at hand.
/// </summary>
public sealed class GreenhouseConnector(IGrainFactory grains, GreenhouseFactory greenhouses, SyncOptions syncOptions)
{
    public async Task<GreenhouseConnectionView> ConnectAsync(string orgId, ConnectGreenhouseRequest request, string actor, CancellationToken cancellationToken)
    {
        var org = grains.GetGrain<IOrgGrain>(orgId);
        var existing = await org.GetGreenhouseAccess();
        var errors = new Dictionary<string, string[]>();

        // With no version named: the current one, else what the credential sent looks like (v3 for new connections).
        var apiVersion = (request.ApiVersion ?? existing?.ApiVersion ?? (request.ApiKey is not null ? "v1" : "v3")).Trim().ToLowerInvariant();
        if (apiVersion is not ("v1" or "v3"))
            errors["apiVersion"] = ["Must be \"v1\" (a Harvest v1/v2 API key) or \"v3\" (Harvest v3 OAuth client credentials)."];
        var sameVersion = existing?.ApiVersion == apiVersion;

        var baseUrlText = request.BaseUrl ?? (sameVersion ? existing?.BaseUrl : null) ?? HarvestConnection.GreenhouseHarvest.ToString();
        if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(baseUrl.Query))
            errors["baseUrl"] = ["Must be an absolute http(s) URL such as https://harvest.greenhouse.io/."];

        var stored = sameVersion && existing is not null ? greenhouses.Decrypt(orgId, existing.EncryptedCredential) : null;
        var credential = apiVersion == "v3" ? ClientCredentials(request, stored, errors) : ApiKey(request, stored, errors);

        var organizerEmail = request.OrganizerEmail?.Trim() ?? existing?.Organizer.Email;
        if (string.IsNullOrEmpty(organizerEmail))
            errors["organizerEmail"] = ["The email of the Greenhouse user who organizes interviews is required."];
        else if (!MailAddress.TryCreate(organizerEmail, out _))
            errors["organizerEmail"] = ["Must be an email address."];

        if (errors.Count > 0)
            throw new ValidationFailedException(errors);

        baseUrl = WithTrailingSlash(baseUrl!);
        var lookup = greenhouses.For(orgId, apiVersion, baseUrl, credential!, actingUserId: null);
        var organizer = await FindOrganizerAsync(lookup, organizerEmail!, cancellationToken);
        var report = await greenhouses.For(orgId, apiVersion, baseUrl, credential!, organizer.UserId).VerifyAsync(organizer.UserId, cancellationToken);
        if (report.Key == PermissionReport.Invalid)
            throw new ValidationFailedException(apiVersion == "v3" ? "clientSecret" : "apiKey", $"Greenhouse rejected this credential: {report.KeyProblem}");

        var secret = credential!.ApiKey ?? credential.ClientSecret!;
        var connection = new GreenhouseConnection(apiVersion, baseUrl.ToString(), greenhouses.Encrypt(orgId, credential),
            HarvestConnection.Last4(secret), organizer, report);
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
        var report = await greenhouses.For(access).VerifyAsync(access.Organizer.UserId, cancellationToken);
        await org.RecordVerification(report, actor);
        return report;
    }

    /// <summary>Looks a Greenhouse user up by email (primary or secondary address); must exist and be enabled.</summary>
    public static async Task<ActingUser> FindOrganizerAsync(IGreenhouse greenhouse, string email, CancellationToken cancellationToken, string field = "organizerEmail")
    {
        GreenhouseUser? user;
        try
        {
            user = await greenhouse.FindUserByEmailAsync(email, cancellationToken);
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Unauthorized)
        {
            throw new ValidationFailedException(greenhouse.ApiVersion == "v3" ? "clientSecret" : "apiKey",
                $"Greenhouse rejected this credential (401): {ex.GreenhouseMessage}");
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Forbidden)
        {
            var explanation = greenhouse.ApiVersion == "v3"
                ? $"the credential lacks the scope \"{HarvestV3Scopes.UsersList}\". {HarvestV3Scopes.HowToGrant(HarvestV3Scopes.Get(HarvestV3Scopes.UsersList))}"
                : $"the credential lacks \"{HarvestPermissions.Get(HarvestPermissions.UsersList).DisplayName}\". {HarvestPermissions.HowToGrant(HarvestPermissions.Get(HarvestPermissions.UsersList))}";
            throw new ValidationFailedException(field, $"Cannot look up the user: {explanation}");
        }
        catch (HarvestApiException ex) when (ex.Endpoint == "POST /token")
        {
            throw new ValidationFailedException("clientId", $"Greenhouse did not issue an access token: {ex.GreenhouseMessage}");
        }
        catch (HarvestApiException ex)
        {
            throw ex.ToCallFailed();
        }

        if (user is null)
            throw new ValidationFailedException(field, greenhouse.ApiVersion == "v3"
                ? $"No Greenhouse user has the primary email {email}. Harvest v3 finds users by primary email only, and returns no users " +
                  $"at all unless the Integration Service User is a Site Admin. {HarvestV3Scopes.HowToGrant(HarvestV3Scopes.SiteAdmin)}"
                : $"No Greenhouse user has the email {email}.");
        if (user.Disabled)
            throw new ValidationFailedException(field, $"The Greenhouse user {email} is disabled.");
        return new ActingUser(user.Id, user.PrimaryEmail ?? email, user.Name);
    }

    private static GreenhouseCredential? ApiKey(ConnectGreenhouseRequest request, GreenhouseCredential? stored, Dictionary<string, string[]> errors)
    {
        var apiKey = request.ApiKey?.Trim() ?? stored?.ApiKey;
        if (string.IsNullOrEmpty(apiKey))
            errors["apiKey"] = ["The Harvest API key is required to connect with v1."];
        else if (apiKey.Length > 500 || apiKey.Any(char.IsWhiteSpace))
            errors["apiKey"] = ["This does not look like a Harvest API key."];
        return apiKey is null ? null : new GreenhouseCredential(apiKey, null, null, null);
    }

    private static GreenhouseCredential? ClientCredentials(ConnectGreenhouseRequest request, GreenhouseCredential? stored, Dictionary<string, string[]> errors)
    {
        var clientId = request.ClientId?.Trim() ?? stored?.ClientId;
        var clientSecret = request.ClientSecret?.Trim() ?? stored?.ClientSecret;
        var tokenUrlText = request.TokenUrl ?? stored?.TokenUrl?.ToString();
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 200 || clientId.Any(char.IsWhiteSpace))
            errors["clientId"] = ["The Harvest v3 OAuth client id is required (Dev Center → API Credentials → Harvest V3 (OAuth))."];
        if (string.IsNullOrEmpty(clientSecret) || clientSecret.Length > 500 || clientSecret.Any(char.IsWhiteSpace))
            errors["clientSecret"] = ["The Harvest v3 OAuth client secret is required."];
        Uri? tokenUrl = null;
        if (tokenUrlText is not null && (!Uri.TryCreate(tokenUrlText, UriKind.Absolute, out tokenUrl) || tokenUrl.Scheme is not ("https" or "http")))
            errors["tokenUrl"] = ["Must be an absolute http(s) URL (default https://auth.greenhouse.io/token)."];
        return clientId is null || clientSecret is null ? null : new GreenhouseCredential(null, clientId, clientSecret, tokenUrl);
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
