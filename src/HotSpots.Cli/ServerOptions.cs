using System.CommandLine;
using System.CommandLine.Parsing;

namespace HotSpots.Cli;

/// <summary><c>--server URL --api-key KEY</c>: a command works on a running server through its API instead of the store.</summary>
internal sealed class ServerOptions
{
    private readonly Option<Uri?> _url = new("--server") { HelpName = "URL", CustomParser = ParseUrl };
    private readonly Option<string?> _key = new("--api-key") { HelpName = "KEY" };

    /// <param name="url">What the server is for, in this command's help.</param>
    /// <param name="key">Which key the server wants.</param>
    public ServerOptions(Command command, string url, string key)
    {
        _url.Description = url;
        _key.Description = key;
        command.Options.Add(_url);
        command.Options.Add(_key);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(_url) is null) != (result.GetResult(_key) is null)) result.AddError("--server and --api-key go together");
        });
    }

    /// <summary>The server named on the command line, or null when none is.</summary>
    public ServerClient? Connect(ParseResult parsed) => parsed.GetValue(_url) is { } url ? new ServerClient(url, parsed.GetValue(_key)!) : null;

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        result.AddError($"--server '{text}' is not an http(s) URL");
        return null;
    }
}
