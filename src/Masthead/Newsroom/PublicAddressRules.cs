using Microsoft.Extensions.Options;

namespace Masthead.Newsroom;

/// <summary>
/// Refuses a start without a public address outside Development (links in emails would otherwise have no trustworthy
/// host), and any base address or alias that is not an http or https address alone.
/// </summary>
internal sealed class PublicAddressRules(IHostEnvironment environment) : IValidateOptions<NewsroomOptions>
{
    public const string BaseUrlSetting = "Masthead:Newsroom:BaseUrl";

    public ValidateOptionsResult Validate(string? name, NewsroomOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            if (!environment.IsDevelopment())
            {
                failures.Add($"{BaseUrlSetting} is not set: outside Development Masthead needs the site's public address (e.g. https://news.example.org) for the links in its emails, pages and feeds, and answers only its host name.");
            }
        }
        else if (PublicAddress.Problem(BaseUrlSetting, options.BaseUrl.Trim()) is { } problem)
        {
            failures.Add(problem);
        }

        for (var i = 0; i < options.Aliases.Length; i++)
        {
            if (PublicAddress.Problem($"Masthead:Newsroom:Aliases:{i}", options.Aliases[i]?.Trim() ?? "") is { } problem)
            {
                failures.Add(problem);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
