using Microsoft.Playwright;

namespace NewsBot.Tests.Support;

/// <summary>The Debian Chromium the browser tests drive: skipped where it is missing, except in CI, which installs it.</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static void SkipIfMissing()
    {
        if (!File.Exists(Path))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), $"{Path} is missing: .ci/run installs it");
            Skip.If(true, $"browser test skipped: {Path} is not installed (apt-get install -y chromium)");
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Path,
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}
