"""The Registry: registering, looking up in either order, suggestions and search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pmcompare
from pmcompare import (
    Comparison,
    Concept,
    ConflictError,
    Difference,
    Registry,
    UnknownComparisonError,
    UnknownConceptError,
)
from pmcompare.registry import split_pair
from strategies import comparisons

STRATEGY = Concept("Product Strategy", "The plan for a product.", aliases=["Strategy Plan"])
MANAGEMENT = Concept("Product Management", "The work of running a product.", aliases=["Product Mgmt"])
VISION = Concept("Product Vision", "Where the product is going in the long run.")
OKR = Concept("OKR", "Objectives with measurable key results.", aliases=["OKRs", "Objectives and Key Results"])
KPI = Concept("KPI", "A number that tracks performance.", aliases=["Key Performance Indicator"])


def compare(left: Concept, right: Concept, *aspects: str) -> Comparison:
    rows = [Difference(a, f"{left.name} on {a}.", f"{right.name} on {a}.") for a in aspects or ("Purpose",)]
    return Comparison(left, right, rows, summary=f"{left.name} differs from {right.name}.")


@pytest.fixture
def registry() -> Registry:
    reg = Registry()
    reg.register(compare(STRATEGY, MANAGEMENT, "Core question", "Time horizon"))
    reg.register(compare(VISION, STRATEGY, "Time horizon"))
    reg.register(compare(OKR, KPI, "Purpose"))
    return reg


class TestGet:
    def test_stored_order(self, registry: Registry) -> None:
        """get(a, b) in the stored order returns the stored comparison."""
        assert compare(STRATEGY, MANAGEMENT, "Core question", "Time horizon") == registry.get(
            "product strategy", "product management"
        )

    def test_other_order_is_swapped(self, registry: Registry) -> None:
        """get(b, a) returns the comparison oriented as asked."""
        found = registry.get("product management", "product strategy")
        assert (MANAGEMENT, STRATEGY) == (found.left, found.right)
        assert registry.get("product strategy", "product management").swapped() == found

    @pytest.mark.parametrize(
        "name",
        ["Product Strategy", "product strategy", "PRODUCT-STRATEGY", "product_strategy", "  product   strategy ",
         "product-strategy", "strategy plan", "Strategy_Plan"],
    )
    def test_names_slugs_and_aliases_match_loosely(self, registry: Registry, name: str) -> None:
        """Case, surrounding space and space/hyphen/underscore runs are ignored."""
        assert STRATEGY == registry.get(name, "product mgmt").left

    def test_one_argument_with_vs(self, registry: Registry) -> None:
        """A single 'a vs b' string is split on vs, versus, vs. or a pipe."""
        expected = registry.get("okr", "kpi")
        for text in ("okr vs kpi", "OKR versus KPI", "okrs VS. key performance indicator", "okr | kpi"):
            assert expected == registry.get(text)

    def test_one_argument_without_vs_is_a_clear_error(self, registry: Registry) -> None:
        """A single name with no 'vs' says what shape is expected."""
        with pytest.raises(ValueError, match="expected two or more names"):
            registry.get("okr")

    def test_unknown_name_suggests_the_nearest(self, registry: Registry) -> None:
        """A typo fails with UnknownConceptError naming it and suggesting the right name."""
        with pytest.raises(UnknownConceptError) as caught:
            registry.get("prodcut strategy", "product management")
        assert "prodcut strategy" == caught.value.name
        assert "product strategy" == caught.value.suggestions[0]
        assert "no concept named 'prodcut strategy'; did you mean 'product strategy'" in str(caught.value)
        assert isinstance(caught.value, LookupError)

    def test_part_of_a_name_is_suggested(self, registry: Registry) -> None:
        """A word of a concept's name brings that concept up as a suggestion."""
        with pytest.raises(UnknownConceptError) as caught:
            registry.get("vision", "okr")
        assert "product vision" in caught.value.suggestions

    def test_unknown_pair_lists_what_each_is_compared_with(self, registry: Registry) -> None:
        """Two known concepts with no comparison name the comparisons they do have."""
        with pytest.raises(UnknownComparisonError) as caught:
            registry.get("okr", "product vision")
        assert isinstance(caught.value, LookupError)
        assert ("OKR vs KPI", "Product Vision vs Product Strategy") == caught.value.suggestions
        assert "no comparison of 'OKR' with 'Product Vision'" in str(caught.value)

    def test_non_string_name_is_a_type_error(self, registry: Registry) -> None:
        """Names must be strings."""
        with pytest.raises(TypeError, match="must be a string"):
            registry.get(1, "okr")  # type: ignore[arg-type]


class TestRepeatedLookups:
    """Asked again, in any order or spelling, get() gives an equal answer."""

    def test_asked_again_the_same_object_either_way_round(self, registry: Registry) -> None:
        """A pair asked again, in either order or any spelling, gives what it gave the first time."""
        pairs = [("okr", "kpi"), ("KPI", "OKRs"), ("product strategy", "product mgmt"),
                 ("product strategy", "product vision")]
        first = {(a, b): registry.get(a, b) for a, b in pairs}
        for _ in range(3):
            for (a, b), found in first.items():
                assert registry.get(a, b) == found
                assert registry.get(b, a) == found.swapped()
                assert registry.get(a.upper() + " ", b) == found
        assert registry.get("okr", "kpi") == registry.get("kpi", "okr").swapped()

    def test_one_string_asked_again(self, registry: Registry) -> None:
        """'a vs b' asked twice gives the same answer, and the same as the two names apart."""
        found = registry.get("okr vs kpi")
        assert registry.get("okr vs kpi") == found
        assert registry.get("okr vs kpi", None) == found
        assert registry.get("okr", "kpi") == found

    def test_a_failure_is_not_kept(self, registry: Registry) -> None:
        """An unknown name or pair, registered afterwards, is then found in either order."""
        with pytest.raises(UnknownConceptError):
            registry.get("product vision", "north star metric")
        with pytest.raises(UnknownComparisonError):
            registry.get("okr", "product vision")
        star = Concept("North Star Metric", "The one number that sums up value.")
        registry.register(compare(VISION, star))
        registry.register(compare(OKR, VISION))
        assert (VISION, star) == (registry.get("product vision", "north star metric").left, star)
        assert star == registry.get("north-star-metric", "Product Vision").left
        assert OKR == registry.get("okr", "product vision").left
        assert VISION == registry.get("product vision", "okr").left

    def test_answers_stay_right_as_the_registry_grows(self, registry: Registry, tmp_path: Path) -> None:
        """Registering a concept, a comparison or a pack after lookups changes no answer."""
        pairs = [("okr", "kpi"), ("kpi", "okr"), ("strategy plan", "product mgmt")]
        before = {(a, b): registry.get(a, b) for a, b in pairs}
        registry.register(Concept("Roadmap", "A plan of what comes when."))
        registry.register(compare(OKR, VISION))
        pack = {
            "concepts": [{"name": "North Star Metric", "definition": "The one number that sums up value."}],
            "comparisons": [{
                "left": "north-star-metric", "right": "okr", "summary": "One number against a set of goals.",
                "differences": [{"aspect": "Count", "left": "There is one.", "right": "There are several."}],
            }],
        }
        (tmp_path / "pack.json").write_text(json.dumps(pack), encoding="utf-8")
        registry.load(tmp_path / "pack.json")
        for (a, b), found in before.items():
            assert registry.get(a, b) == found
            assert registry.get(b, a) == found.swapped()
        assert OKR == registry.get("okr", "north star metric").left
        assert OKR == registry.get("okr", "product vision").left

    def test_a_copy_answers_from_its_own_tables(self, registry: Registry) -> None:
        """What one registry answered is not an answer in its copy, nor the other way round."""
        registry.get("okr", "kpi")
        copy = registry.copy()
        copy.register(compare(OKR, VISION))
        assert OKR == copy.get("okr", "product vision").left
        assert KPI == copy.get("kpi", "okr").left
        with pytest.raises(UnknownComparisonError):
            registry.get("okr", "product vision")

    def test_names_that_are_not_strings_are_still_type_errors(self, registry: Registry) -> None:
        """After lookups, a name of another type is still refused, hashable or not."""
        registry.get("okr", "kpi")
        for a, b in [(1, "kpi"), ("okr", 2), (["okr"], "kpi"), ("okr", ["kpi"])]:
            with pytest.raises(TypeError, match="must be a string"):
                registry.get(a, b)  # type: ignore[arg-type]

    def test_a_str_subclass_is_answered_like_the_string(self, registry: Registry) -> None:
        """A name given as a str subclass finds what the plain string finds."""

        class Name(str):
            pass

        assert registry.get(Name("OKR"), Name("kpi")) == registry.get("okr", "kpi")
        assert registry.get("okr", "kpi") == registry.get(Name("OKR"), Name("kpi"))

    def test_many_spellings_are_answered_alike(self, registry: Registry) -> None:
        """Ever new spellings of the same pair are all answered right."""
        expected = registry.get("okr", "kpi")
        for i in range(200):
            spelling = " " * (i % 40) + "okr" + " " * (i // 40)
            assert registry.get(spelling, "kpi") == expected

    def test_lookups_in_threads_while_registering(self, registry: Registry) -> None:
        """Threads asking while another registers all get the right answers."""
        import threading

        expected = {("okr", "kpi"): registry.get("okr", "kpi"), ("kpi", "okr"): registry.get("kpi", "okr")}
        wrong: list[tuple[str, str]] = []

        def ask() -> None:
            for i in range(2000):
                a, b = ("okr", "kpi") if i % 2 else ("kpi", "okr")
                if registry.get(a, b) != expected[(a, b)]:
                    wrong.append((a, b))

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for i in range(50):
            registry.register(compare(OKR, Concept(f"Metric {i}", "A number.", slug=f"metric-{i}")))
        for thread in threads:
            thread.join()
        assert [] == wrong
        assert 53 == len(registry)
        assert "metric-7" == registry.get("okr", "Metric 7").right.slug


class TestRegister:
    def test_second_comparison_of_a_pair_is_refused_in_either_order(self, registry: Registry) -> None:
        """A pair is stored once; registering it again, either way round, names both."""
        with pytest.raises(ConflictError, match="'Product Management vs Product Strategy' is already registered"):
            registry.register(compare(MANAGEMENT, STRATEGY))

    def test_alias_of_another_concept_is_refused(self, registry: Registry) -> None:
        """A concept may not take a name that belongs to another, and the error names both."""
        thief = Concept("Key Results", "x.", aliases=["OKRs"])
        with pytest.raises(ConflictError, match="'OKRs' of concept 'key-results' already belongs to concept 'okr'"):
            registry.register(thief)

    def test_same_slug_different_content_is_refused(self, registry: Registry) -> None:
        """A concept cannot be redefined under the same slug."""
        with pytest.raises(ConflictError, match="already registered with different content"):
            registry.register(Concept("OKR", "Something else entirely."))

    def test_equal_concept_again_is_accepted(self, registry: Registry) -> None:
        """Registering an equal concept again changes nothing."""
        before = registry.concepts()
        registry.register(Concept("OKR", "Objectives with measurable key results.",
                                  aliases=["OKRs", "Objectives and Key Results"]))
        assert before == registry.concepts()

    def test_only_concepts_comparisons_and_lineups(self, registry: Registry) -> None:
        """Anything else is a TypeError."""
        with pytest.raises(TypeError, match="takes a Concept, a Comparison or a Lineup"):
            registry.register("okr")  # type: ignore[arg-type]

    def test_failed_register_changes_nothing(self, registry: Registry) -> None:
        """A refused comparison leaves no new concept behind."""
        before = registry.concepts()
        with pytest.raises(ConflictError):
            registry.register(compare(Concept("Brand New", "x."), Concept("Key Results", "y.", aliases=["okrs"])))
        assert before == registry.concepts()


class TestQueries:
    def test_len_counts_comparisons(self, registry: Registry) -> None:
        """len() is the number of comparisons."""
        assert 3 == len(registry)

    def test_iteration_is_ordered_by_slug(self, registry: Registry) -> None:
        """Iteration gives the stored comparisons ordered by slug."""
        assert ["okr-vs-kpi", "product-strategy-vs-product-management", "product-vision-vs-product-strategy"] == [
            c.slug for c in registry
        ]

    def test_contains_a_pair_in_either_order(self, registry: Registry) -> None:
        """(a, b) in registry is true in either order and false for unknown names."""
        assert ("KPI", "okrs") in registry
        assert ("okr", "product-strategy") not in registry
        assert ("nope", "okr") not in registry
        assert "okr" not in registry

    def test_contains_a_comparison(self, registry: Registry) -> None:
        """A comparison is in the registry in either orientation."""
        found = registry.get("okr", "kpi")
        assert found in registry
        assert found.swapped() in registry

    def test_concept_lookup(self, registry: Registry) -> None:
        """concept() finds by name, slug or alias."""
        assert OKR == registry.concept("objectives-and-key-results")

    def test_concepts_are_ordered_by_slug(self, registry: Registry) -> None:
        """concepts() lists every concept by slug."""
        assert ["kpi", "okr", "product-management", "product-strategy", "product-vision"] == [
            c.slug for c in registry.concepts()
        ]

    def test_comparisons_of_put_the_concept_on_the_left(self, registry: Registry) -> None:
        """comparisons_of(x) gives every comparison of x, x on the left, by the other's slug."""
        found = registry.comparisons_of("product strategy")
        assert [("product-strategy", "product-management"), ("product-strategy", "product-vision")] == [
            (c.left.slug, c.right.slug) for c in found
        ]

    def test_copy_is_independent(self, registry: Registry) -> None:
        """A copy can be changed without changing the original."""
        copy = registry.copy()
        copy.register(compare(OKR, VISION))
        assert (4, 3) == (len(copy), len(registry))

    def test_repr(self, registry: Registry) -> None:
        """repr() counts comparisons and concepts."""
        assert "<Registry: 3 comparisons, 5 concepts>" == repr(registry)


class TestSearch:
    def test_exact_name_ranks_first_and_is_put_on_the_left(self, registry: Registry) -> None:
        """Searching a concept's name lists its comparisons first, that concept on the left."""
        found = registry.search("Product Strategy")
        assert ["product-strategy-vs-product-management", "product-strategy-vs-product-vision"] == [
            c.slug for c in found
        ]

    def test_alias_finds(self, registry: Registry) -> None:
        """An alias finds its concept's comparisons."""
        assert ["okr-vs-kpi"] == [c.slug for c in registry.search("okrs")]

    def test_every_word_must_match(self, registry: Registry) -> None:
        """All words must appear somewhere in the comparison."""
        assert [] == [c.slug for c in registry.search("okr vision")]

    def test_aspects_and_statements_are_searched(self, registry: Registry) -> None:
        """Aspects and statements find comparisons too, names ranking above them."""
        assert ["product-strategy-vs-product-management", "product-vision-vs-product-strategy"] == [
            c.slug for c in registry.search("time horizon")
        ]

    def test_definition_is_searched(self, registry: Registry) -> None:
        """Definitions are searched."""
        assert ["okr-vs-kpi"] == [c.slug for c in registry.search("measurable")]

    def test_blank_finds_nothing(self, registry: Registry) -> None:
        """An empty query returns nothing rather than everything."""
        assert () == registry.search("  ")


class TestSplitPair:
    @pytest.mark.parametrize("text", ["a vs b", "a vs. b", "a VERSUS b", "a | b", "a|b", " a  vs  b "])
    def test_forms(self, text: str) -> None:
        """'vs', 'vs.', 'versus' and a pipe all separate the two names."""
        assert ("a", "b") == split_pair(text)


def _variants(name: str) -> st.SearchStrategy[str]:
    """The same name with case, surrounding space and separators changed."""
    words = name.split("-")
    return st.builds(
        lambda seps, upper, pad: pad + "".join(
            (w.upper() if u else w) + s for w, u, s in zip(words, upper, [*seps, ""], strict=False)
        ) + pad,
        st.lists(st.sampled_from([" ", "-", "_", "  ", " - "]), min_size=len(words) - 1, max_size=len(words) - 1),
        st.lists(st.booleans(), min_size=len(words), max_size=len(words)),
        st.sampled_from(["", " ", "\t"]),
    )


class TestProperties:
    @given(st.data())
    def test_get_either_way_round_is_swapped_for_every_bundled_pair(self, data: st.DataObject) -> None:
        """get(a, b) == get(b, a).swapped() for every pair in the default registry."""
        reg = pmcompare.registry()
        comparison = data.draw(st.sampled_from(list(reg)))
        a, b = comparison.left.name, comparison.right.name
        assert reg.get(a, b) == reg.get(b, a).swapped()

    @given(comparisons())
    def test_get_either_way_round_is_swapped(self, comparison: Comparison) -> None:
        """For any registered comparison, the two orders are each other's swap."""
        reg = Registry()
        reg.register(comparison)
        a, b = comparison.left.slug, comparison.right.slug
        assert comparison == reg.get(a, b)
        assert reg.get(a, b) == reg.get(b, a).swapped()

    @given(st.data())
    def test_matching_ignores_case_space_and_hyphen_variants(self, data: st.DataObject) -> None:
        """Any case/space/hyphen/underscore variant of a slug finds the same concept."""
        reg = pmcompare.registry()
        concept = data.draw(st.sampled_from(reg.concepts()))
        variant = data.draw(_variants(concept.slug))
        assert concept == reg.concept(variant)


class TestNameCollisions:
    def test_two_concepts_of_one_comparison_may_not_share_a_name(self) -> None:
        """A comparison whose two concepts answer to one name is refused."""
        a = Concept("Alpha", "x.", slug="beta")
        b = Concept("Beta", "y.", slug="gamma")
        with pytest.raises(ValueError, match="share the name 'beta'"):
            compare(a, b)


class TestHardening:
    def test_long_runs_of_spaces_split_in_linear_time(self) -> None:
        """A name of 60,000 spaces is refused at once, with a clear message, not after seconds of matching."""
        import time

        start = time.perf_counter()
        with pytest.raises(ValueError, match="at most 200 characters each, found a text of 60,002 characters"):
            split_pair("a" + " " * 60000 + "b")
        assert time.perf_counter() - start < 0.5

    def test_runs_of_spaces_within_the_limit(self) -> None:
        """Runs of spaces around 'vs' are fine, and a run without 'vs' is the usual error."""
        assert ("a", "b") == split_pair("a" + " " * 150 + "vs" + " " * 150 + "b")
        with pytest.raises(ValueError, match="expected two names"):
            split_pair("a" + " " * 300 + "b")

    def test_a_name_over_the_limit_says_so(self, registry: Registry) -> None:
        """A name over the limit is refused with the limit in the message, quoted short."""
        with pytest.raises(UnknownConceptError, match="a name has at most 200 characters, and this one has 250"):
            registry.get("x" * 250, "okr")

    @pytest.mark.parametrize("bad", [None, 3, ["a"]])
    def test_suggest_checks_its_argument(self, registry: Registry, bad: object) -> None:
        """suggest() refuses what is not a string as clearly as get() does."""
        with pytest.raises(TypeError, match="must be a string"):
            registry.suggest(bad)  # type: ignore[arg-type]

    def test_a_name_over_the_limit_is_unknown(self, registry: Registry) -> None:
        """A name longer than any concept's is not found, and no suggestion is searched for."""
        with pytest.raises(UnknownConceptError) as caught:
            registry.get("okr" * 1000, "kpi")
        assert () == caught.value.suggestions

    @pytest.mark.parametrize("args", [(None,), (3,), (["a"],), ("okr", 3), (3, "okr")])
    def test_names_that_are_not_strings_are_type_errors(self, registry: Registry, args: tuple[object, ...]) -> None:
        """get() with anything but strings is a TypeError saying so."""
        with pytest.raises(TypeError, match="must be a string"):
            registry.get(*args)  # type: ignore[arg-type]

    def test_search_for_none_is_a_type_error(self, registry: Registry) -> None:
        """search() of anything but a string is a TypeError saying so."""
        with pytest.raises(TypeError, match="the text to search for must be a string, not NoneType"):
            registry.search(None)  # type: ignore[arg-type]

    def test_readers_and_writers_together(self, registry: Registry) -> None:
        """search, get, iteration, concepts and comparisons_of run safely while another thread registers."""
        import threading

        errors: list[BaseException] = []
        done = threading.Event()

        def read() -> None:
            try:
                while not done.is_set():
                    registry.search("metric")
                    assert OKR == registry.get("okr", "kpi").left
                    list(registry)
                    registry.concepts()
                    registry.comparisons_of("okr")
                    _ = ("okr", "kpi") in registry
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        readers = [threading.Thread(target=read) for _ in range(2)]
        for thread in readers:
            thread.start()
        for i in range(3000):
            registry.register(compare(OKR, Concept(f"Metric {i}", "A number.", slug=f"metric-{i}")))
        done.set()
        for thread in readers:
            thread.join()
        assert [] == errors
        assert 3003 == len(registry)


class TestNamedTwice:
    @pytest.mark.parametrize("names", [("okr", "okr"), ("okr", "OKRs"), ("okr", "kpi", "objectives and key results")])
    def test_a_concept_named_twice_is_refused(self, names: tuple[str, ...]) -> None:
        """The same concept twice, however written, is a ValueError naming it, not a search for a comparison."""
        registry = pmcompare.registry()
        with pytest.raises(ValueError, match="'Objectives and Key Results' is named twice"):
            registry.get(*names)

    def test_suggestions_are_listed_once(self) -> None:
        """A pair with no comparison suggests each comparison or lineup once."""
        with pytest.raises(pmcompare.UnknownComparisonError) as caught:
            pmcompare.registry().get("okr", "mvp")
        assert len(set(caught.value.suggestions)) == len(caught.value.suggestions)
