using Masthead.Reach;

namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>An onion address of the demo's own shape (56 base32 characters, as Tor's version 3 addresses are), reaching nothing.</summary>
    public const string DemoOnion = "http://meridiannewsroomreachusintorbrowserexamplemirror234567ab.onion";

    /// <summary>Two static copies and the onion address, so the "Reach us" page and Onion-Location show on the first run.</summary>
    internal static IEnumerable<Mirror> DemoMirrors(DateTimeOffset now) =>
    [
        new() { Address = "https://meridian-news.example.net", Note = "Updated every hour", AddedAt = now.AddHours(-2) },
        new() { Address = "https://mirrors.example.org/meridian", Note = "A copy on a shared host", AddedAt = now.AddDays(-3) },
        new() { Address = DemoOnion, Note = "Open in Tor Browser", ReachesLiveSite = true, AddedAt = now.AddDays(-30) },
    ];
}
