namespace Masthead.Newsletters.Admin;

/// <summary>The admin's words for newsletters, in AdminText.resx (English) and AdminText.ru.resx; the admin has no Arabic.</summary>
public sealed class AdminText;
