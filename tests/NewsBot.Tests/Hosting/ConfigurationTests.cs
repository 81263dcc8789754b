using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using NewsBot.Hosting;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Feeds:DefaultInterval", "abc", "Feeds:DefaultInterval")]
    [InlineData("Feeds:MaxBytes", "12", "Feeds:MaxBytes")]
    [InlineData("Feeds:MaxBytes", "lots", "Feeds:MaxBytes")]
    [InlineData("Feeds:MinInterval", "00:30:00", "Feeds:DefaultInterval")]
    [InlineData("Summaries:MaxChars", "5", "Summaries:MaxChars")]
    [InlineData("Summaries:Provider", "Magic", "Summaries:Provider")]
    [InlineData("Summaries:Provider", "Llm", "Summaries:Llm:Endpoint")]
    [InlineData("Storage:Provider", "Oracle", "Storage:Provider")]
    [InlineData("Worker:TickInterval", "00:00:00", "Worker:TickInterval")]
    [InlineData("Worker:ClaimTimeout", "00:00:10", "Worker:ClaimTimeout")]
    [InlineData("Feeds:FullTextTimeout", "-00:00:01", "Feeds:FullTextTimeout")]
    [InlineData("Feeds:FullTextTimeout", "01:00:00", "Feeds:FullTextTimeout")]
    [InlineData("Web:Urls", "not a url", "Web:Urls")]
    public async Task A_bad_value_stops_start_up_with_one_line_naming_the_key(string key, string value, string named)
    {
        using var db = new TempDatabase();
        var settings = TestHost.Settings(db, (key, value));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await NewsBotApp.RunAsync(["feeds", "list"], new HostOverrides { Settings = settings, Stdout = stdout, Stderr = stderr });

        Assert.Equal(2, code);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("newsbot: configuration error:", lines[0], StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
        Assert.False(File.Exists(Path.Combine(db.Folder, "newsbot.db")), "nothing may be written when configuration is invalid");
    }

    [Fact]
    public async Task Environment_variables_override_appsettings_in_the_real_binary()
    {
        // A child process, so the variable cannot leak into tests running in parallel in this one.
        using var db = new TempDatabase();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "NewsBot.dll"), "feeds", "list"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = db.Folder,
        };
        start.Environment["Storage__ConnectionString"] = db.ConnectionString;
        start.Environment["Feeds__MaxBytes"] = "7";
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("newsbot: configuration error: Feeds:MaxBytes: The field MaxBytes must be between 1024 and 9.223372036854776E+18.", stderr.Trim());
        Assert.Empty(stdout);
    }

    [Fact]
    public void The_shipped_appsettings_json_is_valid()
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();
        var (_, error) = ConfigValidator.Validate(config);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("Extractive", "00:00:31", null)]
    [InlineData("Extractive", "00:00:30", "Worker:ClaimTimeout: 00:00:30 must be longer than one refresh: Feeds:Timeout (00:00:20) plus Feeds:FullTextTimeout (00:00:10)")]
    [InlineData("Llm", "00:00:21", "Worker:ClaimTimeout: 00:00:21 must be longer than one refresh: Feeds:Timeout (00:00:20) plus Feeds:FullTextTimeout (00:00:10) plus three times Summaries:Llm:Timeout (00:00:30)")]
    [InlineData("Llm", "00:02:00", "Worker:ClaimTimeout: 00:02:00 must be longer than one refresh: Feeds:Timeout (00:00:20) plus Feeds:FullTextTimeout (00:00:10) plus three times Summaries:Llm:Timeout (00:00:30)")]
    [InlineData("Llm", "00:02:01", null)]
    public void A_feed_claim_must_outlive_one_refresh(string provider, string claimTimeout, string? error)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:Timeout"] = "00:00:20",
            ["Summaries:Provider"] = provider,
            ["Summaries:Llm:Endpoint"] = "http://127.0.0.1:1/v1",
            ["Summaries:Llm:Model"] = "m",
            ["Summaries:Llm:Timeout"] = "00:00:30",
            ["Worker:ClaimTimeout"] = claimTimeout,
        }).Build();

        Assert.Equal(error, ConfigValidator.Validate(config).Error);
    }
}
