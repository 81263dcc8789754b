using System.Globalization;

namespace NewsBot.Tests.Topics;

/// <summary>
/// Owned, hand-written items of feeds whose descriptions come from one template, the way real ones do: hnrss
/// ("Article URL … Comments URL … Points … # Comments"), Google News (the headline again, then the outlet), Reddit
/// ("submitted by /u/… [link] [comments]"), a podcast's sign-off, a press-release wire, a local desk that wraps every
/// headline in the same sentence, and a live blog reusing its headline prefix. Distinct stories all, except the few
/// marked with a story of <see cref="StoryCorpus"/> or of each other: the same wire story carried by another feed.
/// </summary>
public static class TemplatedStoryCorpus
{
    public const string HackerNews = "Hacker News";
    public const string GoogleNews = "Google News";
    public const string Reddit = "r/worldnews";
    public const string Podcast = "The Daily Byte";
    public const string PressWire = "Press Wire";
    public const string MetroDesk = "Metro Desk";
    public const string LiveBlog = "Election Live";

    private static int _id = 4200;

    private static string HnText(string url, int points, int comments) =>
        $"Article URL: {url}\nComments URL: https://news.ycombinator.com/item?id={Interlocked.Increment(ref _id).ToString(CultureInfo.InvariantCulture)}\nPoints: {points}\n# Comments: {comments}";

    private static string GoogleText(string headline, string outlet) => $"{headline}\u00a0\u00a0{outlet}";

    private static string RedditText(string user) => $"submitted by /u/{user}\n[link] [comments]";

    private static string PodcastText(string topic) =>
        $"{topic}\nSubscribe to The Daily Byte wherever you get your podcasts and leave us a review.\nSupport the show and get ad-free episodes at patreon.com/dailybyte.\nOur theme music is by Night Owl Sound.";

    private static string PressText(string city, string body) =>
        $"{city}, Nov. 24, 2026 /Press Wire/ -- {body}\nAbout the company: a leading provider of solutions for customers in more than 40 countries. For more information, visit the company's website.\nForward-looking statements: this press release contains forward-looking statements that involve risks and uncertainties.\nMedia contact: press office, +1 555 0100.";

    private static string MetroText(string headline) =>
        $"Read the latest on {headline} from Metro Desk. Updated hourly with reports from our newsroom and readers across the region.";

    private static string LiveText(string update) =>
        $"Follow our live coverage of election night as results come in from across the country.\n{update}\nRefresh this page for the latest updates from our reporters.";

    public static readonly CorpusArticle[] Articles =
    [
        new("hn-forth", HackerNews, "Show HN: A tiny Forth interpreter written in 500 lines of Rust", HnText("https://github.com/example/tinyforth", 212, 87)),
        new("hn-bash-ssg", HackerNews, "Show HN: I built a static site generator in Bash", HnText("https://example.dev/bash-ssg", 98, 41)),
        new("hn-backup", HackerNews, "Ask HN: How do you back up your home server?", HnText("https://news.ycombinator.com/item?id=4100", 301, 254)),
        new("hn-working-on", HackerNews, "Ask HN: What are you working on this month?", HnText("https://news.ycombinator.com/item?id=4101", 150, 480)),
        new("hn-unix-pipe", HackerNews, "The history of the Unix pipe", HnText("https://example.org/unix-pipe-history", 77, 12)),
        new("hn-sqlite", HackerNews, "SQLite as an application file format, revisited", HnText("https://example.org/sqlite-file-format", 420, 199)),
        new("airline-strike", HackerNews, "Lufthansa pilots call two-day strike over pensions", HnText("https://example.com/lufthansa-strike", 35, 20)),
        new("hn-cpu-caches", HackerNews, "Why CPU caches still matter in 2026", HnText("https://example.net/cpu-caches", 188, 64)),
        new("hn-btrees", HackerNews, "A visual guide to B-trees", HnText("https://example.io/btrees", 260, 33)),
        new("hn-monitor", HackerNews, "Ask HN: Which monitor do you use for programming?", HnText("https://news.ycombinator.com/item?id=4102", 64, 140)),
        new("hn-markdown", HackerNews, "Show HN: A Markdown editor that fits in one HTML file", HnText("https://example.dev/md-one-file", 142, 58)),

        new("airline-strike", GoogleNews, "Lufthansa pilots call two-day strike over pensions - Reuters", GoogleText("Lufthansa pilots call two-day strike over pensions", "Reuters")),
        new("gn-bike-lanes", GoogleNews, "City council approves new bike lanes downtown - Metro Herald", GoogleText("City council approves new bike lanes downtown", "Metro Herald")),
        new("gn-parking", GoogleNews, "City council delays vote on parking fees - Metro Herald", GoogleText("City council delays vote on parking fees", "Metro Herald")),
        new("gn-transit-chief", GoogleNews, "City council names new transit chief - Metro Herald", GoogleText("City council names new transit chief", "Metro Herald")),
        new("gn-heat-records", GoogleNews, "Heat wave expected to break records this weekend - Weather Now", GoogleText("Heat wave expected to break records this weekend", "Weather Now")),
        new("gn-heat-water", GoogleNews, "Heat wave prompts water restrictions in valley towns - Valley Times", GoogleText("Heat wave prompts water restrictions in valley towns", "Valley Times")),
        new("gn-storm-power", GoogleNews, "Storm knocks out power to 40,000 homes - Weather Now", GoogleText("Storm knocks out power to 40,000 homes", "Weather Now")),
        new("gn-storm-highway", GoogleNews, "Storm damage closes coastal highway - Weather Now", GoogleText("Storm damage closes coastal highway", "Weather Now")),
        new("gn-museum", GoogleNews, "Museum reopens after two-year renovation - Metro Herald", GoogleText("Museum reopens after two-year renovation", "Metro Herald")),
        new("gn-chip-plant", GoogleNews, "Chipmaker to build $3 billion plant near the river - Valley Times", GoogleText("Chipmaker to build $3 billion plant near the river", "Valley Times")),

        new("rd-volcano", Reddit, "Volcano erupts in Iceland for the third time this year", RedditText("northern_light")),
        new("rd-wheat", Reddit, "India bans wheat exports as heat wave cuts harvest", RedditText("grain_watch")),
        new("rd-election-kenya", Reddit, "Kenya's election commission announces results delay", RedditText("nairobi_news")),
        new("rd-whales", Reddit, "Record number of humpback whales counted off Australia", RedditText("ocean_fan")),
        new("rd-protest-paris", Reddit, "Thousands protest pension reform in Paris", RedditText("paris_daily")),
        new("rd-satellite", Reddit, "Japan launches lunar lander on second attempt", RedditText("orbit_watch")),
        new("rd-dam", Reddit, "Brazil opens its largest solar plant", RedditText("green_grid")),
        new("japan-quake", Reddit, "Magnitude 6.1 earthquake strikes off northern Japan, no tsunami warning", RedditText("quake_alerts")),

        new("pod-ai-chips", Podcast, "Episode 212: Why AI chips are so hard to make", PodcastText("We talk to a chip designer about yields, packaging and why a new factory takes years.")),
        new("pod-passwords", Podcast, "Episode 213: The end of passwords", PodcastText("Passkeys are finally here. Our security editor explains what changes for you.")),
        new("pod-right-repair", Podcast, "Episode 214: Right to repair comes to phones", PodcastText("New rules force phone makers to sell parts. A repair shop owner tells us what it means.")),
        new("pod-streaming", Podcast, "Episode 215: Why every streaming service costs more now", PodcastText("Price rises, ad tiers and bundles: a media analyst walks us through the economics.")),
        new("pod-ev-batteries", Podcast, "Episode 216: What happens to old EV batteries", PodcastText("Recycling plants are scaling up. We visit one and ask where the lithium goes.")),

        new("pr-acme-cloud", PressWire, "Acme Corp launches cloud backup service for small businesses", PressText("SAN JOSE, Calif.", "Acme Corp today announced a cloud backup service for small businesses.")),
        new("pr-brightline-ceo", PressWire, "Brightline Systems appoints Maria Lopez as chief executive", PressText("AUSTIN, Texas", "Brightline Systems today announced the appointment of Maria Lopez as chief executive officer.")),
        new("pr-nordic-results", PressWire, "Nordic Foods reports third-quarter revenue up 12%", PressText("STOCKHOLM", "Nordic Foods today reported third-quarter revenue of 4.1 billion crowns, up 12% from a year earlier.")),
        new("pr-helio-plant", PressWire, "Helio Energy opens battery plant in Ohio", PressText("COLUMBUS, Ohio", "Helio Energy today opened a battery plant that will employ 900 people.")),
        new("pr-medix-trial", PressWire, "Medix Bio starts late-stage trial of migraine drug", PressText("BOSTON", "Medix Bio today announced the first patient dosed in a late-stage trial of its migraine drug.")),

        new("mt-courier-strike", MetroDesk, "Courier strike ends", MetroText("Courier strike ends")),
        new("mt-courier-routes", MetroDesk, "Courier routes redrawn", MetroText("Courier routes redrawn")),
        new("mt-courier-fleet", MetroDesk, "Courier fleet renewed", MetroText("Courier fleet renewed")),
        new("mt-library", MetroDesk, "Central library extends opening hours", MetroText("Central library extends opening hours")),
        new("mt-bridge", MetroDesk, "Old harbour bridge closes for repairs", MetroText("Old harbour bridge closes for repairs")),
        new("mt-market", MetroDesk, "Farmers market moves to the town square", MetroText("Farmers market moves to the town square")),

        new("live-ohio", LiveBlog, "Election live: polls close in Ohio", LiveText("Polls have closed in Ohio, where turnout was high in the suburbs.")),
        new("live-georgia", LiveBlog, "Election live: record turnout in Georgia", LiveText("Georgia officials report record early and election-day turnout.")),
        new("live-arizona", LiveBlog, "Election live: Arizona count to take days", LiveText("Arizona's secretary of state says the count will take several days.")),
        new("live-senate", LiveBlog, "Election live: Senate control still undecided", LiveText("Neither party has secured a Senate majority with several races uncalled.")),
        new("live-concede", LiveBlog, "Election live: governor concedes in Nevada", LiveText("The governor of Nevada conceded shortly after midnight.")),
    ];
}
