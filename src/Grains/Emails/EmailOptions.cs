namespace GemScheduling.Emails;

/// <summary>How candidate emails leave GemScheduling. Without an SMTP host they go to the local outbox (readable through the API).</summary>
public sealed record EmailOptions
{
    /// <summary>The sender shown to candidates; defaults to the organizing user's address.</summary>
    public string? From { get; init; }

    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public bool SmtpUseTls { get; init; } = true;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public static EmailOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var section = configuration.GetSection("Email");
        return new EmailOptions
        {
            From = section["From"],
            SmtpHost = section["Smtp:Host"],
            SmtpPort = int.TryParse(section["Smtp:Port"], out var port) ? port : 587,
            SmtpUser = section["Smtp:User"],
            SmtpPassword = section["Smtp:Password"],
            SmtpUseTls = !bool.TryParse(section["Smtp:UseTls"], out var tls) || tls,
        };
    }
}
