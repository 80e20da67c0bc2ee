namespace Masthead.Editions;

/// <summary>CLDR's plural categories: the forms a counted word can take in some language.</summary>
public enum PluralCategory { Zero, One, Two, Few, Many, Other }
