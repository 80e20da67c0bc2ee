namespace Masthead.Editions;

public enum PluralCategory { Zero, One, Two, Few, Many, Other }
