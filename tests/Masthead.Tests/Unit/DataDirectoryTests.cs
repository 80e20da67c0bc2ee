using Masthead.Data;
using Masthead.Tests.Deploy;
using Microsoft.Extensions.Configuration;

namespace Masthead.Tests.Unit;

public sealed class DataDirectoryTests
{
    [Fact]
    public void A_relative_data_directory_is_taken_from_the_content_root_not_the_working_directory()
    {
        var contentRoot = Directory.CreateTempSubdirectory("masthead-root-");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["contentRoot"] = contentRoot.FullName,
                ["Masthead:DataDirectory"] = "newsroom-data",
            }).Build();

            var directory = MastheadPaths.DataDirectory(configuration);

            Assert.Equal(Path.Combine(contentRoot.FullName, "newsroom-data"), directory);
            Assert.NotEqual(Path.GetFullPath("newsroom-data"), directory);
        }
        finally
        {
            contentRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public void Development_keeps_its_data_in_the_project_folder_and_every_other_environment_outside_the_app()
    {
        var project = Path.Combine(PublishedMasthead.RepositoryRoot(), "src", "Masthead");
        string? Configured(string file) => new ConfigurationBuilder().AddJsonFile(Path.Combine(project, file)).Build()["Masthead:DataDirectory"];

        Assert.Equal(MastheadPaths.DefaultDataDirectory, Configured("appsettings.json"));
        Assert.Equal("/var/lib/masthead", MastheadPaths.DefaultDataDirectory);
        Assert.Equal("data", Configured("appsettings.Development.json"));
    }
}
