namespace Masthead.Revenue.Admin;

/// <summary>The admin's words for the revenue dashboard, in AdminText.resx (English) and AdminText.ru.resx; the admin has no Arabic.</summary>
public sealed class AdminText;
