using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds;

/// <summary>
/// Issue 17: feeds shaped like what large sites serve (Der Spiegel and Il Messaggero RSS 2.0, ChatChannel 9's media RSS,
/// an RDF 1.0 feed with its modules) give every item's title, link, date and text. The fixtures are the project's own,
/// written after those sites' structure: Il Messaggero's is windows-1252 bytes under an ISO-8859-1 declaration.
/// </summary>
public sealed class SiteFeedTests
{
    private static ParsedFeed Parse(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "sites", name));
        Assert.True(FeedParser.TryParse(bytes, null, new Uri("https://feeds.example/" + name), out var feed, out string? error), error);
        return feed;
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Spiegel_style_rss_keeps_german_quotes_enclosure_images_and_local_offsets()
    {
        var feed = Parse("spiegel.xml");

        Assert.Equal("rss2.0", feed.Format);
        Assert.Equal("DER SPIEGEL - Schlagzeilen", feed.Title);
        Assert.Equal("https://www.spiegel.de/public/spon/images/logos/der-spiegel-h60.png", feed.Image);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("Bundestag: Haushaltsausschuss billigt „Sondervermögen“ für Brücken", first.Title);
        Assert.Equal("https://www.spiegel.de/politik/deutschland/haushaltsausschuss-billigt-sondervermoegen-a-1f2e3d4c-0001#ref=rss", first.Link);
        Assert.Equal(Utc("2026-12-02T17:24:00Z"), first.Published);
        Assert.Equal("Nach zwölf Stunden Beratung hat der Ausschuss zugestimmt. Die Opposition spricht von „Schattenhaushalten“.", first.Text);
        Assert.Equal("https://cdn.prod.www.spiegel.de/images/1f2e3d4c-0001_w520_r1.77_fpx50_fpy50.jpg", first.Image);
        Assert.Equal(["Politik"], first.Categories);
        Assert.Equal("Wetter: Erster Schnee in München – Glätte auf der A9", feed.Items[1].Title);
        Assert.Equal(Utc("2026-12-02T16:58:00Z"), feed.Items[1].Published);
    }

    [Fact]
    public void Il_messaggero_style_rss_reads_windows_1252_bytes_declared_as_latin_1_with_cdata_titles_and_inline_images()
    {
        var feed = Parse("ilmessaggero.xml");

        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("Roma, la metro C arriva a piazza Venezia: “È un giorno storico”", first.Title);
        Assert.Equal("https://www.ilmessaggero.it/roma/metro_c_piazza_venezia-8812345.html", first.Link);
        Assert.Equal(Utc("2026-12-02T15:40:00Z"), first.Published);
        Assert.Equal("Il sindaco: “la città aspettava quest’opera da vent’anni”. I cantieri chiudono entro l’estate.", first.Text);
        Assert.Equal("https://statics.cedscdn.it/photos/MED/12/34/8812345_metro.jpg", first.Image);
        Assert.Equal("Serie A, la Lazio vince il derby: 2-1 all’Olimpico", feed.Items[1].Title);
        Assert.Equal("Decide un gol al 93°. Più di 60.000 spettatori sugli spalti.", feed.Items[1].Text);
    }

    [Fact]
    public void Channel_9_style_media_rss_gives_the_thumbnail_not_the_tracking_pixel_and_the_video_enclosure()
    {
        var item = Assert.Single(Parse("channel9.xml").Items);

        Assert.Equal("Structured logging with the new source generators", item.Title);
        Assert.Equal("https://channel9.msdn.com/Shows/On-NET/Structured-logging-source-generators", item.Link);
        Assert.Equal(Utc("2026-11-26T18:00:00Z"), item.Published);
        Assert.StartsWith("In this episode we look at compile-time logging source generation", item.Text, StringComparison.Ordinal);
        Assert.Contains("[06:10] The generator", item.Text, StringComparison.Ordinal);
        Assert.Equal("https://sec.ch9.ms/ch9/4711/logging_960.jpg", item.Image);
        Assert.Equal("Cecil Phillip, Maira Wenzel", item.Author?.Name);
        var enclosure = Assert.Single(item.Enclosures);
        Assert.Equal(("https://sec.ch9.ms/ch9/4711/logging_high.mp4", "video/mp4", 412000000L), (enclosure.Url, enclosure.Type, enclosure.Length!.Value));
        Assert.Equal(["dotnet", "Logging"], item.Categories);
    }

    [Fact]
    public void Rdf_with_its_modules_reads_dc_dates_creators_subjects_and_content_encoded()
    {
        var feed = Parse("rdf-modules.rdf");

        Assert.Equal("rss1.0", feed.Format);
        Assert.Equal("Science Desk", feed.Title);
        Assert.Equal("https://science.example.org/logo.png", feed.Image);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("Neutrino mass bound tightened to 0.45 eV", first.Title);
        Assert.Equal("https://science.example.org/2026/12/neutrino-mass", first.Link);
        Assert.Equal(Utc("2026-12-02T07:15:00Z"), first.Published);
        Assert.Equal("The KATRIN collaboration narrowed the upper limit after five years of data.\nThe result halves the previous bound.", first.Text);
        Assert.Equal("Priya Raman", first.Author?.Name);
        Assert.Equal(["Physics"], first.Categories);
        Assert.Equal(Utc("2026-12-01T22:40:00Z"), feed.Items[1].Published);
        Assert.Equal("Divers recorded the mass spawning on three reefs.", feed.Items[1].Text);
    }
}
