namespace GemScheduling.HarvestSandbox.Hosting;

/// <summary>Facts known only once Kestrel has bound (the real port).</summary>
internal sealed class SandboxServerInfo(Uri? configuredPublicBase)
{
    public Uri PublicBase { get; set; } = configuredPublicBase ?? new Uri("http://127.0.0.1/");

    public bool HasConfiguredPublicBase { get; } = configuredPublicBase is not null;
}
