using System.Globalization;
using System.Net;
using System.Text;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Hostile;

/// <summary>
/// The hostile-input corpus (<see cref="Corpus"/>) against every form and address that takes input. For each entry:
/// never a 500, nothing stored with control characters, no script, handler or script URL in any page, and a refused
/// form answers 4xx with its message beside the field and what was typed kept.
/// </summary>
/// <remarks>
/// Every form and API, and where the corpus reaches it (the others are in <see cref="HostileTokenTests"/>,
/// <see cref="HostileWebhookTests"/> and <see cref="HostileRequestLimitsTests"/>):
/// <code>
/// POST /admin/signin                         email, password          Names_and_appeal_texts…, Raw_bytes…
/// POST /admin/password                       (signed in) passwords     Raw_bytes…
/// POST /admin/articles/new, /{id}/edit       every field, cover        Article_fields…, Heavy_markdown…, Bad_dates…, Uploads…, Raw_bytes…
/// POST /admin/articles/{id}/revisions/{n}    restore (no text)         Address_segments… (ids)
/// POST /admin/authors                        name, biography           Names_and_appeal_texts…, Raw_bytes…
/// POST /admin/staff                          name, email, role         Names_and_appeal_texts…
/// POST /admin/appeals/new, /{id}/edit        name, body, labels, days  Names_and_appeal_texts…, Heavy_markdown…, Raw_bytes…
/// POST /admin/appeals?handler=SwitchOff      (no text)                 —
/// POST /admin/signout                        (no text)                 —
/// GET  /admin/supporters?email=&amp;page=        search                    Address_segments…
/// GET  /admin/contributions?provider=&amp;kind=  filters                   Address_segments…
/// POST /support                              amount, email, name, …    Names_and_appeal_texts…, Amounts…, Raw_bytes…
/// GET  /support?frequency=&amp;currency=&amp;retry=  choices                   Address_segments…
/// POST /support/restore                      email                     Names_and_appeal_texts…, Raw_bytes…
/// GET/POST /support/link/{token}             magic link                HostileTokenTests
/// POST /support/manage?handler=Change/Cancel amount, subscription id   Amounts…, HostileTokenTests
/// POST /appeal/remind?return=                email, when, month, day   Names_and_appeal_texts…, Address_segments…, Raw_bytes…
/// POST /appeal/snooze                        return                    Address_segments…
/// GET/POST /sandbox/checkout/{session}       session id                Address_segments…
/// GET  /support/thanks/{id}                  checkout id               Address_segments…
/// POST /payments/stripe/webhook              signed event              HostileWebhookTests
/// GET  /articles/{slug}, /tags/{slug}, /authors/{slug}, /?page=, /error/{code}  Address_segments…
/// GET  /api/articles?page=&amp;pageSize=, /api/articles/{slug}                   Address_segments…
/// GET  /feed.xml, /atom.xml, /sitemap.xml, /media/{file}                       Article_fields…, Address_segments…
/// any  oversized headers, address and body (real Kestrel)                      HostileRequestLimitsTests
/// </code>
/// </remarks>
public abstract class HostileInputTests(MastheadFactory factory)
{
    private static readonly HttpStatusCode[] SavedOrRefused = [HttpStatusCode.Redirect, HttpStatusCode.BadRequest];

    [Fact]
    public async Task Article_fields_full_of_hostile_text_are_saved_sanitized_or_refused_and_no_page_runs_script()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var reader = factory.CreateBrowserClient();
        var failures = new Failures();
        var published = new List<(Entry Entry, int Id, string Slug)>();
        foreach (var entry in Corpus.Typed)
        {
            failures.Count();
            var slug = $"hostile-{EditorDesk.Unique()}";
            var input = new ArticleInput(entry.Cut(200), [author], entry.Text, slug, entry.Cut(500), entry.Text, Dateline: entry.Cut(100));
            var extra = new Dictionary<string, string> { ["Form.CoverAlt"] = entry.Cut(300) };
            using var response = await EditorDesk.SubmitAsync(editor, null, input, "Publish", extra: extra);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var refused = await Html.ParseAsync(response);
                failures.ExpectSafe(entry.Name, "the refused form", refused);
                var field = refused.QuerySelector(".field-validation-error")?.GetAttribute("data-valmsg-for");
                if (field is not ("Form.Tags" or "Form.Headline"))
                {
                    failures.Add(entry.Name, $"refused without a message beside the tags or headline: {Html.Messages(refused.DocumentElement.OuterHtml)}");
                    continue;
                }

                // Refused for its tags or a headline with no letters: the rest is still worth publishing.
                using var again = await EditorDesk.SubmitAsync(editor, null, input with { Tags = null, Headline = "Hostile " + EditorDesk.Unique() }, "Publish", extra: extra);
                if (!await failures.ExpectStatusAsync(entry.Name, "publishing without tags", again, HttpStatusCode.Redirect))
                {
                    continue;
                }
            }
            else if (!await failures.ExpectStatusAsync(entry.Name, "publishing", response, HttpStatusCode.Redirect))
            {
                continue;
            }

            var id = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
            published.Add((entry, id, slug));
            using var page = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
            if (await failures.ExpectStatusAsync(entry.Name, "the article page", page, HttpStatusCode.OK))
            {
                failures.ExpectSafe(entry.Name, "the article page", await Html.ParseAsync(page));
            }

            using var form = await editor.GetAsync(new Uri($"/admin/articles/{id}/edit", UriKind.Relative));
            if (await failures.ExpectStatusAsync(entry.Name, "the editor", form, HttpStatusCode.OK))
            {
                failures.ExpectSafe(entry.Name, "the editor", await Html.ParseAsync(form));
            }
        }

        var ids = published.Select(p => p.Id).ToList();
        var stored = await factory.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).Where(a => ids.Contains(a.Id)).ToListAsync());
        foreach (var article in stored)
        {
            var entry = published.Single(p => p.Id == article.Id).Entry.Name;
            foreach (var problem in Safety.ProblemsInFragment(article.BodyHtml))
            {
                failures.Add(entry, $"the stored body HTML has {problem}");
            }

            foreach (var (field, value) in new[] { ("headline", article.Headline), ("standfirst", article.Standfirst), ("body", article.BodyMarkdown), ("dateline", article.Dateline), ("cover description", article.CoverAlt) }
                .Concat(article.Tags.Select(t => ("tag", t.Name))))
            {
                if (Safety.HasControlCharacters(value))
                {
                    failures.Add(entry, $"the stored {field} keeps control characters");
                }
            }
        }

        foreach (var (entry, _, slug) in published.Take(20))
        {
            using var preview = await editor.GetAsync(new Uri($"/admin/articles/{published.First(p => p.Slug == slug).Id}/preview", UriKind.Relative));
            if (await failures.ExpectStatusAsync(entry.Name, "the preview", preview, HttpStatusCode.OK))
            {
                failures.ExpectSafe(entry.Name, "the preview", await Html.ParseAsync(preview));
            }
        }

        foreach (var list in new[] { "/", "/?page=2", "/api/articles", "/feed.xml", "/atom.xml", "/sitemap.xml" })
        {
            using var response = await reader.GetAsync(new Uri(list, UriKind.Relative));
            if (!await failures.ExpectStatusAsync(list, "the list", response, HttpStatusCode.OK))
            {
                continue;
            }

            if (list.EndsWith(".xml", StringComparison.Ordinal))
            {
                System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
            }
            else if (!list.StartsWith("/api", StringComparison.Ordinal))
            {
                failures.ExpectSafe(list, "the front page", await Html.ParseAsync(response));
            }
        }

        var tags = await factory.WithDbAsync(db => db.Tags.Where(t => t.Articles.Any(a => ids.Contains(a.Id))).Select(t => t.Slug).ToListAsync());
        foreach (var tag in tags)
        {
            using var response = await reader.GetAsync(new Uri($"/tags/{tag}", UriKind.Relative));
            if (await failures.ExpectStatusAsync($"tag {tag}", "the tag page", response, HttpStatusCode.OK))
            {
                failures.ExpectSafe($"tag {tag}", "the tag page", await Html.ParseAsync(response));
            }
        }

        failures.AssertNone(Corpus.Typed.Count);
    }

    [Fact]
    public async Task Names_emails_and_appeal_texts_full_of_hostile_text_are_shown_as_text_or_refused_beside_the_field()
    {
        using var admin = await factory.SignedInAdminAsync();
        using var reader = factory.CreateBrowserClient();
        var failures = new Failures();
        var unique = EditorDesk.Unique();
        var n = 0;
        foreach (var entry in Corpus.Typed)
        {
            failures.Count();
            n++;

            // Authors: the name becomes a byline and an author page.
            var name = entry.Cut(180) + $" {unique}{n}";
            using (var author = await factory.PostFormAsync(admin, "/admin/authors", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Bio"] = entry.Text }))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "adding an author", entry.Text, author) && await failures.ExpectStatusAsync(entry.Name, "adding an author", author, SavedOrRefused) && author.StatusCode == HttpStatusCode.BadRequest)
                {
                    await ExpectMessageBesideAsync(failures, entry, author, "Input.Name", "Input.Bio");
                }
            }

            // Staff: the display name shows in the staff list and the admin's header.
            using (var staff = await factory.PostFormAsync(admin, "/admin/staff", new Dictionary<string, string>
            {
                ["Input.DisplayName"] = entry.Cut(150) + $" {unique}{n}", ["Input.Email"] = $"hostile-{unique}-{n}@masthead.test", ["Input.Role"] = "Writer",
                ["Input.WritesUnderByline"] = "false",
            }))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "adding a staff member", entry.Text, staff))
                {
                    await failures.ExpectStatusAsync(entry.Name, "adding a staff member", staff, HttpStatusCode.OK, HttpStatusCode.BadRequest);
                }
            }

            // The appeal: every text an editor types, shown after every article when active.
            var fields = AppealDesk.Fields(entry.Cut(100), entry.Text, entry.Cut(60), entry.Cut(60));
            fields["Input.NotTodayLine"] = entry.Cut(60);
            using (var appeal = await AppealDesk.SubmitAsync(admin, null, fields, "Preview"))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "previewing an appeal", entry.Text, appeal)
                    && await failures.ExpectStatusAsync(entry.Name, "previewing an appeal", appeal, HttpStatusCode.OK, HttpStatusCode.BadRequest))
                {
                    failures.ExpectSafe(entry.Name, "the appeal preview", await Html.ParseAsync(appeal));
                }
            }

            using (var appeal = await AppealDesk.SubmitAsync(admin, null, fields, "Save"))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "saving an appeal", entry.Text, appeal))
                {
                    await failures.ExpectStatusAsync(entry.Name, "saving an appeal", appeal, SavedOrRefused);
                }
            }

            // Readers: the name on a contribution, and every email field, typed as an address.
            using (var given = await SupportDesk.SubmitAsync(factory, reader, $"reader-{unique}-{n}@example.org", "5", name: entry.Cut(100), anonymous: false))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "the contribution form", entry.Text, given)
                    && await failures.ExpectStatusAsync(entry.Name, "the contribution form with this name", given, SavedOrRefused) && given.StatusCode == HttpStatusCode.BadRequest)
                {
                    await ExpectMessageBesideAsync(failures, entry, given, "Form.Name");
                }
            }

            using (var given = await SupportDesk.SubmitAsync(factory, reader, entry.Text, "5"))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "the contribution form", entry.Text, given))
                {
                    await failures.ExpectStatusAsync(entry.Name, "the contribution form with this email", given, SavedOrRefused);
                }
            }

            foreach (var (url, field) in new[] { ("/support/restore", "Input.Email"), ("/appeal/remind", "Input.Email") })
            {
                using var response = await factory.PostFormAsync(reader, url, new Dictionary<string, string> { [field] = entry.Text, ["Input.When"] = "next-month" });
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, url, entry.Text, response)
                    && await failures.ExpectStatusAsync(entry.Name, url, response, HttpStatusCode.OK, HttpStatusCode.BadRequest))
                {
                    failures.ExpectSafe(entry.Name, url, await Html.ParseAsync(response));
                }
            }

            // The reminder's day and month are shown back as typed when refused.
            foreach (var when in new[] { "day", "month" })
            {
                using var response = await factory.PostFormAsync(reader, "/appeal/remind", new Dictionary<string, string>
                {
                    ["Input.Email"] = "reader@example.org", ["Input.When"] = when, ["Input.Day"] = entry.Text, ["Input.Month"] = entry.Text,
                });
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, $"the reminder's {when}", entry.Text, response)
                    && await failures.ExpectStatusAsync(entry.Name, $"the reminder's {when}", response, HttpStatusCode.BadRequest))
                {
                    failures.ExpectSafe(entry.Name, $"the reminder's {when}", await Html.ParseAsync(response));
                }
            }

            using var signIn = factory.CreateBrowserClient();
            using (var response = await factory.PostFormAsync(signIn, "/admin/signin", new Dictionary<string, string> { ["Input.Email"] = entry.Text, ["Input.Password"] = entry.Text }))
            {
                if (!await failures.RefusedAsUnreadableAsync(entry.Name, "signing in", entry.Text, response)
                    && await failures.ExpectStatusAsync(entry.Name, "signing in", response, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized))
                {
                    failures.ExpectSafe(entry.Name, "the sign-in page", await Html.ParseAsync(response));
                }
            }
        }

        // Make each stored appeal the active one in turn would be slow; one holding the whole markup corpus covers the reader's page.
        var all = string.Join("\n\n", Corpus.Markup.Select(e => e.Text));
        var active = await AppealDesk.SaveOkAsync(admin, null, AppealDesk.Fields($"All of the markup {unique}", all[..Math.Min(all.Length, 4000)]), "Activate");
        var article = await EditorDesk.SubmitOkAsync(admin, null, new ArticleInput($"Under the hostile appeal {unique}", [await EditorDesk.AddAuthorAsync(factory, Corpus.Markup[0].Text + unique)]), "Publish");
        var slug = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article).Select(a => a.Slug).SingleAsync());
        using var fresh = factory.CreateBrowserClient();
        var shown = await factory.GetPageAsync(fresh, $"/articles/{slug}");
        Assert.NotNull(shown.QuerySelector(".appeal"));
        failures.ExpectSafe("the active appeal", "the article page", shown);

        foreach (var page in new[] { "/admin/authors", "/admin/staff", "/admin/appeals", $"/admin/appeals/{active}/edit", "/admin" })
        {
            failures.ExpectSafe(page, page, await factory.GetPageAsync(admin, page));
        }

        var authorSlugs = await factory.WithDbAsync(db => db.Authors.Where(a => a.Name.Contains(unique)).Select(a => a.Slug).ToListAsync());
        foreach (var author in authorSlugs)
        {
            using var response = await reader.GetAsync(new Uri($"/authors/{author}", UriKind.Relative));
            if (await failures.ExpectStatusAsync(author, "the author page", response, HttpStatusCode.OK))
            {
                failures.ExpectSafe(author, "the author page", await Html.ParseAsync(response));
            }
        }

        var storedText = await factory.WithDbAsync(async db =>
            (await db.Authors.Select(a => a.Name + a.Bio).ToListAsync())
            .Concat(await db.Staff.Select(s => s.DisplayName).ToListAsync())
            .Concat(await db.Appeals.Select(a => a.Name + a.BodyMarkdown + a.ContinueLabel + a.SnoozeLabel + a.NotTodayLine).ToListAsync())
            .Concat(await db.Checkouts.Select(c => c.Name ?? "").ToListAsync())
            .ToList());
        if (storedText.Any(Safety.HasControlCharacters))
        {
            failures.Add("stored names", "some keep control characters");
        }

        foreach (var body in await factory.WithDbAsync(db => db.Appeals.Select(a => a.BodyHtml).ToListAsync()))
        {
            foreach (var problem in Safety.ProblemsInFragment(body))
            {
                failures.Add("a stored appeal", problem);
            }
        }

        failures.AssertNone(Corpus.Typed.Count);
    }

    [Fact]
    public async Task Hostile_address_segments_and_query_values_get_an_answer_below_500_and_pages_stay_safe()
    {
        using var admin = await factory.SignedInAdminAsync();
        using var reader = factory.CreateBrowserClient();
        var failures = new Failures();
        var articles = await factory.WithDbAsync(db => db.Articles.CountAsync());
        foreach (var entry in Corpus.Typed.Concat(Corpus.FileNames).Concat(Corpus.Amounts))
        {
            failures.Count();
            // A NUL in the path never reaches the app: the server refuses it (Kestrel answers 400; the test server throws).
            var segment = Uri.EscapeDataString(entry.Text.Replace("\0", "", StringComparison.Ordinal));
            var query = Uri.EscapeDataString(entry.Text);
            foreach (var (client, url) in new[]
            {
                (reader, $"/articles/{segment}"), (reader, $"/tags/{segment}"), (reader, $"/authors/{segment}"), (reader, $"/api/articles/{segment}"),
                (reader, $"/support/thanks/{segment}"), (reader, $"/sandbox/checkout/{segment}"), (reader, $"/support/link/{segment}"), (reader, $"/media/{segment}"),
                (reader, $"/?page={query}"), (reader, $"/api/articles?page={query}&pageSize={query}"), (reader, $"/tags/x?page={query}"),
                (reader, $"/support?frequency={query}&currency={query}&retry={query}"), (reader, $"/appeal/remind?return={query}"), (reader, $"/error/{segment}"),
                (admin, $"/admin/supporters?email={query}"), (admin, $"/admin/supporters?page={query}"), (admin, $"/admin/contributions?provider={query}&kind={query}"),
                (admin, $"/admin/articles/{segment}/edit"), (admin, $"/admin/supporters/{segment}"), (admin, $"/admin/articles/1/revisions/{segment}"),
            })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add(entry.Name, $"GET {url} answered {(int)response.StatusCode}");
                }
                else if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    failures.ExpectSafe(entry.Name, url, await Html.ParseAsync(response));
                }
            }

            // "Remind me later" without script sends the reader back where the form says: only ever to a page of this site.
            using var snooze = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative), new FormUrlEncodedContent([new("return", entry.Text)]));
            if (await failures.RefusedAsUnreadableAsync(entry.Name, "snoozing", entry.Text, snooze))
            {
                continue;
            }

            if (snooze.StatusCode != HttpStatusCode.Redirect)
            {
                failures.Add(entry.Name, $"snoozing answered {(int)snooze.StatusCode}");
            }
            else if (!IsPathOnThisSite(snooze.Headers.Location!.OriginalString))
            {
                failures.Add(entry.Name, $"snoozing redirects to {snooze.Headers.Location}, which a browser may read as another site");
            }
        }

        foreach (var back in new[] { "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/%2F/evil.example",
            "/\u3002/x", "/\u3002evil.example", "/\uFF0F/evil.example", "/\uFF3Cevil.example", "/статья?о=б", "/\U0001F600" })
        {
            failures.Count();
            using var snooze = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative), new FormUrlEncodedContent([new("return", back)]));
            if (snooze.StatusCode != HttpStatusCode.Redirect || !IsPathOnThisSite(snooze.Headers.Location!.OriginalString))
            {
                failures.Add($"return {back.ReplaceLineEndings("⏎")}", $"snoozing answered {(int)snooze.StatusCode} to {snooze.Headers.Location}");
            }

            var remind = await factory.GetPageAsync(reader, $"/appeal/remind?return={Uri.EscapeDataString(back)}");
            foreach (var link in remind.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => !h.StartsWith('#')))
            {
                if (!IsPathOnThisSite(link) && !link.StartsWith("https://localhost/", StringComparison.Ordinal))
                {
                    failures.Add($"return {back.ReplaceLineEndings("⏎")}", $"the reminder page links to {link}");
                }
            }
        }

        Assert.Equal(articles, await factory.WithDbAsync(db => db.Articles.CountAsync()));
        failures.AssertNone(Corpus.Typed.Count);
    }

    [Fact]
    public async Task Deeply_nested_or_enormous_markdown_is_saved_safe_or_refused_with_a_message_never_a_500()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var reader = factory.CreateBrowserClient();
        var failures = new Failures();
        foreach (var entry in Corpus.HeavyMarkdown)
        {
            failures.Count();
            var slug = $"heavy-{EditorDesk.Unique()}";
            var input = new ArticleInput($"Heavy {slug}", [author], entry.Text, slug);
            using var response = await EditorDesk.SubmitAsync(editor, null, input, "Publish");
            if (!await failures.ExpectStatusAsync(entry.Name, "publishing", response, SavedOrRefused))
            {
                continue;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var refused = await Html.ParseAsync(response);
                if (refused.QuerySelector("[data-valmsg-for='Form.Body']")?.TextContent is not { Length: > 0 })
                {
                    failures.Add(entry.Name, $"refused without a message beside the body: {Html.Messages(refused.DocumentElement.OuterHtml)}");
                }

                if (EditorDesk.FieldValue(refused, "Form.Body") != entry.Text)
                {
                    failures.Add(entry.Name, "the refused form lost the body");
                }

                continue;
            }

            using var page = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
            if (await failures.ExpectStatusAsync(entry.Name, "the article page", page, HttpStatusCode.OK))
            {
                failures.ExpectSafe(entry.Name, "the article page", await Html.ParseAsync(page));
            }
        }

        using var admin = await factory.SignedInAdminAsync();
        foreach (var entry in Corpus.HeavyMarkdown.Where(e => e.Text.Length <= Masthead.Appeals.Appeal.MaxBody))
        {
            using var preview = await AppealDesk.SubmitAsync(admin, null, AppealDesk.Fields("Heavy", entry.Text), "Preview");
            await failures.ExpectStatusAsync(entry.Name, "previewing the appeal", preview, HttpStatusCode.OK, HttpStatusCode.BadRequest);
        }

        failures.AssertNone(Corpus.HeavyMarkdown.Count);
    }

    [Fact]
    public async Task Invalid_utf8_and_control_characters_sent_as_raw_bytes_are_never_a_500_and_never_stored()
    {
        using var admin = await factory.SignedInAdminAsync();
        using var reader = factory.CreateBrowserClient();
        var author = await EditorDesk.AddAuthorAsync(factory);
        var failures = new Failures();
        var unique = EditorDesk.Unique();
        var n = 0;
        var entries = Corpus.BadUtf8.Concat(Corpus.Text.Select(e => (e.Name, Bytes: Encoding.UTF8.GetBytes(e.Text))));
        foreach (var (name, bytes) in entries)
        {
            failures.Count();
            n++;
            byte[] Tagged(string prefix) => [.. Encoding.UTF8.GetBytes($"{prefix} {unique}-{n} "), .. bytes];
            var forms = new (HttpClient Client, string Url, KeyValuePair<string, byte[]>[] Fields)[]
            {
                (admin, "/admin/authors", [new("Input.Name", Tagged("Author")), new("Input.Bio", bytes)]),
                (admin, "/admin/appeals/new", [new("Input.Name", Tagged("Appeal")), new("Input.Body", bytes), Corpus.Field("Input.ContinueLabel", "Continue"), new("Input.SnoozeLabel", Tagged("Later")), Corpus.Field("Input.SnoozeDays", "7"), Corpus.Field("Input.Version", "0")]),
                (reader, "/support", [Corpus.Field("Form.Frequency", "Monthly"), Corpus.Field("Form.Currency", "USD"), Corpus.Field("Form.Amount", "other"), new("Form.OtherAmount", bytes), Corpus.Field("Form.Email", $"raw-{unique}-{n}@example.org"), new("Form.Name", Tagged("Reader")), Corpus.Field("Form.Anonymous", "false")]),
                (reader, "/support", [Corpus.Field("Form.Frequency", "Monthly"), Corpus.Field("Form.Currency", "USD"), Corpus.Field("Form.Amount", "other"), Corpus.Field("Form.OtherAmount", "5"), Corpus.Field("Form.Email", $"raw-{unique}-{n}@example.org"), new("Form.Name", Tagged("Reader")), Corpus.Field("Form.Anonymous", "false")]),
                (reader, "/support", [new("Form.Frequency", bytes), new("Form.Currency", bytes), new("Form.Amount", bytes), new("Form.Email", bytes)]),
                (reader, "/support/restore", [new("Input.Email", bytes)]),
                (reader, "/appeal/remind", [new("Input.Email", [.. Encoding.UTF8.GetBytes("a"), .. bytes, .. Encoding.UTF8.GetBytes("@example.org")]), new("Input.When", bytes)]),
                (reader, "/appeal/remind", [Corpus.Field("Input.Email", $"raw-{unique}-{n}@example.org"), Corpus.Field("Input.When", "day"), new("Input.Day", bytes)]),
                (reader, "/appeal/remind", [Corpus.Field("Input.Email", $"raw-{unique}-{n}@example.org"), Corpus.Field("Input.When", "month"), new("Input.Month", bytes)]),
                (factory.CreateBrowserClient(), "/admin/signin", [new("Input.Email", bytes), new("Input.Password", bytes)]),
                (admin, "/admin/password", [new("Input.Current", bytes), new("Input.New", bytes), new("Input.Confirm", bytes)]),
            };
            foreach (var (client, url, fields) in forms)
            {
                using var response = await Corpus.PostRawFormAsync(client, url, fields);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add(name, $"POST {url} answered {(int)response.StatusCode}: {Html.Messages(await response.Content.ReadAsStringAsync())}");
                }
            }

            // The article form is multipart: raw bytes in a text part.
            using var article = await PostArticleRawAsync(admin, author, $"raw-{unique}-{n}", Tagged("Headline"), bytes);
            if (await failures.ExpectStatusAsync(name, "the article form", article, SavedOrRefused) && article.StatusCode == HttpStatusCode.Redirect)
            {
                using var page = await reader.GetAsync(new Uri($"/articles/raw-{unique}-{n}", UriKind.Relative));
                await failures.ExpectStatusAsync(name, "the article page", page, HttpStatusCode.OK);
            }
        }

        var stored = await factory.WithDbAsync(async db =>
            (await db.Authors.Where(a => a.Name.Contains(unique)).Select(a => a.Name + a.Bio).ToListAsync())
            .Concat(await db.Appeals.Where(a => a.Name.Contains(unique)).Select(a => a.Name + a.BodyMarkdown + a.SnoozeLabel).ToListAsync())
            .Concat(await db.Checkouts.Where(c => c.Name!.Contains(unique)).Select(c => c.Name!).ToListAsync())
            .Concat(await db.Articles.Where(a => a.Slug.StartsWith($"raw-{unique}")).Select(a => a.Headline + a.BodyMarkdown + a.Standfirst).ToListAsync())
            .ToList());
        Assert.NotEmpty(stored);
        foreach (var text in stored.Where(Safety.HasControlCharacters))
        {
            failures.Add("stored text", $"keeps control characters: {text.ReplaceLineEndings(" ")[..Math.Min(60, text.Length)]}");
        }

        failures.AssertNone(Corpus.BadUtf8.Count);
    }

    [Fact]
    public async Task Dates_that_are_not_a_usable_time_come_back_beside_the_field_as_typed()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var failures = new Failures();
        foreach (var entry in Corpus.Dates)
        {
            failures.Count();
            var body = $"Scheduled body {EditorDesk.Unique()}";
            var input = new ArticleInput($"Dated {EditorDesk.Unique()}", [author], body, PublishAt: entry.Text);
            foreach (var intent in new[] { "Schedule", "Save" })
            {
                using var response = await EditorDesk.SubmitAsync(editor, null, input, intent);
                if (!await failures.ExpectStatusAsync(entry.Name, intent, response, HttpStatusCode.BadRequest))
                {
                    continue;
                }

                var page = await Html.ParseAsync(response);
                var message = page.QuerySelector("[data-valmsg-for='Form.PublishAt']")?.TextContent ?? "";
                if (!message.Contains("year-month-day", StringComparison.Ordinal) && !message.Contains("has passed", StringComparison.Ordinal))
                {
                    failures.Add(entry.Name, $"{intent}: no clear message beside the date: \"{message}\" {Html.Messages(page.DocumentElement.OuterHtml)}");
                }

                if (!Safety.HasControlCharacters(entry.Text) && EditorDesk.FieldValue(page, "Form.PublishAt") != entry.Text)
                {
                    failures.Add(entry.Name, $"{intent}: the date typed was not kept");
                }

                if (EditorDesk.FieldValue(page, "Form.Body") != body)
                {
                    failures.Add(entry.Name, $"{intent}: the body was lost");
                }
            }
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.Articles.CountAsync(a => a.Headline.StartsWith("Dated "))));
        failures.AssertNone(Corpus.Dates.Count);
    }

    [Fact]
    public async Task Amounts_we_cannot_take_come_back_beside_the_field_with_everything_typed_and_change_nothing()
    {
        using var reader = factory.CreateBrowserClient();
        var email = $"amounts-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, email, "5");
        var hash = SupportDesk.HashOf(factory, email);
        var subscription = await factory.WithDbAsync(db => db.Subscriptions.Where(s => db.Supporters.Any(p => p.Id == s.SupporterId && p.EmailHash == hash)).SingleAsync());
        var manage = await ManagingAsync(email);
        var checkouts = await factory.WithDbAsync(db => db.Checkouts.CountAsync());
        var failures = new Failures();
        foreach (var entry in Corpus.Amounts)
        {
            failures.Count();
            foreach (var frequency in new[] { "Monthly", "OneTime" })
            {
                using var response = await SupportDesk.SubmitAsync(factory, reader, email, entry.Text, frequency);
                if (await failures.RefusedAsUnreadableAsync(entry.Name, $"giving {frequency}", entry.Text, response) || !await failures.ExpectStatusAsync(entry.Name, $"giving {frequency}", response, HttpStatusCode.BadRequest))
                {
                    continue;
                }

                var page = await Html.ParseAsync(response);
                if (page.QuerySelector("[data-valmsg-for='Form.OtherAmount']")?.TextContent is not { Length: > 0 })
                {
                    failures.Add(entry.Name, $"{frequency}: no message beside the amount: {Html.Messages(page.DocumentElement.OuterHtml)}");
                }

                if (EditorDesk.FieldValue(page, "Form.Email") != email)
                {
                    failures.Add(entry.Name, $"{frequency}: the email was not kept");
                }

                failures.ExpectSafe(entry.Name, "the contribution form", page);
            }

            using var change = await factory.PostFormAsync(manage, "/support/manage",
                [new("subscription", subscription.Id.ToString(CultureInfo.InvariantCulture)), new("NewAmount", entry.Text)], "/support/manage?handler=Change");
            if (!await failures.RefusedAsUnreadableAsync(entry.Name, "changing the amount", entry.Text, change)
                && await failures.ExpectStatusAsync(entry.Name, "changing the amount", change, HttpStatusCode.BadRequest))
            {
                failures.ExpectSafe(entry.Name, "the manage page", await Html.ParseAsync(change));
            }
        }

        Assert.Equal(checkouts, await factory.WithDbAsync(db => db.Checkouts.CountAsync()));
        Assert.Equal(subscription.Amount, await factory.WithDbAsync(db => db.Subscriptions.Where(s => s.Id == subscription.Id).Select(s => s.Amount).SingleAsync()));
        failures.AssertNone(Corpus.Amounts.Count);
    }

    [Fact]
    public async Task Mislabelled_oversized_bomb_and_traversal_uploads_are_refused_or_stored_under_our_own_name_only()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var media = Path.Combine(factory.DataDirectory, "media");
        var outside = Directory.GetFiles(factory.DataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(media, StringComparison.Ordinal)).ToHashSet();
        var failures = new Failures();

        var refused = new (string Name, Upload Upload)[]
        {
            ("script named .png", new("cover.png", "image/png", Encoding.UTF8.GetBytes("<script>alert(document.cookie)</script>"))),
            ("html named .jpg", new("cover.jpg", "image/jpeg", Encoding.UTF8.GetBytes("<!doctype html><html><body onload=alert(1)>"))),
            ("svg with script", new("cover.svg", "image/svg+xml", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"))),
            ("svg with script named .png", new("cover.png", "image/png", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"))),
            ("executable named .gif", new("cover.gif", "image/gif", [0x4D, 0x5A, 0x90, 0x00, .. new byte[200]])),
            ("zip named .webp", new("cover.webp", "image/webp", [0x50, 0x4B, 0x03, 0x04, .. new byte[200]])),
            ("PNG signature and nothing else", new("cover.png", "image/png", TestImages.Png[..8])),
            ("PNG bomb: 100000 × 100000 declared", new("bomb.png", "image/png", Images.Png(100_000, 100_000))),
            ("PNG bomb: 2^31-1 wide", new("bomb.png", "image/png", Images.Png(int.MaxValue, 1))),
            ("PNG declaring zero width", new("zero.png", "image/png", Images.Png(0, 10))),
            ("GIF bomb: 65535 × 65535 declared", new("bomb.gif", "image/gif", Images.Gif(65_535, 65_535))),
            ("GIF header followed by script", new("polyglot.gif", "image/gif", [.. "GIF89a"u8, .. "<script>alert(1)</script>"u8])),
            ("JPEG bomb: 65500 × 65500 declared", new("bomb.jpg", "image/jpeg", Images.Jpeg(65_500, 65_500))),
            ("WebP bomb: 16383 × 16383 declared", new("bomb.webp", "image/webp", Images.WebPLossless(16_383, 16_383))),
            ("over 5 MB", new("big.png", "image/png", [.. TestImages.Png, .. new byte[(int)Masthead.Articles.CoverImages.MaxBytes]])),
        };
        foreach (var (name, upload) in refused)
        {
            failures.Count();
            var body = $"Kept body {EditorDesk.Unique()}";
            using var response = await EditorDesk.SubmitAsync(editor, null, new ArticleInput($"Upload {EditorDesk.Unique()}", [author], body), "Save", upload);
            if (!await failures.ExpectStatusAsync(name, "uploading", response, HttpStatusCode.BadRequest))
            {
                continue;
            }

            var page = await Html.ParseAsync(response);
            if (page.QuerySelector("[data-valmsg-for='Form.Cover']")?.TextContent is not { Length: > 0 })
            {
                failures.Add(name, $"no message beside the upload: {Html.Messages(page.DocumentElement.OuterHtml)}");
            }

            if (EditorDesk.FieldValue(page, "Form.Body") != body)
            {
                failures.Add(name, "the body was lost");
            }
        }

        var accepted = new (string Name, Upload Upload)[]
        {
            ("PNG labelled text/html", new("cover.png", "text/html", TestImages.Png)),
            ("PNG named .html", new("cover.html", "image/png", TestImages.Png)),
            ("PNG named .svg", new("cover.svg", "image/svg+xml", TestImages.Png)),
            ("a 1920 × 1080 PNG", new("photo.png", "image/png", Images.Png(1920, 1080))),
        };
        foreach (var (name, upload) in Corpus.FileNames.Select(e => (e.Name, new Upload(e.Text, "image/png", TestImages.Png))).Concat(accepted))
        {
            failures.Count();
            using var response = await EditorDesk.SubmitAsync(editor, null, new ArticleInput($"Upload {EditorDesk.Unique()}", [author], "Body."), "Save", upload);
            if (!await failures.ExpectStatusAsync(name, "uploading", response, SavedOrRefused))
            {
                continue;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var message = (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Form.Cover']")?.TextContent ?? "";
                if (!message.Contains("without folders", StringComparison.Ordinal))
                {
                    failures.Add(name, $"refused without saying why: \"{message}\"");
                }
            }
        }

        var names = await factory.WithDbAsync(db => db.Articles.Where(a => a.CoverImage != null).Select(a => a.CoverImage!).ToListAsync());
        foreach (var stored in names.Where(s => !System.Text.RegularExpressions.Regex.IsMatch(s, "^[0-9a-f]{24}\\.(jpg|png|gif|webp)$")))
        {
            failures.Add(stored, "a cover was stored under a name we did not choose");
        }

        foreach (var file in Directory.GetFiles(factory.DataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(media, StringComparison.Ordinal) && !outside.Contains(f)))
        {
            if (!file.Contains("keys", StringComparison.Ordinal) && !file.Contains("masthead.db", StringComparison.Ordinal) && !file.EndsWith(".eml", StringComparison.Ordinal))
            {
                failures.Add(file, "an upload wrote a file outside the media folder");
            }
        }

        failures.AssertNone(refused.Length + Corpus.FileNames.Count);
    }

    private async Task<HttpClient> ManagingAsync(string email)
    {
        var link = await factory.WithDbAsync(db => new Masthead.Contributions.MagicLinks(db, factory.Clock)
            .IssueAsync(SupportDesk.HashOf(factory, email), Masthead.Contributions.MagicLinks.RequestedLifetime, CancellationToken.None));
        var client = factory.CreateBrowserClient();
        using var opened = await factory.PostFormAsync(client, link, []);
        Assert.Equal("/support/manage", opened.Headers.Location!.OriginalString);
        return client;
    }

    private static async Task ExpectMessageBesideAsync(Failures failures, Entry entry, HttpResponseMessage response, params string[] fields)
    {
        var page = await Html.ParseAsync(response);
        failures.ExpectSafe(entry.Name, "the refused form", page);
        if (!fields.Any(field => page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent is { Length: > 0 }))
        {
            failures.Add(entry.Name, $"refused without a message beside {string.Join(" or ", fields)}: {Html.Messages(page.DocumentElement.OuterHtml)}");
        }
    }

    /// <summary>A path a browser resolves on this site: one slash, then no slash, backslash or control character a browser would drop.</summary>
    private static bool IsPathOnThisSite(string location) =>
        location.StartsWith('/') && location.All(char.IsAscii)
        && (location.Length == 1 || (location[1] is not ('/' or '\\') && !location.Any(char.IsControl)));

    private static async Task<HttpResponseMessage> PostArticleRawAsync(HttpClient editor, int author, string slug, byte[] headline, byte[] text)
    {
        var page = await Html.GetPageAsync(editor, "/admin/articles/new");
        var token = Html.AntiforgeryToken(page, "/admin/articles/new")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), Html.AntiforgeryField },
            { new StringContent("0"), "Form.Version" },
            { new ByteArrayContent(headline), "Form.Headline" },
            { new ByteArrayContent(text), "Form.Body" },
            { new ByteArrayContent(text), "Form.Standfirst" },
            { new StringContent(slug), "Form.Slug" },
            { new StringContent(author.ToString(CultureInfo.InvariantCulture)), "Form.AuthorIds" },
            { new StringContent("Publish"), "intent" },
        };
        return await editor.PostAsync(new Uri("/admin/articles/new", UriKind.Relative), form);
    }
}

/// <summary>Image files whose headers declare what we choose: dimensions a browser would have to decode.</summary>
public static class Images
{
    /// <summary>A PNG: signature, an IHDR chunk declaring <paramref name="width"/> × <paramref name="height"/>, one IDAT byte, IEND.</summary>
    public static byte[] Png(int width, int height)
    {
        var bytes = new List<byte>(TestImages.Png[..8]);
        void Chunk(string type, byte[] data)
        {
            bytes.AddRange(BigEndian(data.Length));
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            bytes.AddRange(typed);
            bytes.AddRange(BigEndian((int)Crc32(typed)));
        }

        Chunk("IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 6, 0, 0, 0]);
        Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk("IEND", []);
        return [.. bytes];
    }

    public static byte[] Gif(ushort width, ushort height) =>
        [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x00, 0x00, 0x00, 0x3B];

    /// <summary>A JPEG whose baseline frame header (SOF0) declares the size, after an APP0 segment.</summary>
    public static byte[] Jpeg(ushort width, ushort height) =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
         0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9];

    /// <summary>A lossless WebP (VP8L) whose header declares the size (14 bits each, stored minus one).</summary>
    public static byte[] WebPLossless(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        byte[] vp8l = [.. "VP8L"u8, 5, 0, 0, 0, 0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), 0];
        return [.. "RIFF"u8, .. BitConverter.GetBytes(4 + vp8l.Length), .. "WEBP"u8, .. vp8l];
    }

    /// <summary>The CRC-32 every PNG chunk ends with.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}

[Collection(SqliteCollection.Name)]
public sealed class HostileInputTestsOnSqlite(SqliteFactory factory) : HostileInputTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HostileInputTestsOnPostgres(PostgresFactory factory) : HostileInputTests(factory);
