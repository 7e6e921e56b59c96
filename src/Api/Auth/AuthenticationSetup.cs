using GemScheduling.Silo;
using Microsoft.AspNetCore.Authentication;

namespace GemScheduling.Api.Auth;

internal static class AuthenticationSetup
{
    public static WebApplicationBuilder AddBearerTokens(this WebApplicationBuilder builder)
    {
        var embedded = SiloSettings.From(builder.Configuration).IsEmbedded;
        builder.Services.AddSingleton(AdminToken.From(builder.Configuration, embedded));
        builder.Services.AddSingleton<KnownOrgs>();
        builder.Services.AddSingleton<TokenAuthenticator>();
        builder.Services.AddAuthentication(Sessions.BearerOrSession)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, _ => { })
            .AddSessions();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Principals.AdminRole, p => p.RequireRole(Principals.AdminRole));
        return builder;
    }
}
