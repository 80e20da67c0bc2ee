namespace Masthead.Operations;

/// <summary>What Masthead's exit code means, for every command (README, "Commands"; each command's --help).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Done = 0;

    /// <summary>The command did not do what was asked; its message says why (e.g. the account exists already).</summary>
    public const int Failed = 1;

    /// <summary>The command line was not understood: an unknown command or option, a missing or bad argument.</summary>
    public const int Usage = 2;

    /// <summary>A setting is wrong: refused before anything was done. The message names the setting; starting again will not help.</summary>
    public const int BadSetting = 3;

    /// <summary>Something outside Masthead is not there: the database server does not answer, the port is taken. Trying again later may work.</summary>
    public const int Unavailable = 4;

    /// <summary>The "Exit codes" section of a command's help; <paramref name="notDone"/> says what 1 means for that command.</summary>
    public static string Section(string notDone) => $"""
        Exit codes:
          0  done
          1  {notDone}
          2  the command line was not understood (the usage is printed)
          3  a setting is wrong: the message names it, and nothing was done
          4  the database server or the address to listen on is unavailable: trying again later may work
        """;
}
