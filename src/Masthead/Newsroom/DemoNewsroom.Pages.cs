using Masthead.Articles;
using Masthead.Editions;
using Masthead.SitePages;

namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>A standalone page of the demo newsroom; <see cref="Edition"/> null for the default edition, "ru" for the Russian one.</summary>
    public sealed record DemoPage(string Slug, string Title, string Markdown, int? NavigationOrder, int? FooterOrder, string? Edition = null);

    /// <summary>
    /// About us and the privacy policy. The policy says what this code stores and for how long (Privacy/README.md,
    /// Web/AccessLog.cs, Web/ReaderCookies.cs, the reader script): change it when that changes.
    /// </summary>
    public static readonly IReadOnlyList<DemoPage> Pages =
    [
        new("about", "About us", """
            The Meridian is an independent newsroom. We report on power, money and the people they affect, and we publish
            what we find for everyone to read, free of charge.

            No owner, no state and no advertiser pays for our work: our readers do, a few dollars at a time. That is why
            you will sometimes see an appeal after an article, and why there are no advertisements on this site.

            ## How we work

            * We check every fact with at least two sources, and we say so when we cannot.
            * We correct our mistakes openly, at the foot of the article that made them.
            * We protect our sources. If you have something to tell us, write to our editors.

            ## Other languages

            Part of our reporting is also published in Russian, in our [Russian edition](/ru/).
            """, NavigationOrder: 1, FooterOrder: 1),
        new("privacy", "Privacy policy", """
            We would rather know nothing about you. This page says exactly what this site keeps, where and for how long.

            ## Reading

            * **No trackers.** No analytics, advertising or social-media scripts, and no fonts, images or scripts from other
              sites: your browser talks only to us.
            * **No reading history.** We do not keep a record of who read what. If the server's access log is switched on (it
              is off unless the people running the server turn it on), each line holds the kind of request, which public
              page it was (for anything else only its pattern, such as `/articles/{slug}`), the answer's status and how long
              it took: never your IP address, never what you searched for, never a cookie. That log goes to the server's own
              log files and is kept as long as they keep logs; this site keeps no copy of it.
            * **The count of articles you have read** (and their topics, per week, for a year), which decides which appeal
              you see and which an appeal may show you, is kept by your browser in its own storage. It is never sent to us,
              and the appeal has a button, "Don't count my reading", that stops the counting and forgets the count.
              [What this browser keeps](/privacy/this-browser) shows it all and has the same switch.
            * **When we try two versions of an appeal**, your browser draws one and keeps its number, so you see the same
              one each time. It also keeps when it last showed you a banner, so banners stay rare.
            * **What we count**: how often each version of an appeal was on screen, had its button pressed, was put off or
              closed, and how many gifts came through it, added up per hour. Your browser sends those events with no cookie
              and nothing that says who you are or which page you were on; we keep only the hourly sums. "Don't count my
              reading" stops these too. A gift that came through an appeal is counted in those sums once it is paid, and
              which appeal it came through is then forgotten: nothing about it is kept with your support.

            ## Cookies

            All our cookies are our own; none is shared with another site.

            * `mh_snooze`: set when you press "Remind me later" on an appeal. It holds only the time until which appeals
              stay hidden, and expires then.
            * `mh_supporter`: set after you give, so that supporters are not asked again. It holds a sealed pass: the date
              your support runs to and a random token. It is kept for up to 400 days and renewed at most once a week while
              your support continues.
            * `masthead_csrf`: set when you open a form (giving, a reminder), to stop other sites from posting it in your
              name. It ends when you close the browser.

            ## Giving

            * **Card details** are typed into and kept by our payment provider, never by us: this site never sees your card
              number.
            * **Your email address and name** are stored encrypted, and we find your record by a keyed fingerprint of your
              address rather than the address itself. The key is kept apart from the database, so a copy of the database or
              of a backup names nobody.
            * **What the payment provider tells us** about a payment is stored encrypted too, and emptied 30 days after we
              have recorded the payment.
            * **The amounts and dates** of contributions stay, because our accounts must show them.
            * **A reminder by email** ("remind me later") keeps your address, encrypted, until the message is sent on the
              day you chose (at most a year ahead), then deletes it; a reminder that could not be sent is deleted a year
              after its day.

            ## How long we keep it

            * When all your monthly or yearly contributions have been cancelled for 90 days, your address and name are erased.
            * If you gave once, your address and name stay until you erase them.
            * You can erase them yourself at any time with *Erase my data* on the *Your support* page, which we send you a
              link to by email. Running contributions are cancelled first; the amounts and dates stay in the accounts
              without your name. The payment provider keeps its own records under its own rules.
            * A checkout that was started but never paid is deleted after a day.

            ## Questions

            Write to our editors: we will tell you what we hold about you, and erase it if you ask.
            """, NavigationOrder: null, FooterOrder: 2),
        new("about", "О нас", """
            «Меридиан» — независимая редакция. Мы пишем о власти, деньгах и людях, которых они касаются, и публикуем
            найденное бесплатно для всех.

            Нашу работу не оплачивают ни владелец, ни государство, ни рекламодатели — только читатели, понемногу. Поэтому
            после статьи вы иногда видите призыв о поддержке, а рекламы на сайте нет.

            ## Как мы работаем

            * Каждый факт мы проверяем по крайней мере по двум источникам, а если не можем — так и пишем.
            * Ошибки мы исправляем открыто, в конце статьи, где они были.
            * Мы защищаем наши источники.

            Основная часть наших материалов выходит [на английском](/).
            """, NavigationOrder: 1, FooterOrder: 1, Edition: SiteEditions.DemoCode),
    ];

    private static IEnumerable<SitePage> DemoPages(SiteEditions editions, Edition? russian, DateTimeOffset now) =>
        Pages.Where(demo => demo.Edition is null || russian is not null).Select(demo => new SitePage
        {
            Slug = demo.Slug,
            Title = demo.Title,
            Edition = demo.Edition is null ? editions.Default.Code : russian!.Code,
            BodyMarkdown = demo.Markdown,
            BodyHtml = ArticleMarkdown.ToHtml(demo.Markdown),
            IsPublished = true,
            NavigationOrder = demo.NavigationOrder,
            FooterOrder = demo.FooterOrder,
            CreatedAt = now,
            UpdatedAt = now,
        });
}
