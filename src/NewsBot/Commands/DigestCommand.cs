using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsBot.Digests;
using NewsBot.Storage;

namespace NewsBot.Commands;

/// <summary>
/// `/digest off | daily HH:MM [tz] | weekdays HH:MM [tz] | weekly &lt;day&gt; HH:MM [tz]`: one scheduled message instead of
/// single posts. Setting a digest moves every subscription of the chat to digest mode; `off` moves them back and
/// sends what was waiting.
/// </summary>
public sealed class DigestCommand(DbFactory dbs, DigestScheduler scheduler, TimeProvider time)
{
    public async Task<CommandReply> HandleAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var channel = await SubscriptionService.GetOrCreateChannelAsync(db, ctx.Channel, time.GetUtcNow().UtcDateTime, ct);
        var existing = channel.Id == 0 ? null : await db.DigestSchedules.SingleOrDefaultAsync(d => d.ChannelId == channel.Id, ct);
        var words = arguments.ToLowerInvariant();
        if (words.Length == 0)
        {
            return new CommandReply(existing is null
                ? Texts.Pick(ctx.Language, $"This chat gets single posts. Usage: {DigestSpec.Usage}", $"本聊天逐条接收推送。用法：{DigestSpec.Usage}")
                : Texts.Pick(ctx.Language, $"This chat gets a digest {Describe(existing, ctx.Language)}.", $"本聊天的汇总时间：{Describe(existing, ctx.Language)}。"));
        }
        if (words is "off" or "关闭" or "none")
        {
            if (existing is null)
            {
                return new CommandReply(Texts.Pick(ctx.Language, "This chat has no digest; posts arrive one by one.", "本聊天没有设置汇总，推送逐条到达。"));
            }
            db.DigestSchedules.Remove(existing);
            await db.Subscriptions.Where(s => s.ChannelId == channel.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Mode, DeliveryMode.Immediate), ct);
            await db.SaveChangesAsync(ct);
            await scheduler.UnscheduleAsync(channel.Id, ct);
            // What was waiting for the digest goes out now, as one last digest.
            await scheduler.SendSoonAsync(channel.Id, TimeSpan.Zero, ct);
            return new CommandReply(Texts.Pick(ctx.Language, "Digest off: new articles will be posted one by one.", "已关闭汇总：新文章将逐条推送。"));
        }
        if (!DigestSpec.TryParse(arguments, channel.TimeZone, out var spec, out var error))
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Could not set the digest: {error}", $"无法设置汇总：{error}"), Private: true);
        }
        var now = time.GetUtcNow().UtcDateTime;
        channel.TimeZone = spec.TimeZoneId;
        channel.Locale = ctx.Language;
        if (existing is null)
        {
            existing = new DigestSchedule { Channel = channel, Cron = spec.Cron, TimeZone = spec.TimeZoneId, CreatedAt = now };
            db.DigestSchedules.Add(existing);
        }
        else
        {
            existing.Cron = spec.Cron;
            existing.TimeZone = spec.TimeZoneId;
        }
        // Nothing is owed for times before this change: a restart must not "catch up" a schedule that did not exist yet.
        existing.LastSentAt = now;
        await db.SaveChangesAsync(ct);
        await db.Subscriptions.Where(s => s.ChannelId == channel.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Mode, DeliveryMode.Digest), ct);
        await scheduler.ScheduleAsync(channel.Id, spec, ct);
        var next = spec.NextAfter(time.GetUtcNow()) is { } n ? TimeZoneInfo.ConvertTime(n, spec.Zone) : (DateTimeOffset?)null;
        var when = next?.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?";
        return new CommandReply(Texts.Pick(ctx.Language,
            $"Digest set: {spec.Describe("en")}. The next one comes {when}; until then new articles wait for it.",
            $"已设置汇总：{spec.Describe("zh")}。下一次在 {when}，在此之前新文章会等待汇总。"));
    }

    private static string Describe(DigestSchedule schedule, string language) => new DigestSpec(schedule.Cron, schedule.TimeZone).Describe(language);
}
