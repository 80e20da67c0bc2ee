namespace Masthead.Import;

/// <summary>
/// How a WordPress export is read: <see cref="Zone"/> is the site's time zone (Settings → General), used for an item
/// whose <c>wp:post_date_gmt</c> is missing or <c>0000-00-00 00:00:00</c>, whose <c>wp:post_date</c> is then local time,
/// and for the dates in its old permalinks.
/// </summary>
public sealed record WordPressOptions(TimeZoneInfo Zone);
