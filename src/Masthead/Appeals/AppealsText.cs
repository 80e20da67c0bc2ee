namespace Masthead.Appeals;

/// <summary>The fixed words of the appeal, "Remind me later" and the reminder email, in AppealsText.resx and its translations.</summary>
public sealed class AppealsText;
