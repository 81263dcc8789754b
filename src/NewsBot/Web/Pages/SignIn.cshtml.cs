using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsBot.Telegram;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

public sealed class SignInModel(PanelOptions options, IServiceProvider services) : PageModel
{
    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public bool DiscordEnabled => options.Discord.Enabled;

    public string? TelegramBot { get; private set; }

    public string TelegramAuthUrl { get; private set; } = "";

    public async Task OnGetAsync(string? error, string? returnUrl, CancellationToken ct)
    {
        Error = string.IsNullOrEmpty(error) ? null : error.Length > 200 ? error[..200] : error;
        ReturnUrl = PanelUser.LocalReturnUrl(returnUrl);
        var baseUrl = options.PublicUrl?.AbsoluteUri.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}";
        TelegramAuthUrl = $"{baseUrl}/auth/telegram?returnUrl={Uri.EscapeDataString(ReturnUrl)}";
        if (services.GetService<TelegramBotInfo>() is { IsKnown: true } bot)
        {
            TelegramBot = await bot.UsernameAsync(ct);
        }
    }
}
