namespace Masthead.SeedCorpus;

/// <summary>
/// The words one language's articles are made of: a common vocabulary every article of the language draws on, and
/// rare words, each of which goes into about one article in a thousand of that language, so search has both kinds
/// to be measured on.
/// </summary>
internal sealed record CorpusLanguage(
    string Edition, string[] Words, string[] RareWords, string[] Sources, string[] Datelines, string Said, string AccordingTo, string As, string WeReported, string Earlier)
{
    public static readonly CorpusLanguage English = new(
    "en",
    [
        "the", "of", "and", "to", "in", "a", "that", "for", "on", "was", "with", "said", "by", "at", "from", "has", "were", "his", "her", "their",
        "government", "ministry", "court", "official", "officials", "region", "regional", "city", "council", "parliament", "deputy", "governor",
        "prosecutor", "investigation", "report", "documents", "contract", "contracts", "budget", "million", "company", "companies", "residents",
        "workers", "families", "election", "vote", "candidates", "police", "protest", "protesters", "journalists", "newspaper", "broadcaster",
        "border", "river", "factory", "hospital", "school", "teachers", "doctors", "pensions", "prices", "energy", "gas", "pipeline", "grain",
        "harvest", "winter", "spring", "summer", "autumn", "week", "month", "year", "last", "next", "first", "second", "three", "several", "dozens",
        "hundreds", "thousands", "according", "records", "seen", "reviewed", "obtained", "confirmed", "denied", "declined", "comment", "asked",
        "anonymity", "because", "while", "after", "before", "during", "since", "although", "however", "despite", "without", "within", "across",
        "local", "federal", "state", "public", "private", "former", "new", "small", "large", "quiet", "sudden", "official", "unofficial", "closed",
        "open", "agreed", "signed", "cancelled", "postponed", "announced", "published", "arrested", "released", "fined", "charged", "appealed",
        "decision", "ruling", "law", "amendment", "bill", "committee", "hearing", "session", "statement", "letter", "interview", "spokesman",
        "spokeswoman", "analysts", "experts", "lawyer", "lawyers", "judge", "villages", "district", "capital", "roads", "bridge", "railway",
        "water", "heating", "supply", "shortages", "queues", "salaries", "debts", "loans", "bank", "banks", "sanctions", "exports", "imports",
    ],
    [
        "ombudsman", "archipelago", "beekeepers", "lighthouse", "cartographer", "vineyard", "glacier", "observatory", "shipwreck", "falconry",
        "taxidermist", "monastery", "saxophonist", "orchard", "wolfhound", "quarantine", "carousel", "harpsichord", "meteorite", "tapestry",
    ],
    ["a spokesman for the ministry", "a local councillor", "one of the residents", "a lawyer for the family", "an official in the governor's office"],
    ["RIGA", "TBILISI", "YEREVAN", "VILNIUS", "ALMATY", "CHISINAU", "WARSAW", "BERLIN", "KYIV", "TALLINN"],
    "said", "according to", "as", "we reported", "earlier");

    public static readonly CorpusLanguage Russian = new(
    "ru",
    [
        "и", "в", "не", "на", "что", "с", "по", "как", "из", "за", "для", "от", "о", "его", "её", "их", "это", "также", "уже", "ещё",
        "правительство", "правительства", "министерство", "министерства", "суд", "суда", "судом", "чиновник", "чиновники", "чиновников",
        "область", "области", "город", "города", "городе", "совет", "совета", "депутат", "депутаты", "депутатов", "губернатор", "губернатора",
        "прокурор", "прокуратура", "расследование", "расследования", "доклад", "документы", "документов", "контракт", "контракты", "бюджет",
        "бюджета", "миллионов", "компания", "компании", "компаний", "жители", "жителей", "рабочие", "семьи", "семей", "выборы", "выборов",
        "голосование", "кандидаты", "полиция", "полиции", "протест", "протесты", "журналисты", "журналистов", "газета", "газеты", "граница",
        "границы", "река", "реки", "завод", "завода", "больница", "больницы", "школа", "школы", "учителя", "врачи", "пенсии", "пенсий", "цены",
        "цен", "энергия", "газ", "газа", "трубопровод", "зерно", "урожай", "зимой", "весной", "летом", "осенью", "неделе", "месяц", "году",
        "прошлом", "следующем", "первый", "второй", "три", "несколько", "десятки", "сотни", "тысячи", "данным", "записи", "подтвердил",
        "отрицал", "отказался", "комментировать", "просил", "потому", "пока", "после", "перед", "во", "время", "хотя", "однако", "несмотря",
        "местные", "федеральные", "государственный", "частный", "бывший", "новый", "новые", "небольшой", "крупный", "закрыт", "открыт",
        "согласовали", "подписали", "отменили", "отложили", "объявили", "опубликовали", "задержали", "освободили", "оштрафовали", "обжаловали",
        "решение", "решения", "закон", "закона", "поправки", "законопроект", "комитет", "слушания", "заседание", "заявление", "письмо",
        "интервью", "представитель", "аналитики", "эксперты", "адвокат", "адвокаты", "судья", "деревни", "района", "столице", "дороги", "мост",
        "железная", "дорога", "вода", "отопление", "поставки", "нехватка", "очереди", "зарплаты", "долги", "кредиты", "банк", "банки", "банков",
        "санкции", "санкций", "санкциями", "экспорт", "импорт",
    ],
    [
        "омбудсмен", "архипелаг", "пасечники", "маяк", "картограф", "виноградник", "ледник", "обсерватория", "кораблекрушение", "соколиная",
        "таксидермист", "монастырь", "саксофонист", "фруктовый", "волкодав", "карантин", "карусель", "клавесин", "метеорит", "гобелен",
    ],
    ["представитель министерства", "местный депутат", "один из жителей", "адвокат семьи", "чиновник из администрации губернатора"],
    ["РИГА", "ТБИЛИСИ", "ЕРЕВАН", "ВИЛЬНЮС", "АЛМАТЫ", "КИШИНЁВ", "ВАРШАВА", "БЕРЛИН", "КИЕВ", "ТАЛЛИН"],
    "сказал", "по данным", "как", "мы писали", "ранее");
}
