using Masthead.Email;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Email;

public sealed class EmailSetupTests
{
    [Fact]
    public async Task Without_an_SMTP_host_the_app_writes_email_to_the_outbox_in_its_data_directory()
    {
        await using var factory = new SqliteFactory();

        var transport = Assert.IsType<PickupFolderEmailTransport>(factory.Services.GetRequiredService<IEmailTransport>());
        await transport.SendAsync(new EmailMessage("jane@example.org", "Hello", "Hello."), default);

        Assert.Equal(Path.Combine(factory.DataDirectory, "outbox"), transport.Directory);
        Assert.Single(Directory.GetFiles(transport.Directory, "*.eml"));
    }

    [Theory]
    [InlineData("Masthead:Email:Smtp:Username", "masthead", "Masthead:Email:Smtp:Password is required")]
    [InlineData("Masthead:Email:Smtp:Port", "70000", "The field Masthead:Email:Smtp:Port must be between 1 and 65535.")]
    [InlineData("Masthead:Email:From", "not an address", "The Masthead:Email:From field is not a valid e-mail address.")]
    public async Task A_bad_email_setting_stops_the_app_at_start(string setting, string value, string message)
    {
        await using var factory = new SqliteFactory { Settings = { ["Masthead:Email:Smtp:Host"] = "smtp.example.org", [setting] = value } };

        Assert.Contains(message, StartChecks.Refusal(factory));
    }

    [Fact]
    public void A_message_logged_by_mistake_shows_neither_its_text_nor_its_full_address()
    {
        var text = new EmailMessage("jane@example.org", "Your receipt", "Secret body text", "<p>Secret</p>").ToString();

        Assert.Equal("email \"Your receipt\" to j***@example.org", text);
    }
}
