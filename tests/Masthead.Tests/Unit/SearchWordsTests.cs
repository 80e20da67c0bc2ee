using System.Globalization;
using Masthead.Search;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Unit;

public sealed class SearchWordsTests
{
    [Theory]
    [InlineData("sanction", "sanctions")]
    [InlineData("sanction", "Sanctioned")]
    [InlineData("Ukraine", "Ukraine's")]
    [InlineData("cafe", "café")]
    [InlineData("санкции", "санкций")]
    [InlineData("санкции", "санкциями")]
    [InlineData("ёлка", "елки")]
    [InlineData("كتاب", "والكتاب")]
    [InlineData("كتاب", "الكتاب")]
    [InlineData("كتاب", "كِتَاب")]
    [InlineData("2026", "٢٠٢٦")]
    public void A_word_and_its_other_form_are_one_term(string word, string otherForm)
    {
        var term = Assert.Single(SearchWords.Terms(word));
        Assert.Equal(term, Assert.Single(SearchWords.Terms(otherForm)));
    }

    [Theory]
    [InlineData("sanction", "sanctuary")]
    [InlineData("санкции", "санаторий")]
    public void Different_words_stay_apart(string word, string other) =>
        Assert.NotEqual(SearchWords.Terms(word), SearchWords.Terms(other));

    [Fact]
    public void Each_word_is_stemmed_by_its_own_script_in_a_mixed_text()
    {
        Assert.Equal([.. SearchWords.Terms("sanctions"), .. SearchWords.Terms("санкциями"), .. SearchWords.Terms("الكتاب")],
            SearchWords.Terms("Sanctions, санкциями; الكتاب."));
    }

    [Fact]
    public void Stop_words_are_left_out_in_english_and_russian()
    {
        Assert.Empty(SearchWords.Terms("The and of it"));
        Assert.Empty(SearchWords.Terms("и в не на"));
        Assert.Equal(SearchWords.Terms("council"), SearchWords.Terms("the council"));
    }

    [Fact]
    public void Search_syntax_is_only_spaces_and_every_term_is_letters_and_digits()
    {
        var terms = SearchWords.Terms("\"*():^- NEAR(a b) AND OR col:umn x\u0301y 😀 ǅemal");
        Assert.NotEmpty(terms);
        Assert.All(terms, t => Assert.True(t.EnumerateRunes().All(System.Text.Rune.IsLetterOrDigit) && t.All(c => c < 128 || !char.IsDigit(c)), t));
    }

    [Fact]
    public void A_long_query_is_cut_and_many_words_are_capped_and_both_are_said()
    {
        var query = SearchQuery.Read(new string('a', 10_000));
        Assert.True(query.Shortened);
        Assert.Equal(SearchQuery.MaxLength, query.Text.Length);

        var many = SearchQuery.Read(string.Join(' ', Enumerable.Range(0, 20).Select(i => $"word{i}")));
        Assert.Equal(SearchQuery.MaxTerms, many.Terms.Count);
        Assert.True(many.TooManyWords);
        var text = new StringLocalizer<SearchText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal([$"Only the first {SearchQuery.MaxTerms} words were searched."], many.Notes(text));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
            Assert.Equal([$"Поиск шёл только по первым {SearchQuery.MaxTerms} словам."], many.Notes(text));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_query_of_only_stop_words_says_so()
    {
        var query = SearchQuery.Read("the of and");
        Assert.Empty(query.Terms);
        Assert.True(query.OnlyCommonWords);
    }

    [Fact]
    public void A_snippet_marks_the_other_forms_of_the_words_searched_and_encodes_the_rest()
    {
        var text = "Opening words. " + string.Join(' ', Enumerable.Repeat("filler", 60)) + " The <script> sanctions & more. " + string.Join(' ', Enumerable.Repeat("tail", 60));

        var snippet = SearchSnippets.Of(text, SearchQuery.Read("sanction").Terms);

        Assert.Contains("<mark>sanctions</mark>", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.DoesNotContain("<script>", snippet);
        Assert.StartsWith("… ", snippet);
        Assert.EndsWith(" …", snippet);
        Assert.InRange(snippet.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w is "filler" or "tail"), 20, SearchSnippets.Width);
    }

    [Fact]
    public void A_snippet_of_a_cyrillic_text_keeps_its_letters_as_they_are()
    {
        var snippet = SearchSnippets.Of("Новые санкций против компаний.", SearchQuery.Read("санкции").Terms);
        Assert.Equal("Новые <mark>санкций</mark> против компаний.", snippet);
    }
}
