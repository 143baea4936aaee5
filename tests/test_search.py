"""Search: stems, US and UK spellings, aliases, typos, ranking, concepts, and where each hit matched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pmcompare
from pmcompare import Comparison, Concept, Difference, Registry, SearchHit
from pmcompare._spelling import PAIRS
from pmcompare.search import FIELDS

REGISTRY = pmcompare.registry()
COMPARISONS = list(REGISTRY)


def slugs(text: str) -> list[str]:
    return [c.slug for c in REGISTRY.search(text)]


def top(text: str) -> float:
    return REGISTRY.find(text)[0].score


class TestMeaning:
    @pytest.mark.parametrize(
        "text", ["prioritization", "prioritize features", "organization goals", "behavior change", "analyze data"]
    )
    def test_american_spelling_finds_british_data(self, text: str) -> None:
        """Words spelled the American way find the bundled data, which is British."""
        assert slugs(text)

    def test_prioritization_finds_a_prioritisation_framework(self) -> None:
        """prioritization ranks a comparison of prioritisation frameworks first."""
        assert {"wsjf", "rice", "ice", "moscow", "kano-model"} & set(slugs("prioritization")[0].split("-vs-"))

    def test_plural_meets_singular(self) -> None:
        """roadmaps finds the comparisons of a roadmap."""
        assert all("roadmap" in s for s in slugs("roadmaps")[:3])

    def test_sprints_meets_sprint(self) -> None:
        """sprints finds the Sprint concept first."""
        assert "sprint" == REGISTRY.find("sprints")[0].item.slug

    def test_hyphens_and_spaces_are_the_same(self) -> None:
        """go-to-market and go to market give the same results."""
        assert slugs("go-to-market") == slugs("go to market")

    def test_go_to_market_ranks_the_gtm_or_pmm_comparison_in_the_top_two(self) -> None:
        """go to market puts the go-to-market or the product marketing comparison in the top two."""
        wanted = {"go-to-market-strategy-vs-marketing-strategy", "product-manager-vs-product-marketing-manager"}
        assert wanted & set(slugs("go to market")[:2])

    @pytest.mark.parametrize(
        ("alias", "slug"),
        [("okrs", "okr"), ("pm", "product-manager"), ("jtbd", "jobs-to-be-done"), ("mvp", "mvp"), ("MVPs", "mvp")],
    )
    def test_acronyms_find_their_concepts(self, alias: str, slug: str) -> None:
        """An acronym or alias finds its concept first, and its comparisons."""
        hits = REGISTRY.find(alias)
        assert slug == hits[0].item.slug
        assert all(slug == c.left.slug for c in REGISTRY.search(alias)[:3])


    def test_a_short_form_that_is_the_slug_finds_its_concept(self) -> None:
        """A concept's slug is one of its names (no alias may repeat it), so the short form it spells finds it."""
        concept = Concept("Working Agreement Charter", "A team's written rules.", slug="wac")
        registry = Registry()
        registry.register(concept)
        assert [concept] == [hit.item for hit in registry.find("wac")]


class TestLimits:
    def test_a_search_of_too_many_words_is_refused(self) -> None:
        """More than MAX_QUERY_WORDS words is a ValueError that gives the limit, never a search of seconds."""
        from pmcompare.registry import MAX_QUERY_WORDS

        text = " ".join(["roadmap"] * (MAX_QUERY_WORDS + 1))
        for call in (REGISTRY.find, REGISTRY.search, REGISTRY.search_suggestions):
            with pytest.raises(ValueError, match=f"at most {MAX_QUERY_WORDS} words"):
                call(text)

    def test_a_search_of_the_most_words_runs(self) -> None:
        """MAX_QUERY_WORDS words are searched."""
        from pmcompare.registry import MAX_QUERY_WORDS

        assert REGISTRY.find(" ".join(["roadmap"] * MAX_QUERY_WORDS))


class TestRanking:
    def test_stakeholder_ranks_role_comparisons_near_the_top(self) -> None:
        """stakeholder puts comparisons of roles (managers, owners, analysts) in the top three."""
        roles = ("manager", "owner", "analyst", "master")
        assert all(any(r in s for r in roles) for s in slugs("stakeholder")[:3])

    def test_a_comparison_about_the_query_ranks_above_a_passing_mention(self) -> None:
        """A comparison whose concept is named ranks above one that mentions it in a statement."""
        found = slugs("product backlog")
        assert "product-backlog" in found[0]

    def test_ties_are_in_slug_order(self) -> None:
        """Results of equal score come in slug order."""
        hits = REGISTRY.find("okr")
        ties = [h.item.slug for h in hits if h.score == hits[1].score and isinstance(h.item, Comparison)]
        assert sorted(ties) == ties

    def test_scores_fall(self) -> None:
        """Results come best first."""
        scores = [h.score for h in REGISTRY.find("customer research")]
        assert sorted(scores, reverse=True) == scores

    def test_limit(self) -> None:
        """limit keeps the best so many."""
        assert REGISTRY.find("product")[:3] == REGISTRY.find("product", limit=3)


class TestTypos:
    @pytest.mark.parametrize(("typo", "word"), [("prioritzation", "prioritisation"), ("retrospctive", "retrospective")])
    def test_a_typo_finds_matches(self, typo: str, word: str) -> None:
        """A word with a letter wrong still finds what the right word finds."""
        assert slugs(typo)
        assert set(slugs(typo)) <= set(slugs(word)) | set(slugs(typo))

    @pytest.mark.parametrize(("typo", "word"), [("prioritzation", "prioritisation"), ("retrospctive", "retrospective")])
    def test_a_typo_ranks_below_the_exact_word(self, typo: str, word: str) -> None:
        """A match through a typo scores below the same match spelled right."""
        assert top(typo) < top(word)


class TestConcepts:
    def test_scrum_master_returns_the_concept_then_its_comparisons(self) -> None:
        """scrum master finds the concept, then the comparisons involving it, with it on the left."""
        hits = REGISTRY.find("scrum master")
        assert isinstance(hits[0].item, Concept)
        assert "scrum-master" == hits[0].item.slug
        involving = REGISTRY.comparisons_of("scrum master")
        assert involving == REGISTRY.search("scrum master")[: len(involving)]

    def test_search_returns_comparisons_only(self) -> None:
        """Registry.search keeps its promise of comparisons only."""
        assert all(isinstance(c, Comparison) for c in REGISTRY.search("scrum master"))


class TestWhyItMatched:
    def test_hit_says_the_field_and_marks_the_words(self) -> None:
        """A hit names the field it matched in, and its spans cover the matched words."""
        hit = REGISTRY.find("behaviour change")[0]
        assert hit.field in FIELDS
        assert {"behaviour", "change"} == {hit.snippet[a:b].casefold() for a, b in hit.spans}

    def test_snippet_is_short(self) -> None:
        """A snippet is a short passage, not a whole field."""
        assert all(len(h.snippet) <= 100 for h in REGISTRY.find("customer"))

    def test_hit_is_frozen(self) -> None:
        """A SearchHit is a frozen value."""
        hit = REGISTRY.find("okr")[0]
        assert isinstance(hit, SearchHit)
        with pytest.raises(AttributeError):
            hit.score = 0  # type: ignore[misc]


class TestIndex:
    def test_registering_is_seen_by_the_next_search(self) -> None:
        """A comparison registered after a search is found by the next one."""
        registry = Registry()
        alpha = Concept("Alpha", "First.")
        registry.register(Comparison(alpha, Concept("Beta", "Second."), [Difference("X", "a", "b")]))
        assert 1 == len(registry.search("alpha"))
        registry.register(Comparison(alpha, Concept("Gamma", "Third."), [Difference("X", "a", "c")]))
        assert 2 == len(registry.search("alpha"))

    def test_a_copy_searches_its_own_comparisons(self) -> None:
        """A copy changed after a search finds what it holds, and the original does not."""
        copy = REGISTRY.copy()
        copy.register(Comparison(Concept("Zyx", "Z."), Concept("Wvu", "W."), [Difference("X", "a", "b")]))
        assert (1, 0) == (len(copy.search("zyx")), len(REGISTRY.search("zyx")))


class TestMisses:
    def test_unknown_name_suggests_what_search_finds(self) -> None:
        """An unknown name suggests the concepts search finds for it."""
        with pytest.raises(pmcompare.UnknownConceptError) as caught:
            REGISTRY.get("retrospctive", "okr")
        assert "sprint retrospective" in caught.value.suggestions

    def test_unknown_pair_lists_comparisons_that_mention_both(self) -> None:
        """Two known concepts with no comparison suggest the comparisons search finds for both."""
        registry = Registry()
        names = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
        alpha, beta, gamma, delta, epsilon = (Concept(n, f"{n}.") for n in names)
        registry.register(Comparison(alpha, beta, [Difference("X", "a", "b")]))
        registry.register(Comparison(gamma, delta, [Difference("X", "a", "b")]))
        registry.register(Comparison(beta, epsilon, [Difference("Y", "Works with Alpha.", "Works with Delta.")]))
        with pytest.raises(pmcompare.UnknownComparisonError) as caught:
            registry.get("alpha", "delta")
        assert ("Alpha vs Beta", "Delta vs Gamma", "Beta vs Epsilon") == caught.value.suggestions


class TestProperties:
    @given(st.sampled_from(COMPARISONS), st.data())
    def test_a_word_of_a_concept_name_finds_its_comparison(self, comparison: Comparison, data: st.DataObject) -> None:
        """A query made of any word of a comparison's concept name finds that comparison."""
        words = (comparison.left.name + " " + comparison.right.name).replace("-", " ").split()
        word = data.draw(st.sampled_from(words))
        pair = {comparison.left.slug, comparison.right.slug}
        assert pair in [{c.left.slug, c.right.slug} for c in REGISTRY.search(word)]

    @given(st.sampled_from(["okr", "prioritisation", "roadmap", "customer", "sprint review", "stakeholder"]))
    def test_adding_an_unrelated_comparison_removes_no_hit(self, text: str) -> None:
        """A comparison that shares no word with the query takes no hit away."""
        more = REGISTRY.copy()
        more.register(
            Comparison(Concept("Qwzx", "Vbnm."), Concept("Plkj", "Hgfd."), [Difference("Zxcv", "Mnbv.", "Lkjh.")])
        )
        assert set(slugs(text)) <= {c.slug for c in more.search(text)}

    @pytest.mark.parametrize(("british", "american"), PAIRS)
    def test_us_and_uk_spellings_give_the_same_results(self, british: str, american: str) -> None:
        """Every British and American pair in the spelling table gives the same results."""
        assert REGISTRY.find(british) == REGISTRY.find(american)
