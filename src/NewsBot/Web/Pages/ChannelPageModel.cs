using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsBot.Commands;
using NewsBot.Storage;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

/// <summary>
/// Every page about one channel: the channel is loaded and the user's right to manage it checked before any handler
/// runs, for GET and POST alike, so no page or form can skip the check. Anything else gets 403.
/// </summary>
public abstract class ChannelPageModel(PanelAccess access, DbFactory dbs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public ChatChannel Channel { get; private set; } = null!;

    protected PanelAccess Access => access;

    protected DbFactory Dbs => dbs;

    public ChannelRef Ref => new(Channel.Platform, Channel.ExternalId, Channel.ThreadId);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await using (var db = dbs.Create())
        {
            var channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, HttpContext.RequestAborted);
            // Unknown and not yours look the same from outside: nobody learns which channel ids exist.
            if (channel is null || !await access.CanManageAsync(User, channel, HttpContext.RequestAborted))
            {
                context.Result = new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = Lang.T("You do not manage this channel.", "你不管理这个频道。"), ContentType = "text/plain; charset=utf-8" };
                return;
            }
            Channel = channel;
        }
        await next();
    }
}
