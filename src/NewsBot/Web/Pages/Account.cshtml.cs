using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

/// <summary>Sign-out and the language switch: both forms, both with anti-forgery tokens.</summary>
[AllowAnonymous]
public sealed class AccountModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(PanelUser.Scheme);
        return Redirect("/signin");
    }

    public IActionResult OnPostLanguage(string? culture, string? returnUrl)
    {
        var chosen = culture == "zh" ? "zh" : "en";
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        return Redirect(PanelUser.LocalReturnUrl(returnUrl));
    }
}
