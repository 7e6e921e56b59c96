using GemScheduling.Api.Pages.CandidateAvailability;
using GemScheduling.Api.Pages.CoordinatorConsole;
using GemScheduling.Api.Pages.SelfScheduling;
using GemScheduling.Api.Pages.SignIn;
using GemScheduling.Silo;

namespace GemScheduling.Api.Pages.Shared;

/// <summary>The HTML pages beside the API: server-rendered Razor components, their stylesheet and script, and form tokens.</summary>
internal static class PagesSetup
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<BookingServices>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "gs-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__form";
        });
        return builder;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapCandidateAvailabilityPages();
        app.MapBookingPages();
        app.MapSignIn(dashboard: SiloSettings.From(app.Configuration).Dashboard);
        app.MapConsole();
        return app;
    }
}
