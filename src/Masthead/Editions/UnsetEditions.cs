using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Editions;

/// <summary>
/// Articles and appeals from before editions (their edition empty) join the default edition at start: the migration
/// that added the column cannot know which language the newsroom's default edition is in.
/// </summary>
public static class UnsetEditions
{
    public static async Task AssignAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var code = scope.ServiceProvider.GetRequiredService<SiteEditions>().Default.Code;
        await db.Articles.Where(a => a.Edition == "").ExecuteUpdateAsync(s => s.SetProperty(a => a.Edition, code));
        await db.Appeals.Where(a => a.Edition == "").ExecuteUpdateAsync(s => s.SetProperty(a => a.Edition, code));
    }
}
