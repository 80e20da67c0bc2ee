namespace Masthead.Reach.Admin;

/// <summary>The admin's words for this feature's pages, in AdminText.resx (English) and AdminText.ru.resx; the admin has no Arabic.</summary>
public sealed class AdminText;
