namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>An explainer, a culture piece, a report in Russian and the newsroom's note to its readers.</summary>
    private static DemoArticle[] FeaturesAndNotes() =>
    [
        new(
            Headline: "What does it mean to be labelled a 'foreign agent' in Russia?",
            Standfirst: "How a designation that began as a rule for foreign-funded NGOs became one of the main tools for isolating independent journalists, researchers and critics.",
            Dateline: "RIGA",
            Authors: ["Jonathan Hale"],
            Tags: ["Explainers", "Politics"],
            HoursAgo: 75,
            Markdown: """
                Readers who follow Russian news will have seen the phrase "foreign agent" attached to the names of journalists, human rights groups, musicians and scientists. This newsroom itself carries the label. This explainer sets out where it came from, what it requires and why it matters.

                ## Where the law came from

                Russia's first foreign agent law was adopted in 2012 and applied to non-governmental organisations that received money from abroad and engaged in loosely defined "political activity". In the years that followed it was extended to media outlets and then to individuals.

                In 2022 the separate rules were consolidated into a single law, and the central test changed. A person or organisation no longer needs to receive foreign funding: it is enough for the authorities to conclude that they are "under foreign influence", a term the law defines broadly enough to include interviews with foreign media, participation in international projects or simply contact with foreign organisations.

                ## Who decides

                Designations are made by the Ministry of Justice, which maintains a public register and usually adds new names on Fridays. There is no hearing before a name is added, and the person concerned is typically informed at the same moment as the public.

                A designation can be challenged in court, but lawyers who have brought such cases say judges generally treat the ministry's decision as sufficient evidence, and successful appeals are extremely rare.

                ## What it requires

                Once on the register, a person or organisation takes on a set of obligations and restrictions. Among the most significant:

                - every piece of published material, including social media posts, must carry a long disclaimer in capital letters stating that it was produced by a foreign agent;
                - regular reports must be filed on income, spending and activities, and organisations face audits;
                - foreign agents may not teach or produce educational material for minors, work in state and municipal bodies, or receive state funding;
                - later amendments restricted their ability to stand in elections and banned advertising on their platforms, cutting off a source of revenue for independent media.

                Failure to comply can lead to fines and, after repeated violations, to criminal charges.

                ## Why it matters

                The law's defenders describe it as a transparency measure modelled on foreign legislation. Critics, including international human rights bodies, say its practical purpose is to stigmatise and isolate, and point out that the phrase carries strong connotations of Soviet-era language about spies and traitors.

                For independent newsrooms the effects are concrete. Advertisers withdraw. Sources inside Russia become more cautious about speaking, because contact with a foreign agent can itself be cited as evidence of "influence". Readers in Russia, who increasingly need a VPN to reach blocked sites, encounter the disclaimer as a reminder that reading is not without risk.

                ## What this means for us

                We do not carry the disclaimer on our site, which is published from outside Russia, and we do not accept advertising. Our journalism is paid for by readers, and we explain our approach in more detail in a note from the editors.

                We will continue to report on people who are added to the register, and to explain, as plainly as we can, what it means for them.
                """),

        new(
            Headline: "In Tbilisi, an exiled Moscow theatre finds its audience has moved too",
            Standfirst: "Three years after leaving Russia, the company behind a celebrated basement production of The Seagull is playing to full houses in a former print works, to spectators who have made the same journey.",
            Dateline: "TBILISI",
            Authors: ["Daria Lebedeva"],
            Tags: ["Culture"],
            HoursAgo: 120,
            Markdown: """
                The seats in the old print works on the left bank of the Mtkvari are wooden benches salvaged from a church, and there are exactly 112 of them. On a Thursday night in October, every one was taken, and a dozen people stood along the back wall.

                The play was Chekhov's *The Seagull*, staged by Studio Perekrestok, a company that for eight years performed in a basement near Moscow's Chistye Prudy and left Russia in the spring of 2022. Most of the audience, judging by the conversations in the queue, had left too.

                "In Moscow, we played to people who came to us to breathe," said Mikhail Arkhipov, the company's founder and director, sitting in the print works' former loading bay an hour before the performance. "Here, we play to the same people. Some of them literally the same people. They find us on Telegram and they come."

                ## A play about leaving

                Mr Arkhipov's production is not new. The company first staged it in 2019, and brought the set, a single long table and a rowing boat hung from the ceiling, across the border in a hired van.

                What has changed, the actors say, is the way the audience listens. Lines about provincial boredom and the longing for Moscow, which once drew knowing laughter, now land differently.

                "When Nina says she is a seagull, that she has been thrown away, there used to be a kind of sigh in the room," said Vera Nikolskaya, who has played Nina since the first performance. "Now there is silence. Everyone in that room has packed a suitcase in a hurry."

                Ms Nikolskaya, 34, works during the day as a translator for a logistics company. Of the company's eleven actors, only two are able to live on theatre work alone.

                ## Between two cities

                Studio Perekrestok is one of several Russian-language companies that have settled in Tbilisi since 2022, along with groups in Yerevan, Riga, Berlin and Belgrade. Their position is not always comfortable. Some Georgians resent the arrival of tens of thousands of Russians, and the company's programme now includes a Georgian-language reading series and a workshop for local drama students.

                "We are guests, and we try to behave like guests," Mr Arkhipov said. "That means not only performing for ourselves."

                Tamar Beridze, a Georgian theatre critic who has followed the company since its arrival, said its best work had come from that tension. "Their first year here, they played as if they were still in Moscow," she said. "Now they are making theatre about being somewhere else, and it is much more interesting."

                The company receives no state funding from any country. Tickets cost 30 lari, about £9, and a box by the door collects donations for actors who remain in Russia and have lost work because of their association with the theatre.

                At the curtain call on Thursday, the applause went on for several minutes. Afterwards, in the courtyard, a woman in her sixties who had seen the production in Moscow in 2019 stood talking to Ms Nikolskaya for a long time.

                "She told me the boat was the same," Ms Nikolskaya said later. "She said that was the only thing that was."

                Studio Perekrestok's *Seagull* runs on Thursdays and Saturdays until the end of December.
                """),

        new(
            Headline: "В Казани закрывается независимый книжный магазин «Переплёт»",
            Standfirst: "Книжный «Переплёт», двенадцать лет работавший в центре Казани, закроется в конце месяца: владелица говорит, что после проверок и изъятия книг продолжать работу невозможно.",
            Dateline: "КАЗАНЬ",
            Authors: ["Daria Lebedeva"],
            Tags: ["Культура", "Регионы"],
            HoursAgo: 160,
            Markdown: """
                Независимый книжный магазин «Переплёт», работавший в историческом центре Казани с 2013 года, закроется 30-го числа этого месяца. Об этом сообщила его владелица Алсу Гарипова в телеграм-канале магазина.

                По словам Гариповой, решение было принято после третьей за год проверки и изъятия части ассортимента. «Мы долго пытались работать по новым правилам, но правила меняются быстрее, чем мы успеваем их прочитать», — написала она.

                «Переплёт» был одним из немногих мест в городе, где продавались книги небольших независимых издательств, переводная литература и издания на татарском языке. При магазине работал лекторий, проходили встречи с авторами и детский книжный клуб.

                ## Проверки и изъятия

                Первая проверка прошла весной: сотрудники полиции, по словам владелицы, пришли после жалобы «неравнодушного покупателя» и изъяли несколько романов современных зарубежных авторов, сославшись на закон о запрете «пропаганды». Протокол об административном правонарушении был составлен на саму Гарипову, суд назначил ей штраф.

                Летом магазин получил предупреждение из-за того, что на книгах авторов, внесённых в реестр «иностранных агентов», не было соответствующей маркировки. Продавцам пришлось вручную упаковать несколько десятков книг в плёнку с предупреждающими наклейками, а часть тиражей вернуть издательствам.

                Третья проверка прошла в начале осени. «После неё мы поняли, что у нас нет ни одной полки, на которой мы были бы уверены в каждой книге», — рассказала Гарипова «Меридиану» по телефону.

                ## «Некому продавать»

                Проверки — не единственная причина закрытия. По словам владелицы, за последние три года выручка магазина снизилась почти вдвое. Часть постоянных покупателей уехала из страны, а издательства, с которыми работал магазин, сократили выпуск или закрылись сами.

                «Наши читатели — это студенты, преподаватели, молодые специалисты. Многие из них сейчас в Ереване, Тбилиси, Белграде. Они пишут нам, просят прислать книги, но отправлять книги за границу стало сложно и дорого», — говорит Гарипова.

                Аренда помещения в центре города за это время выросла на 40 процентов. Собственник здания, по словам владелицы, уже нашёл нового арендатора — сетевую кофейню.

                ## Что будет с книгами

                До закрытия «Переплёт» проводит распродажу. Книги, которые не удастся продать, Гарипова планирует передать в сельские библиотеки республики и в частную библиотеку при одном из городских культурных центров.

                Детский книжный клуб, по её словам, продолжит встречаться на квартире у одной из ведущих. «Детям всё равно, где читать. Главное, чтобы было с кем», — говорит она.

                Министерство культуры республики на наш запрос к моменту публикации не ответило. Городская администрация ограничилась замечанием, что закрытие частного магазина — «решение собственника».

                Постоянные покупатели «Переплёта» в последние дни оставляют в магазине записки с благодарностями. Их вешают на стену у кассы. «Спасибо за двенадцать лет и за то, что здесь всегда можно было просто постоять и почитать», — написано на одной из них.

                Гарипова говорит, что пока не знает, чем займётся дальше. «Может быть, однажды откроемся снова. Книжные магазины ведь тоже умеют ждать».
                """,
            Edition: Editions.SiteEditions.DemoCode),

        new(
            Headline: "Why we are asking our readers to pay for The Meridian",
            Standfirst: "A note from the editors on how a newsroom that is blocked in Russia, labelled a 'foreign agent' and free of advertising pays for its journalism, and why that makes the work stronger.",
            Dateline: "RIGA",
            Authors: ["Jonathan Hale", "Daria Lebedeva"],
            Tags: ["Newsroom"],
            HoursAgo: 300,
            Markdown: """
                When we started this newsroom, we made three decisions that shape everything we publish. We would report on Russia in English, for readers anywhere in the world. We would not carry advertising. And we would ask the people who read our journalism to pay for it.

                This note explains why, and what your support makes possible.

                ## Why not advertising

                Our website has been blocked in Russia since shortly after our launch, and the Ministry of Justice has added us to its register of "foreign agents". Under Russian law, advertising on the platforms of designated organisations is prohibited, and companies with any business in Russia have good reason to stay away from us.

                But even without those restrictions, we would not want to depend on advertisers. Advertising rewards the number of clicks, not the quality of the work. An investigation like our recent reporting on how European machine tools reached a sanctioned defence plant took four months, involved reporters in three countries and produced a single article. No advertising model would have paid for it.

                ## Why not grants alone

                Many exiled newsrooms rely on grants from foundations and governments, and we are grateful for the support we have received from institutional donors. But grants are usually awarded for a year or two, for specific projects, and their priorities change. A newsroom that depends on them can find itself reporting on what funders want to read about, rather than on what matters.

                Grants also make it easy for the Russian authorities to claim that independent journalists are paid to say what foreign governments want. We want to be able to say, truthfully, that the largest share of our budget comes from individual readers.

                ## What your money pays for

                Today, reader contributions cover a little over half of our costs. The rest comes from two foundations, which are named on our funding page alongside the size of their support. Your contributions pay for:

                - salaries for a team of eleven journalists and editors, some working in exile and some, whose names we do not publish, still inside Russia;
                - legal advice and digital security for reporters and the people who speak to them;
                - the technology that keeps our site reachable for readers in Russia, including mirror sites and distribution through messaging apps;
                - translation, fact-checking and the slow, unglamorous work of verifying documents.

                We publish an annual report with a full breakdown of our income and spending. You can read the latest one on [our transparency page](https://example.org/transparency).

                ## Our promises to you

                We will never sell or share your personal data. We accept contributions in ways designed to protect readers who may be at risk, and we do not require you to give your real name.

                We will tell you when we get something wrong. Corrections appear at the foot of the article concerned, with the date and a description of the change.

                And we will keep our journalism free to read, for everyone. Our contributors are not paying for access; they are paying so that readers who cannot pay, including many inside Russia, can read it too.

                If you value what we do, please consider supporting us, once or every month. Whatever you can give, thank you.

                — The editors
                """),
    ];
}
