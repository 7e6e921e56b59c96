using System.Net.Mail;
using GemScheduling.Harvest;
using GemScheduling.Orgs;

namespace GemScheduling.Greenhouse.Connect;

/// <summary>
/// Turns a connect request into a verified connection: checks every field (hosts against the operator's policy),
/// finds the organizing user, checks every permission, and encrypts the credential for the org and the origin it was
/// entered for. A stored secret is reused only against the same version, origin, token URL and client; anything else
/// needs the secret again, so a tenant can never send a stored secret somewhere new.
/// </summary>
public sealed class GreenhouseConnections(GreenhouseFactory factory, HarvestClientOptions harvest)
{
    public async Task<GreenhouseConnection> ConnectAsync(string orgId, ConnectGreenhouse request, GreenhouseConnection? existing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();

        // With no version named: the current one, else what the credential sent looks like (v3 for new connections).
        var askedVersion = request.ApiVersion?.Trim().ToLowerInvariant();
        var known = WireNames.TryParseWire<HarvestApiVersion>(askedVersion, out var named);
        var apiVersion = askedVersion is null ? existing?.ApiVersion ?? (request.ApiKey is not null ? HarvestApiVersion.V1 : HarvestApiVersion.V3)
            : known ? named : HarvestApiVersion.V3;
        if (askedVersion is not null && !known)
            errors["apiVersion"] = ["Must be \"v1\" (a Harvest v1/v2 API key) or \"v3\" (Harvest v3 OAuth client credentials)."];

        var baseUrl = Url("baseUrl", request.BaseUrl ?? existing?.BaseUrl ?? HarvestConnection.GreenhouseHarvest.ToString(), errors);
        var stored = existing is null ? null : factory.Decrypt(orgId, existing.EncryptedCredential);
        var secretField = apiVersion == HarvestApiVersion.V3 ? "clientSecret" : "apiKey";
        var reusable = stored is not null && existing!.ApiVersion == apiVersion && baseUrl is not null &&
                       Harvest.Http.GreenhouseHostPolicy.SameOrigin(new Uri(existing.BaseUrl), baseUrl);
        var credential = apiVersion == HarvestApiVersion.V3
            ? ClientCredentials(request, reusable ? stored : null, baseUrl, errors)
            : ApiKey(request, reusable ? stored : null, errors);
        if (existing is not null && !reusable && baseUrl is not null && (apiVersion == HarvestApiVersion.V3 ? request.ClientSecret : request.ApiKey) is null)
            errors[secretField] = [$"Changing {(existing.ApiVersion != apiVersion ? "apiVersion" : "baseUrl")} needs the {(apiVersion == HarvestApiVersion.V3 ? "client secret" : "API key")} again: " +
                                   "a stored secret is only ever sent where it was entered for."];

        var organizerEmail = request.OrganizerEmail?.Trim() ?? existing?.Organizer.Email;
        if (string.IsNullOrEmpty(organizerEmail))
            errors["organizerEmail"] = ["The email of the Greenhouse user who organizes interviews is required."];
        else if (organizerEmail.Length > 320 || !MailAddress.TryCreate(organizerEmail, out _))
            errors["organizerEmail"] = ["Must be an email address."];

        // v3 only: who reads (empty: back to the credential's Integration Service User).
        var readerEmail = request.ReaderEmail is { } asked ? asked.Trim() : apiVersion == existing?.ApiVersion ? existing.Reader?.Email : null;
        if (apiVersion != HarvestApiVersion.V3 && !string.IsNullOrEmpty(readerEmail))
            errors["readerEmail"] = ["Only Harvest v3 reads as a chosen user; a v1/v2 key reads as itself."];
        else if (!string.IsNullOrEmpty(readerEmail) && (readerEmail.Length > 320 || !MailAddress.TryCreate(readerEmail, out _)))
            errors["readerEmail"] = ["Must be an email address, or empty for the Integration Service User."];

        if (errors.Count > 0)
            throw new ValidationFailedException(errors);

        baseUrl = WithTrailingSlash(baseUrl!);
        credential = credential! with { Origin = new Uri(baseUrl.GetLeftPart(UriPartial.Authority)) };
        var greenhouse = factory.For(orgId, apiVersion, baseUrl, credential);
        ActingUser? reader = null;
        if (!string.IsNullOrEmpty(readerEmail))
        {
            reader = await FindReaderAsync(greenhouse, readerEmail, cancellationToken);
            greenhouse = factory.For(orgId, apiVersion, baseUrl, credential, reach: V3Reach.Everything with { ReaderUserId = reader.UserId });
        }

        var organizer = await FindOrganizerAsync(greenhouse, organizerEmail!, cancellationToken);
        var report = await Refusals(greenhouse, () => greenhouse.VerifyAsync(organizer.UserId, cancellationToken));
        if (report.Key == PermissionReport.Invalid)
            throw new ValidationFailedException(secretField, $"Greenhouse rejected this credential: {report.KeyProblem}");

        var secret = credential.ApiKey ?? credential.ClientSecret!;
        return new GreenhouseConnection(apiVersion, baseUrl.ToString(), factory.Encrypt(orgId, credential), HarvestConnection.Last4(secret), organizer, report, reader);
    }

    /// <summary>The reader is looked up by the Integration Service User, and must be an enabled Site Admin: v3 lists answer nobody else.</summary>
    private static async Task<ActingUser> FindReaderAsync(IGreenhouse greenhouse, string email, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(greenhouse, email, cancellationToken, "readerEmail");
        if (!user.SiteAdmin)
            throw new ValidationFailedException("readerEmail",
                $"The Greenhouse user {email} is not a Site Admin; Harvest v3 lists answer nobody else. Make the user a Site Admin, or leave readerEmail empty.");
        return new ActingUser(user.Id, user.PrimaryEmail ?? email, user.Name);
    }

    public Task<PermissionReport> VerifyAsync(GreenhouseAccess access, CancellationToken cancellationToken) =>
        factory.For(access).VerifyAsync(access.Organizer.UserId, cancellationToken);

    /// <summary>Looks a Greenhouse user up by email (primary or secondary address); must exist and be enabled.</summary>
    public static async Task<ActingUser> FindOrganizerAsync(IGreenhouse greenhouse, string email, CancellationToken cancellationToken, string field = "organizerEmail")
    {
        var user = await FindUserAsync(greenhouse, email, cancellationToken, field);
        return new ActingUser(user.Id, user.PrimaryEmail ?? email, user.Name);
    }

    private static async Task<GreenhouseUser> FindUserAsync(IGreenhouse greenhouse, string email, CancellationToken cancellationToken, string field)
    {
        GreenhouseUser? user;
        try
        {
            user = await Refusals(greenhouse, () => greenhouse.FindUserByEmailAsync(email, cancellationToken));
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.Forbidden)
        {
            var explanation = greenhouse.ApiVersion == HarvestApiVersion.V3
                ? $"Greenhouse refused to list users (403): the credential lacks the scope \"{HarvestV3Scopes.UsersList}\" " +
                  $"({HarvestV3Scopes.HowToGrant(HarvestV3Scopes.Get(HarvestV3Scopes.UsersList))}), or the reader is not a Site Admin " +
                  $"({HarvestV3Scopes.HowToGrant(HarvestV3Scopes.SiteAdmin)})"
                : $"the credential lacks \"{HarvestPermissions.Get(HarvestPermissions.UsersList).DisplayName}\". {HarvestPermissions.HowToGrant(HarvestPermissions.Get(HarvestPermissions.UsersList))}";
            throw new ValidationFailedException(field, $"Cannot look up the user: {explanation}");
        }

        if (user is null)
            throw new ValidationFailedException(field, greenhouse.ApiVersion == HarvestApiVersion.V3
                ? $"No Greenhouse user has the email {email}. Harvest v3 finds other than primary addresses only with the scope " +
                  $"\"{HarvestV3Scopes.UserEmailsList}\", and returns no users at all unless the reader is a Site Admin. " +
                  HarvestV3Scopes.HowToGrant(HarvestV3Scopes.SiteAdmin)
                : $"No Greenhouse user has the email {email}.");
        if (user.Disabled)
            throw new ValidationFailedException(field, $"The Greenhouse user {email} is disabled.");
        return user;
    }

    /// <summary>Failures that are about what the admin typed become 422s naming the field; Greenhouse's own failures pass on.</summary>
    private static async Task<T> Refusals<T>(IGreenhouse greenhouse, Func<Task<T>> call)
    {
        var secretField = greenhouse.ApiVersion == HarvestApiVersion.V3 ? "clientSecret" : "apiKey";
        try
        {
            return await call();
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.CredentialRejected)
        {
            throw new ValidationFailedException(secretField, $"Greenhouse rejected this credential (401): {ex.GreenhouseMessage}");
        }
        catch (GreenhouseException ex) when (ex.Endpoint == "POST /token" && ex.Kind is GreenhouseFailure.Rejected or GreenhouseFailure.Forbidden)
        {
            throw new ValidationFailedException("clientId", $"Greenhouse did not issue an access token: {ex.GreenhouseMessage}");
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.HostNotAllowed)
        {
            throw new ValidationFailedException(ex.Endpoint == "POST /token" ? "tokenUrl" : "baseUrl", ex.GreenhouseMessage);
        }
    }

    private Uri? Url(string field, string text, Dictionary<string, string[]> errors)
    {
        if (text.Length > 2000 || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            errors[field] = ["Must be an absolute https URL without a query, such as https://harvest.greenhouse.io/."];
            return null;
        }

        if (harvest.Hosts.Refusal(url) is { } refusal)
        {
            errors[field] = [refusal];
            return null;
        }

        return url;
    }

    private static GreenhouseCredential? ApiKey(ConnectGreenhouse request, GreenhouseCredential? stored, Dictionary<string, string[]> errors)
    {
        var apiKey = request.ApiKey?.Trim() ?? stored?.ApiKey;
        if (string.IsNullOrEmpty(apiKey))
            errors["apiKey"] = ["The Harvest API key is required to connect with v1."];
        else if (apiKey.Length > 500 || apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            errors["apiKey"] = ["This does not look like a Harvest API key."];
        return apiKey is null ? null : new GreenhouseCredential(apiKey, null, null, null);
    }

    private GreenhouseCredential? ClientCredentials(ConnectGreenhouse request, GreenhouseCredential? stored, Uri? baseUrl, Dictionary<string, string[]> errors)
    {
        var clientId = request.ClientId?.Trim() ?? stored?.ClientId;
        var sameClient = stored is not null && clientId == stored.ClientId;
        var tokenUrl = request.TokenUrl is null ? (sameClient ? stored!.TokenUrl : null) : Url("tokenUrl", request.TokenUrl, errors);
        var sameTokenUrl = sameClient && Equals(tokenUrl ?? DefaultFor(baseUrl), stored!.TokenUrl ?? DefaultFor(baseUrl));
        var clientSecret = request.ClientSecret?.Trim() ?? (sameTokenUrl ? stored!.ClientSecret : null);
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 200 || clientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            errors["clientId"] = ["The Harvest v3 OAuth client id is required (Dev Center → API Credentials → Harvest V3 (OAuth))."];
        if (string.IsNullOrEmpty(clientSecret))
            errors["clientSecret"] = [stored is not null && (!sameClient || !sameTokenUrl)
                ? "Changing clientId or tokenUrl needs the client secret again: a stored secret is only ever sent where it was entered for."
                : "The Harvest v3 OAuth client secret is required."];
        else if (clientSecret.Length > 500 || clientSecret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            errors["clientSecret"] = ["This does not look like a Harvest v3 client secret."];
        return clientId is null || clientSecret is null ? null : new GreenhouseCredential(null, clientId, clientSecret, tokenUrl);

        static Uri? DefaultFor(Uri? baseUrl) => baseUrl is null ? null : GreenhouseFactory.DefaultTokenUrl(WithTrailingSlash(baseUrl));
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
