namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    private static DemoArticle[] RussianEdition() => [];

    private const string RussianAppealText = "Мы заблокированы.";
}
