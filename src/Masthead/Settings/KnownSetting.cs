namespace Masthead.Settings;

/// <summary>A part of the configuration Masthead reads: a section bound to an options class, or single keys read directly.</summary>
/// <param name="Path">The section or key, e.g. <c>Masthead:Newsroom</c>.</param>
/// <param name="Type">The options class bound from <paramref name="Path"/>, or null for a single key.</param>
public sealed record KnownSetting(string Path, Type? Type = null);
