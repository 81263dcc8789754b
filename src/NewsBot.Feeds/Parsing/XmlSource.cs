using System.Xml;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// The few XmlReader operations the feed reader uses. Two sources: a fast scanner over UTF-8 bytes for well-formed
/// documents, and XmlTextReader over decoded (and possibly repaired) text for everything else.
/// </summary>
internal abstract class XmlSource : IDisposable
{
    /// <summary>Moves to the next node; throws XmlException on XML the source cannot read.</summary>
    public abstract bool Read();

    public abstract XmlNodeType NodeType { get; }

    public abstract int Depth { get; }

    /// <summary>The qualified name as written (element, end element, entity reference); "" otherwise.</summary>
    public abstract string Name { get; }

    /// <summary>The decoded text of a Text or CDATA node.</summary>
    public abstract string Value { get; }

    /// <summary>The current Text or CDATA node's content, possibly not yet turned into a string.</summary>
    public virtual RawText Text => new(Value);

    public abstract bool IsEmptyElement { get; }

    public abstract int AttributeCount { get; }

    public abstract string AttributeName(int index);

    public abstract string AttributeValue(int index);

    /// <summary>The value of the current element's attribute with this exact qualified name, or null.</summary>
    public abstract string? GetAttribute(string name);

    /// <summary>Why a source that reads only some documents gave up on this one (its Read then returns false); else null.</summary>
    public virtual string? Declined => null;

    /// <summary>The source declined because the XML is certainly not well-formed, not merely unfamiliar.</summary>
    public virtual bool Malformed => false;

    public abstract void Dispose();
}

/// <summary>XmlTextReader over decoded text: namespaces off (undeclared prefixes are common), DTDs ignored.</summary>
internal sealed class TextXmlSource(string xml) : XmlSource
{
    private readonly XmlTextReader _r = new(new StringReader(xml))
    {
        Namespaces = false,
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        Normalization = false,
        WhitespaceHandling = WhitespaceHandling.Significant,
    };

    public override bool Read() => _r.Read();

    public override XmlNodeType NodeType => _r.NodeType;

    public override int Depth => _r.Depth;

    public override string Name => _r.Name;

    public override string Value => _r.Value;

    public override bool IsEmptyElement => _r.IsEmptyElement;

    public override int AttributeCount => _r.AttributeCount;

    public override string AttributeName(int index)
    {
        _r.MoveToAttribute(index);
        string name = _r.Name;
        _r.MoveToElement();
        return name;
    }

    public override string AttributeValue(int index)
    {
        _r.MoveToAttribute(index);
        string value = _r.Value;
        _r.MoveToElement();
        return value;
    }

    public override string? GetAttribute(string name) => _r.GetAttribute(name);

    public override void Dispose() => _r.Dispose();
}
