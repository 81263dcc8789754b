using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Web.Panel;

/// <summary>
/// The data-protection key ring in the bot's own database (SQLite or PostgreSQL), instead of a folder of one machine:
/// a cookie or form token made by one instance is read by every other, and by the same one after a restart or a new
/// container. Keys are stored as Data Protection writes them (unencrypted at rest, as on a Linux file system: guard the
/// database as you guard the bot token, which it holds beside them).
/// </summary>
public sealed class DatabaseKeyRing(DbFactory dbs) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbs.Create();
        return db.SigningKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = dbs.Create();
        db.SigningKeys.Add(new SigningKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
