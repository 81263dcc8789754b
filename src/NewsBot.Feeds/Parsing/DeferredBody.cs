namespace NewsBot.Feeds.Parsing;

/// <summary>
/// An item's clean text and lead image, worked out from its HTML on first use and then kept. Parsing a feed of
/// 500 items to find the two new ones should not pay for 498 HTML passes.
/// </summary>
internal sealed class DeferredBody(LazyHtml? content, Uri? contentBase, LazyHtml? summary, Uri? summaryBase, string? metadataImage)
{
    private HtmlText.Body? _body;
    private string? _image;
    private bool _imageDone;

    private HtmlText.Body Extracted => _body ??= content is not null ? HtmlText.Extract(content.Html, contentBase) : HtmlText.Extract(summary?.Html, summaryBase);

    public string Text => Extracted.Text;

    /// <summary>Media, enclosure, iTunes or JSON image first; else the first meaningful &lt;img&gt; of the body, then of the summary.</summary>
    public string? Image
    {
        get
        {
            if (_imageDone)
                return _image;
            string? image = metadataImage ?? Extracted.Image;
            if (image is null && content is not null && summary is not null)
                image = HtmlText.Extract(summary.Html, summaryBase).Image;
            _image = image is null ? null : ImageUrls.Unwrap(image);
            _imageDone = true;
            return _image;
        }
    }

    /// <summary>The lead image, then the body's other meaningful images, each once: the pictures of an album.</summary>
    public IReadOnlyList<string> Images
    {
        get
        {
            if (_images is not null)
                return _images;
            var images = new List<string>(4);
            if (Image is { } lead)
                images.Add(lead);
            foreach (var url in Extracted.Images)
            {
                var image = ImageUrls.Unwrap(url);
                if (images.Count < HtmlText.MaxImages && !images.Contains(image))
                    images.Add(image);
            }
            return _images = images;
        }
    }

    private List<string>? _images;
}
