using Masthead.Data;
using Microsoft.Extensions.Configuration;

namespace Masthead.Tests.Unit;

public sealed class SettingArgumentsTests
{
    [Fact]
    public void A_setting_after_a_file_path_is_read_and_the_command_words_are_not()
    {
        var args = SettingArguments("import", "wordpress", "/tmp/export.xml", "--Masthead:DataDirectory=/srv/news", "--dry-run", "--urls", "http://127.0.0.1:8080");

        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();

        Assert.Equal("/srv/news", configuration["Masthead:DataDirectory"]);
        Assert.Equal("http://127.0.0.1:8080", configuration["urls"]);
        Assert.Null(configuration["tmp/export.xml"]);
    }

    [Fact]
    public void A_short_switch_and_a_bare_word_are_left_to_the_command_line() =>
        Assert.Equal(["--environment", "Development"], SettingArguments("backup", "-h", "/safe/place/file.backup", "--environment", "Development"));

    private static string[] SettingArguments(params string[] args) => MastheadPaths.SettingArguments(args);
}
