using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

/// <summary>"Why was this article (not) delivered?" for an article URL and this channel.</summary>
public sealed class WhyModel(PanelAccess access, DbFactory dbs) : ChannelPageModel(access, dbs)
{
    public string? ArticleUrl { get; private set; }

    public List<DeliveryExplanation.Finding>? Findings { get; private set; }

    public async Task OnGetAsync(string? url, CancellationToken ct)
    {
        ArticleUrl = url?.Trim();
        if (string.IsNullOrEmpty(ArticleUrl))
        {
            return;
        }
        if (ArticleUrl.Length > 2048)
        {
            ArticleUrl = ArticleUrl[..2048];
        }
        await using var db = Dbs.Create();
        Findings = await DeliveryExplanation.ExplainAsync(db, Channel, ArticleUrl, Lang.IsChinese ? "zh" : "en", ct);
    }
}
