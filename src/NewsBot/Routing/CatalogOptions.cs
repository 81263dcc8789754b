namespace NewsBot.Routing;

/// <summary>The "Catalog" configuration section: the operator's OPML list of feeds polled for topics and /news.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>OPML file, relative to the working directory; a missing file means an empty catalog.</summary>
    public string? Path { get; set; } = "config/catalog.opml";
}
