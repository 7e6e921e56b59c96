using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>POST /auth/token: the OAuth 2.0 Client Credentials grant of Harvest v3 (docs/HARVEST-CONTRACT.md §11).</summary>
public sealed class V3TokenTests
{
    private static JsonObject Claims(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonObject)JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(V3Org org, HttpRequestMessage request)
    {
        var response = await org.Http.SendAsync(request);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response);
    }

    [Fact]
    public async Task Given_valid_client_credentials_in_Basic_auth_When_requesting_a_token_with_a_sub_Then_a_signed_bearer_JWT_for_that_user_is_issued_and_recorded()
    {
        var org = await V3Org.CreateAsync();
        var sub = org.SiteAdminId;

        var (status, body, response) = await SendAsync(org, org.TokenRequest(sub));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var token = body["access_token"]!.GetValue<string>();
        var claims = Claims(token);
        Assert.Equal(V3Org.I(sub), claims["sub"]!.GetValue<string>());
        Assert.Equal(org.Org.Id, claims["org"]!.GetValue<string>());
        Assert.Equal(org.Credentials.ClientId, claims["client_id"]!.GetValue<string>());
        Assert.Equal(HarvestV3Scopes.AllIds, claims["scope"]!.GetValue<string>().Split(' '));
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>(), tolerance: 1);

        var recorded = Assert.Single(org.Org.V3Tokens());
        Assert.Equal(token, recorded.AccessToken);
        Assert.Equal(sub, recorded.Sub);
        Assert.Equal(org.Credentials.ClientId, recorded.ClientId);
        Assert.Equal(TimeSpan.FromHours(1), recorded.ExpiresAt - recorded.IssuedAt);
        var call = Assert.Single(org.Org.CallLog());
        Assert.Equal(("auth.token", org.Credentials.ClientId, sub, 200), (call.Permission, call.ClientId, call.Sub, call.Status));
        Assert.Equal(org.Credentials.ClientId, call.KeyId);

        using var jobs = await org.GetAsync("v3/jobs", token);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task Given_no_sub_When_requesting_a_token_Then_it_acts_as_the_auto_created_Integration_Service_User_hidden_from_v3_users()
    {
        var org = await V3Org.CreateAsync();

        var token = await org.NewTokenAsync();

        var serviceUserId = org.Org.IntegrationServiceUserId!.Value;
        Assert.Equal(V3Org.I(serviceUserId), Claims(token)["sub"]!.GetValue<string>());
        var user = org.Org.GetUser(serviceUserId);
        Assert.Equal(SandboxOrganization.IntegrationServiceUserName, user.Name);
        Assert.True(user.SiteAdmin);
        Assert.Empty(await org.ListAsync($"v3/users?ids={serviceUserId}"));
        Assert.Single(await org.ListAsync($"v3/users?ids={serviceUserId}&show_service_accounts=true"));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("deactivated")]
    [InlineData("not_numeric")]
    public async Task Given_a_bad_sub_When_requesting_a_token_Then_400_invalid_request(string kind)
    {
        var org = await V3Org.CreateAsync();
        var deactivated = org.Org.ListUsers().First(u => u.Disabled).Id;
        var request = org.TokenRequest();
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["sub"] = kind switch { "unknown" => "1", "deactivated" => V3Org.I(deactivated), _ => "jane@example.com" },
        });

        var (status, body, _) = await SendAsync(org, request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.Empty(org.Org.V3Tokens());
    }

    [Theory]
    [InlineData("wrong_secret")]
    [InlineData("unknown_client")]
    [InlineData("no_authorization")]
    [InlineData("revoked")]
    public async Task Given_bad_client_credentials_When_requesting_a_token_Then_401_invalid_client_in_RFC_6749_form(string kind)
    {
        var org = await V3Org.CreateAsync();
        var request = kind switch
        {
            "wrong_secret" => org.TokenRequest(secret: "nope"),
            "unknown_client" => org.TokenRequest(clientId: "org_0_client_9"),
            _ => org.TokenRequest(),
        };
        if (kind == "no_authorization")
        {
            request.Headers.Authorization = null;
        }

        if (kind == "revoked")
        {
            Assert.True(org.Org.RevokeV3Credentials(org.Credentials.ClientId));
        }

        var (status, body, response) = await SendAsync(org, request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.NotNull(body["error_description"]);
        Assert.Null(body["message"]);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(org.Org.V3Tokens());
    }

    [Fact]
    public async Task Given_the_message_error_style_When_client_or_request_is_bad_Then_errors_are_message_and_errorId_and_400s_echo_the_client_id()
    {
        var org = await V3Org.CreateAsync(new OrganizationOptions { RateLimit = null, V3 = new HarvestV3Options { TokenErrorStyle = V3TokenErrorStyle.Message } });

        var (badClient, clientBody, _) = await SendAsync(org, org.TokenRequest(secret: "nope"));
        var (badSub, subBody, _) = await SendAsync(org, org.TokenRequest(sub: 1));

        Assert.Equal(HttpStatusCode.Unauthorized, badClient);
        Assert.Null(clientBody["error"]);
        Assert.False(string.IsNullOrEmpty(clientBody["message"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(clientBody["errorId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badSub);
        Assert.Contains(org.Credentials.ClientId, subBody["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(subBody["errorId"]);
    }

    [Theory]
    [InlineData("", "invalid_request")]
    [InlineData("authorization_code", "unsupported_grant_type")]
    [InlineData("json", "invalid_request")]
    public async Task Given_a_bad_grant_When_requesting_a_token_Then_400_with_the_RFC_error_code(string grantType, string error)
    {
        var org = await V3Org.CreateAsync();
        var request = org.TokenRequest(grantType: grantType);
        if (grantType == "json")
        {
            request.Content = new StringContent("""{"grant_type":"client_credentials"}""", System.Text.Encoding.UTF8, "application/json");
        }

        var (status, body, _) = await SendAsync(org, request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(V3TokenExpiryField.ExpiresIn, "expires_in")]
    [InlineData(V3TokenExpiryField.Expires, "expires")]
    [InlineData(V3TokenExpiryField.ExpiresAt, "expires_at")]
    [InlineData(V3TokenExpiryField.ExpiresAtEpoch, "expires_at")]
    [InlineData(V3TokenExpiryField.None, null)]
    public async Task Given_an_expiry_field_quirk_and_a_lifetime_When_requesting_a_token_Then_only_that_member_carries_the_expiry(V3TokenExpiryField field, string? member)
    {
        var org = await V3Org.CreateAsync(new OrganizationOptions
        {
            RateLimit = null,
            V3 = new HarvestV3Options { TokenExpiryField = field, TokenLifetime = TimeSpan.FromMinutes(5) },
        });

        var (status, body, _) = await SendAsync(org, org.TokenRequest());

        Assert.Equal(HttpStatusCode.OK, status);
        var expiryMembers = body.Select(p => p.Key).Where(k => k.StartsWith("expires", StringComparison.Ordinal)).ToList();
        Assert.Equal(member is null ? [] : [member], expiryMembers);
        var recorded = Assert.Single(org.Org.V3Tokens());
        Assert.Equal(TimeSpan.FromMinutes(5), recorded.ExpiresAt - recorded.IssuedAt);
        switch (field)
        {
            case V3TokenExpiryField.ExpiresIn or V3TokenExpiryField.Expires:
                Assert.Equal(300, body[member!]!.GetValue<long>());
                break;
            case V3TokenExpiryField.ExpiresAt:
                Assert.Equal(recorded.ExpiresAt, DateTimeOffset.Parse(body[member!]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
                break;
            case V3TokenExpiryField.ExpiresAtEpoch:
                // Within a second, compared as integers (the tolerance overload of Assert.Equal is float-only: ±128 s at epoch scale).
                var expected = recorded.ExpiresAt.ToUnixTimeSeconds();
                Assert.InRange(body[member!]!.GetValue<long>(), expected - 1, expected + 1);
                break;
        }
    }

    [Fact]
    public async Task Given_a_sub_second_lifetime_When_the_token_is_used_after_it_Then_401_and_a_fresh_token_works()
    {
        var org = await V3Org.CreateAsync(new OrganizationOptions { RateLimit = null, V3 = new HarvestV3Options { RateLimit = null, TokenLifetime = TimeSpan.FromMilliseconds(300) } });
        var token = await org.NewTokenAsync();

        await Task.Delay(400);
        using var expired = await org.GetAsync("v3/offices", token);
        using var fresh = await org.GetAsync("v3/offices", await org.NewTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Access token expired", await Json.MessageAsync(expired));
        Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("garbage")]
    [InlineData("tampered")]
    [InlineData("basic_v1_key")]
    [InlineData("revoked_token")]
    [InlineData("revoked_client")]
    public async Task Given_a_missing_or_invalid_token_When_calling_v3_Then_401(string kind)
    {
        var org = await V3Org.CreateAsync();
        var token = await org.NewTokenAsync();
        var request = V3Org.Request(HttpMethod.Get, org.Url("v3/jobs"), kind switch
        {
            "missing" or "basic_v1_key" => null,
            "garbage" => "not.a.jwt",
            "tampered" => Tamper(token),
            _ => token,
        });
        if (kind == "basic_v1_key")
        {
            request.Headers.Authorization = TestOrg.BasicAuth(org.V1.Key);
        }

        if (kind == "revoked_token")
        {
            Assert.True(org.Org.RevokeV3Token(org.Org.V3Tokens().Single().TokenId));
        }

        if (kind == "revoked_client")
        {
            org.Org.RevokeV3Credentials(org.Credentials.ClientId);
        }

        using var response = await org.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await Json.MessageAsync(response)));
    }

    /// <summary>Rewrites the payload's sub: the signature no longer matches.</summary>
    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var claims = Claims(jwt);
        claims["sub"] = "1";
        parts[1] = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return string.Join('.', parts);
    }

    [Fact]
    public async Task Given_a_rotated_secret_When_requesting_tokens_Then_both_secrets_work_within_the_grace_and_issued_tokens_stay_valid()
    {
        var org = await V3Org.CreateAsync();
        var oldSecret = org.Credentials.ClientSecret;
        var oldToken = await org.NewTokenAsync();

        var rotated = org.Org.RotateV3Secret(org.Credentials.ClientId);

        Assert.NotEqual(oldSecret, rotated.ClientSecret);
        var previous = Assert.Single(rotated.PreviousSecrets);
        Assert.Equal(oldSecret, previous.Secret);
        Assert.InRange(previous.ValidUntil - org.Org.V3Tokens().Single().IssuedAt, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await org.NewTokenAsync(secret: oldSecret);
        await org.NewTokenAsync(secret: rotated.ClientSecret);
        using var withOldToken = await org.GetAsync("v3/offices", oldToken);
        Assert.Equal(HttpStatusCode.OK, withOldToken.StatusCode);

        org.Org.RotateV3Secret(org.Credentials.ClientId, grace: TimeSpan.Zero);
        using var expiredSecret = await org.Http.SendAsync(org.TokenRequest(secret: rotated.ClientSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, expiredSecret.StatusCode);
    }

    [Fact]
    public async Task Given_a_credential_with_fewer_scopes_When_issuing_Then_the_token_carries_exactly_those_scopes()
    {
        var org = await V3Org.CreateAsync(scopes: ["harvest:jobs:list", "harvest:notes:create"]);

        var scopes = Claims(await org.NewTokenAsync())["scope"]!.GetValue<string>().Split(' ');

        Assert.Equal(["harvest:notes:create", "harvest:jobs:list"], scopes);
        Assert.Throws<ArgumentException>(() => org.Org.CreateV3Credentials(["harvest:everything:list"]));
    }
}
