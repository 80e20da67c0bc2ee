namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>The demo's news reports: a delegation, a court, a regional budget, an investigation.</summary>
    private static DemoArticle[] Reporting() =>
    [
        new(
            Headline: "Russian parliamentary delegation cuts short Yerevan visit after protests outside talks",
            Standfirst: "A six-member delegation led by a senior committee deputy left Armenia a day early after demonstrators gathered outside the venue and two scheduled meetings were cancelled.",
            Dateline: "YEREVAN",
            Authors: ["Daria Lebedeva"],
            Tags: ["Politics"],
            HoursAgo: 2,
            Markdown: """
                A visiting delegation of Russian parliamentarians left Yerevan on Tuesday evening, a day earlier than planned, after several hundred protesters gathered outside a government guesthouse where the group was due to meet Armenian lawmakers.

                The delegation, led by Gennady Rostovtsev, deputy chairman of a State Duma committee on relations with neighbouring states, had been scheduled to spend three days in the Armenian capital discussing what its itinerary described as "humanitarian and educational cooperation".

                Two of the four planned meetings did not take place. An official at Armenia's parliament, who asked not to be named because he was not authorised to speak to the press, said the Armenian side had "postponed by mutual agreement" a session with the chamber's foreign relations committee. A second meeting, with the rectors of two universities, was cancelled without explanation.

                Mr Rostovtsev's office in Moscow said the delegation had "completed the main part of its programme" and returned early "due to a change in the schedule of the Armenian partners". It did not respond to written questions about the protest.

                ## A crowd at the gates

                The demonstration began shortly after 10am, when a few dozen people, many of them students, gathered on the pavement opposite the guesthouse carrying handwritten placards. By midday, according to two reporters at the scene, the crowd had grown to between 300 and 400 people.

                Most of the signs referred to Armenia's security relationship with Moscow and to the treatment of Armenian migrant workers in Russia. Several protesters held photographs of relatives who, they said, had been detained during document checks in Russian cities over the past year.

                "We are not against Russians. Half of my class has a brother or a father working in Moscow," said Nare, a 21-year-old history student who gave only her first name. "We are against people who come here to tell us who our friends should be."

                Police formed a line along the road but made no arrests. A spokesman for the city's police department said the gathering had been "peaceful and did not require intervention".

                ## A familiar pattern

                The visit was the third by Russian parliamentary groups to the South Caucasus this year, and the second to end early. In the spring, a smaller delegation to Tbilisi spent a single day in the Georgian capital after its hosts moved a planned reception to a hotel outside the city centre.

                Analysts say the trips reflect a push by Moscow to rebuild influence in the region through contacts below the level of heads of state, particularly in education, culture and the Russian-language media.

                "These delegations are sent to show that the relationship is normal, that nothing has changed," said Arsen Melikyan, a political scientist at a private research institute in Yerevan. "When the visit has to be cut short, the message that reaches home is the opposite one."

                Armenian officials made no public comment on the cancelled meetings on Tuesday. A local organiser of the protest said the group intended to gather again if further delegations were announced, and that it had notified the city authorities in advance, as the law requires.

                The delegation's flight landed in Moscow shortly before midnight local time. Russian state television's evening bulletins did not report the visit.
                """),

        new(
            Headline: "Moscow court upholds 'foreign agent' label for Siberian climate scientist",
            Standfirst: "Judges rejected Yelena Markova's appeal in a 40-minute hearing, leaving the atmospheric physicist barred from teaching and obliged to mark everything she publishes with a state-mandated disclaimer.",
            Dateline: "MOSCOW",
            Authors: ["Daria Lebedeva"],
            Tags: ["Politics"],
            HoursAgo: 9,
            Markdown: """
                A Moscow court on Monday rejected an appeal by Yelena Markova, an atmospheric physicist from Tomsk, against her designation as a "foreign agent", in a ruling her lawyers said showed that the courts would not examine the evidence behind the label.

                Dr Markova, 47, was added to the Ministry of Justice's register in March. The ministry said at the time that she had "disseminated materials to an unlimited circle of persons" while "under foreign influence", citing her participation in two international research projects on permafrost thaw and a series of interviews she gave to foreign media about wildfires in Siberia.

                The hearing lasted about 40 minutes. According to her lawyer, Pavel Druzhinin, the judge declined to admit a written opinion from colleagues at her institute explaining that the international projects were funded through ordinary academic grants and had been approved by the institute's own management.

                "The court did not ask what foreign influence means, who exercised it or what it consisted of," Mr Druzhinin told The Meridian by phone after the hearing. "The ministry's notice was treated as proof of itself."

                The full text of [the court's ruling](https://example.org/ruling) was published on the court's website on Monday evening. It runs to four pages, most of which restate the ministry's original notice.

                ## What the label means for her work

                Under the law, anyone on the register must mark everything they publish, including social media posts, with a lengthy capitalised disclaimer, and submit regular reports on their income and activities. People designated as foreign agents are also barred from teaching minors and from working in state bodies.

                For Dr Markova, whose work includes lecturing to first-year students, the practical effect has already been felt. Two colleagues at her institute, who spoke on condition of anonymity, said she had been removed from the teaching timetable for the autumn term and that a joint paper with researchers in Finland had been withdrawn from a Russian journal at the editors' request.

                In a statement released through her lawyers after the ruling, Dr Markova said:

                > I measure methane. I have spent twenty years measuring methane over the bogs of western Siberia, and I will go on doing it for as long as I am allowed. If that makes me an agent of anything, it is an agent of the data.

                She did not attend the hearing in person and is understood to remain in Russia.

                ## A widening register

                The Ministry of Justice's register has grown steadily since the law was broadened in 2022, when the requirement to show foreign funding was replaced by the looser test of "foreign influence". Scientists remain a small minority of those listed, most of whom are journalists, activists and opposition politicians, but academic staff say the designation of a researcher with no political profile has caused alarm.

                "Everyone who has a co-author abroad is now asking themselves whether they are next," said a senior researcher at a university in Novosibirsk, who asked not to be named.

                Mr Druzhinin said his client would take the case to the cassation court, although he acknowledged that no appeal against a designation had succeeded at that level. The Ministry of Justice did not respond to a request for comment.
                """),

        new(
            Headline: "Verkhnekamsk region freezes public-sector pay rises as budget gap widens",
            Standfirst: "The regional government has suspended planned pay increases for teachers and doctors and postponed a hospital project, after revenue from its largest employer fell by almost a third.",
            Dateline: "VERKHNEKAMSK",
            Authors: ["Daria Lebedeva", "Jonathan Hale"],
            Tags: ["Economy", "Regions"],
            HoursAgo: 20,
            Markdown: """
                The government of the Verkhnekamsk region has frozen planned pay rises for more than 60,000 public-sector workers and postponed the construction of a regional hospital, as a shortfall in tax revenue left a gap of 14 billion roubles in this year's budget.

                The measures were set out in an amended budget approved by the regional legislature on Thursday by 31 votes to 4. They take effect from the start of next month.

                Oksana Belyaeva, the region's acting finance minister, told deputies that corporate profit tax receipts in the first half of the year had fallen 31 per cent compared with the same period last year, largely because of a collapse in payments from the Verkhnekamsk Fertiliser Combine, the region's biggest employer and taxpayer.

                "We are not in a position to meet all of the obligations we took on in December," Ms Belyaeva said. "The choice is between cutting spending now in a controlled way, or borrowing at rates that will cut it for us next year."

                ## What is being cut

                According to the amended budget, published on the regional government's website, the main measures are:

                - a freeze on the 7 per cent pay rise promised to teachers, doctors and cultural workers from September, which will now be "reconsidered" in the next budget cycle;
                - the postponement, for at least two years, of a 220-bed regional hospital whose foundation stone was laid last autumn;
                - a 40 per cent cut in subsidies to regional bus routes, which local officials warn could end services to a dozen villages;
                - the suspension of grants to small businesses and farms under three regional support programmes.

                Spending on payments to families of men serving in the military, which has risen sharply over the past two years, is not affected. A regional spokesman said those payments were "a priority obligation that will be met in full".

                ## A single-company economy

                Economists say the region's difficulties reflect its dependence on a handful of export-oriented companies, whose earnings have been squeezed by sanctions, higher logistics costs and a strong rouble earlier in the year.

                The fertiliser combine, which employs about 11,000 people, told shareholders in its half-year report that it had been forced to sell through intermediaries at "significant discounts" and that it was reviewing its investment programme. The company did not respond to questions about its tax payments.

                "When one plant accounts for a fifth of the budget, a bad year at that plant is a bad year for every school and clinic in the region," said Dmitry Savin, an economist who studies regional finances and left Russia in 2023. "Verkhnekamsk is not unusual. It is simply earlier than the others."

                Figures from the federal treasury show that more than a third of Russia's regions ended the first half of the year in deficit, compared with fewer than a tenth two years ago.

                ## Reaction in the region

                The regional branch of a teachers' union said it had collected more than 4,000 signatures in two days on a petition against the pay freeze. Its chairwoman, Lyudmila Karpova, said many teachers in rural districts already held second jobs.

                In the village of Ust-Vetluga, at the end of one of the bus routes facing cuts, residents said the regional centre felt increasingly distant. "The bus is the hospital, the pension office and the market," said one pensioner. "If it goes, we stay here."

                The region's governor, who has not spoken publicly about the amended budget, is due to address the legislature next month.
                """),

        new(
            Headline: "The Almaty route: how European machine tools reached a sanctioned plant in the Urals",
            Standfirst: "Customs records, corporate filings and leaked correspondence show how a trading company with no staff helped a defence supplier acquire equipment its manufacturers say they never agreed to sell.",
            Dateline: "RIGA",
            Authors: ["Jonathan Hale", "Daria Lebedeva"],
            Tags: ["Investigations", "Economy"],
            HoursAgo: 50,
            Markdown: """
                Over eighteen months, at least 27 computer-controlled machine tools made in the European Union were shipped to Severny Precision Works, a defence supplier in the Urals placed under EU and US sanctions in 2023, through a trading company in Kazakhstan that appears to have existed mainly on paper.

                The shipments, worth an estimated €9.4 million, are recorded in customs data reviewed for this article, in corporate filings in three countries, and in a set of emails and invoices provided by a former employee of a Russian logistics firm. We verified the documents by comparing shipment numbers, dates and weights against the customs records.

                ## Following the paperwork

                The machine tools, precision lathes and five-axis milling centres of the kind used to produce components for artillery fuses and drone engines, were sold by European distributors to Kelvin Trade LLP, a company registered in Almaty in the spring of 2023.

                Export declarations describe the buyer as the end user. But within weeks of arriving in Kazakhstan, the same machines, identifiable by serial numbers in the invoices, were re-exported by road to a Russian company in Yekaterinburg, Uraltekhsnab, and from there delivered to Severny Precision Works.

                Kazakhstan's corporate register lists Kelvin Trade's address as a serviced office in a business centre in central Almaty. A receptionist there told a reporter that the company "has a mailbox, not an office". Its annual filing lists no employees.

                Its sole director, a 29-year-old Almaty resident, told a reporter by phone that he had been paid to register the company by "an acquaintance from Russia" and had "no idea" what it bought or sold. He ended the call when asked about the machine tools.

                ## The correspondence

                The leaked emails, dated between June 2023 and November 2024, show staff at Uraltekhsnab discussing each shipment with a procurement manager whose email signature identifies him as working for Severny Precision Works.

                In one message, the procurement manager asks for a lathe to be "re-labelled for Kazakhstan" before a European engineer arrives in Almaty to commission it. In another, an Uraltekhsnab employee warns colleagues not to mention the plant's name "in any document the Europeans might see".

                Uraltekhsnab and Severny Precision Works did not respond to detailed questions sent by email and post.

                ## What the manufacturers said

                Two of the three European manufacturers whose machines appear in the records said they had not been aware that their equipment had reached Russia.

                One, a family-owned company in northern Italy, said it had sold through an independent distributor and had "received an end-user certificate in good order". It said it had now suspended all deliveries to Central Asia pending an internal review. A second, in Germany, said it had opened an investigation and informed the relevant export control authority.

                The third manufacturer did not respond.

                Specialists in export controls say the case illustrates a weakness that regulators have acknowledged for some time: checks that rely on paperwork supplied by the buyer.

                "An end-user certificate is only as good as the company that signs it," said Ingrid Solberg, a former customs investigator who now advises companies on sanctions compliance. "If nobody ever goes to look at the machine, the certificate tells you very little."

                Trade researchers have documented a sharp rise since 2021 in European exports of industrial equipment to several Central Asian states, much of it out of proportion to those countries' own manufacturing needs.

                In the EU, sanctions are enforced by national authorities, which are responsible for investigating possible breaches. Ms Solberg said the documents in this case would give investigators "a very clear place to start".
                """),

    ];
}
