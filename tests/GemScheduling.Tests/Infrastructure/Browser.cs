using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (browser downloads are not available, so the executable is the system one).
/// CI sets GEMSCHEDULING_REQUIRE_BROWSER=1, where a missing browser fails the tests instead of skipping them.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("GEMSCHEDULING_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : null;

    public static bool Required => Environment.GetEnvironmentVariable("GEMSCHEDULING_REQUIRE_BROWSER") == "1";

    public bool Available => _playwright is not null;

    public async Task InitializeAsync()
    {
        if (ExecutablePath is null)
        {
            if (Required)
                throw new InvalidOperationException("GEMSCHEDULING_REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium (apt-get install chromium).");
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The machine has no outside network; without these Chromium keeps trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is null)
            return;
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>Skips when there is no browser here (never in CI, see <see cref="Required"/>).</summary>
    public void SkipUnlessAvailable() => Skip.IfNot(Available, "No Chromium on this machine (apt-get install chromium).");

    /// <summary>A fresh context: its own cookies, language, time zone, viewport, and scripts on or off.</summary>
    public Task<IBrowserContext> ContextAsync(string baseUrl, string locale = "en-US", string timeZone = "UTC", bool javaScript = true,
        int width = 1280, int height = 900) =>
        Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, Locale = locale, TimezoneId = timeZone, JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    /// <summary>
    /// A full-page PNG of the page as <c>{name}.png</c> in the directory GEMSCHEDULING_SCREENSHOTS names (for the docs);
    /// without that variable, nothing.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GEMSCHEDULING_SCREENSHOTS") is not { Length: > 0 } directory)
            return;
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    /// <summary>The page's WCAG 2.2 A and AA violations found by axe, as readable lines (empty when none).</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return [.. result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")];
    }
}
