using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace NewsBot.Tests.Discord.Fakes;

/// <summary>
/// Uploads and the loopback "CDN": multipart requests on the three routes that take files (create message,
/// interaction callback, follow-up), checked the way Discord checks them, and attachment downloads.
/// </summary>
public sealed partial class FakeDiscordServer
{
    private const string CdnPrefix = "/attachments/";
    private const long UploadLimit = 10 * 1024 * 1024;

    private static readonly HashSet<string> UploadRoutes = new(StringComparer.Ordinal)
    {
        "POST /channels/{channel_id}/messages",
        "POST /interactions/{interaction_id}/{token}/callback",
        "POST /webhooks/{application_id}/{token}",
    };

    private readonly Dictionary<string, (byte[] Content, string? ContentType, bool HideLength)> _cdn = [];
    private int _cdnRequests;

    /// <summary>Where the fake serves attachments: http://127.0.0.1:port/attachments/ (Discord:AttachmentBaseUrl in tests).</summary>
    public string AttachmentBaseUrl { get; private set; } = "";

    /// <summary>Downloads from the fake CDN so far.</summary>
    public int CdnRequests => Volatile.Read(ref _cdnRequests);

    /// <summary>
    /// Puts a file on the fake CDN and returns the attachment object an interaction's <c>data.resolved.attachments</c> carries.
    /// </summary>
    /// <param name="fileName">The name Discord reports.</param>
    /// <param name="content">What the CDN serves.</param>
    /// <param name="contentType">content_type reported (and served); null leaves it out.</param>
    /// <param name="declaredSize">size reported; the real length when null. A lie tests the reader's own cap.</param>
    /// <param name="hideLength">Serve without Content-Length, so only counting while reading finds the size.</param>
    public JsonObject AddAttachment(string fileName, byte[] content, string? contentType = "application/xml", long? declaredSize = null, bool hideLength = false)
    {
        lock (_lock)
        {
            var id = NewId();
            var path = CdnPrefix + id + "/" + Uri.EscapeDataString(fileName);
            _cdn[path] = (content, contentType, hideLength);
            return Attachment(id, fileName, declaredSize ?? content.Length, AttachmentBaseUrl + id + "/" + Uri.EscapeDataString(fileName), contentType);
        }
    }

    /// <summary>The original answer and the follow-ups of an interaction, in order, with their attachments.</summary>
    public IReadOnlyList<JsonObject> RepliesTo(string token)
    {
        lock (_lock)
        {
            if (!_interactions.TryGetValue(token, out var interaction))
            {
                return [];
            }
            var replies = new List<JsonObject>();
            if (interaction.Original is { } original)
            {
                replies.Add((JsonObject)original.DeepClone());
            }
            replies.AddRange(interaction.Followups.Select(f => (JsonObject)f.DeepClone()));
            return replies;
        }
    }

    /// <summary>The bytes the CDN serves at <paramref name="url"/>, or null.</summary>
    public byte[]? CdnFile(string url)
    {
        lock (_lock)
        {
            var path = url.StartsWith(AttachmentBaseUrl, StringComparison.Ordinal) ? CdnPrefix + url[AttachmentBaseUrl.Length..] : url;
            return _cdn.TryGetValue(path, out var file) ? file.Content : null;
        }
    }

    private static JsonObject Attachment(string id, string fileName, long size, string url, string? contentType) => new()
    {
        ["id"] = id,
        ["filename"] = fileName,
        ["size"] = size,
        ["url"] = url,
        ["proxy_url"] = url,
        ["content_type"] = contentType,
    };

    private static async Task<(JsonNode? Payload, List<RecordedFile>? Files, (int Status, JsonObject Body)? Problem)> ReadMultipartAsync(HttpRequest request)
    {
        if (request.ContentLength > UploadLimit + 64 * 1024)
        {
            return (null, null, (413, Error(40005, "Request entity too large")));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, (400, Error(50109, "The request body contains invalid multipart data: " + e.Message)));
        }
        var files = new List<RecordedFile>();
        foreach (var file in form.Files)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content);
            files.Add(new RecordedFile(file.Name, file.FileName, file.ContentType, content.ToArray()));
        }
        if (!form.TryGetValue("payload_json", out var json) || json.Count != 1)
        {
            return (null, files, (400, Error(50035, "Invalid Form Body", new JsonArray("payload_json is missing"))));
        }
        try
        {
            return (JsonNode.Parse(json.ToString()), files, null);
        }
        catch (JsonException)
        {
            return (null, files, (400, Error(50109, "The request body contains invalid JSON.")));
        }
    }

    /// <summary>Discord's rules for uploads: only where files are taken, each files[n] named by an attachments entry with id n.</summary>
    private JsonObject? UploadProblem(string routeKey, string template, JsonNode? body, List<RecordedFile> files)
    {
        var errors = new List<string>();
        if (!UploadRoutes.Contains(routeKey))
        {
            errors.Add($"{routeKey} does not take multipart uploads here");
        }
        var message = template == "/interactions/{interaction_id}/{token}/callback" ? body?["data"] as JsonObject : body as JsonObject;
        if (template == "/interactions/{interaction_id}/{token}/callback" && files.Count > 0 && body?["type"]?.GetValue<int>() is not (4 or 7))
        {
            errors.Add("files go only with callback types 4 and 7");
        }
        var entries = (message?["attachments"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => (Id: a["id"] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null, FileName: (string?)a["filename"]))
            .ToList();
        foreach (var file in files)
        {
            var match = Regex.Match(file.Field, @"^files\[(\d+)\]$");
            if (!match.Success)
            {
                errors.Add($"the part '{file.Field}' is not named files[n]");
                continue;
            }
            var entry = entries.FirstOrDefault(e => e.Id == match.Groups[1].Value);
            if (entry.Id is null)
            {
                errors.Add($"{file.Field} has no attachments entry with id {match.Groups[1].Value}");
            }
            else if (entry.FileName != file.FileName)
            {
                errors.Add($"{file.Field} is '{file.FileName}' but its attachments entry says '{entry.FileName}'");
            }
        }
        foreach (var entry in entries.Where(e => !files.Any(f => f.Field == $"files[{e.Id}]")))
        {
            errors.Add($"attachments entry {entry.Id} has no files[{entry.Id}]");
        }
        if (files.Sum(f => (long)f.Content.Length) > UploadLimit)
        {
            errors.Add("the files are larger than 10 MiB together");
        }
        if (errors.Count == 0)
        {
            return null;
        }
        Violation($"{routeKey}: invalid upload: {string.Join("; ", errors)}");
        return Error(50035, "Invalid Form Body", new JsonArray([.. errors.Select(e => (JsonNode)e)]));
    }

    /// <summary>Keeps uploaded files on the fake CDN and returns the message's attachments array.</summary>
    private JsonArray Store(List<RecordedFile>? files)
    {
        var attachments = new JsonArray();
        foreach (var file in files ?? [])
        {
            var id = NewId();
            var path = CdnPrefix + id + "/" + Uri.EscapeDataString(file.FileName);
            _cdn[path] = (file.Content, file.ContentType, false);
            attachments.Add(Attachment(id, file.FileName, file.Content.Length, AttachmentBaseUrl + path[CdnPrefix.Length..], file.ContentType));
        }
        return attachments;
    }

    private async Task ServeAttachmentAsync(HttpContext context, string path)
    {
        Interlocked.Increment(ref _cdnRequests);
        (byte[] Content, string? ContentType, bool HideLength) file;
        lock (_lock)
        {
            if (!_cdn.TryGetValue(path, out file))
            {
                context.Response.StatusCode = 404;
                return;
            }
        }
        if (context.Request.Headers.Authorization.Count > 0)
        {
            Violation($"GET {path}: the bot token was sent to the CDN");
        }
        context.Response.ContentType = file.ContentType ?? "application/octet-stream";
        if (!file.HideLength)
        {
            context.Response.ContentLength = file.Content.Length;
        }
        for (var at = 0; at < file.Content.Length; at += 64 * 1024)
        {
            await context.Response.Body.WriteAsync(file.Content.AsMemory(at, Math.Min(64 * 1024, file.Content.Length - at)), context.RequestAborted);
        }
    }
}
