"""The value objects: Concept, Difference, Source and Comparison."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from pmcompare import Comparison, Concept, Difference, Source, Summary
from strategies import comparisons, concepts

STRATEGY = Concept("Product Strategy", "The plan for a product.")
MANAGEMENT = Concept("Product Management", "The work of running a product.", aliases=["Product Mgmt"])
ROWS = (Difference("Core question", "What to build.", "How to build it."), Difference("Owner", "Leaders.", "PMs."))


def make(**changes: object) -> Comparison:
    fields: dict[str, object] = {"left": STRATEGY, "right": MANAGEMENT, "differences": ROWS}
    fields.update(changes)
    return Comparison(**fields)  # type: ignore[arg-type]


class TestConcept:
    def test_slug_is_derived_from_the_name(self) -> None:
        """Left out, the slug is the name in kebab-case."""
        assert "product-strategy" == Concept("Product Strategy", "x.").slug

    def test_slug_derivation_drops_accents_and_punctuation(self) -> None:
        """Accents fold to ASCII and punctuation runs become one hyphen."""
        assert "produkt-lose-mvp" == Concept("Prodúkt — lose (MVP)!", "x.").slug

    def test_explicit_slug_is_kept(self) -> None:
        """A given slug wins over the derived one."""
        assert "okr" == Concept("Objectives and Key Results", "x.", slug="okr").slug

    @pytest.mark.parametrize("slug", ["Product", "product strategy", "-okr", "okr-", "ok--r", "okr_x", ""])
    def test_slug_must_be_kebab_case(self, slug: str) -> None:
        """A slug that is not lowercase kebab-case is refused, naming the field."""
        with pytest.raises(ValueError, match="slug must be lowercase kebab-case"):
            Concept("OKR", "x.", slug=slug)

    def test_name_with_no_ascii_needs_a_slug(self) -> None:
        """A name that gives no slug asks for one explicitly."""
        with pytest.raises(ValueError, match="pass slug="):
            Concept("製品戦略", "x.")
        assert "seihin" == Concept("製品戦略", "x.", slug="seihin").slug

    def test_text_is_stripped(self) -> None:
        """Surrounding whitespace is dropped from every text field."""
        concept = Concept("  OKR \n", "\tGoals. ", aliases=[" OKRs "])
        assert ("OKR", "Goals.", ("OKRs",)) == (concept.name, concept.definition, concept.aliases)

    @pytest.mark.parametrize("field", ["name", "definition"])
    def test_blank_text_is_refused(self, field: str) -> None:
        """Blank or whitespace-only text fails with the field's name."""
        values = {"name": "OKR", "definition": "Goals."}
        values[field] = " \n "
        with pytest.raises(ValueError, match=f"{field} must not be blank"):
            Concept(**values)

    def test_numbers_are_not_turned_into_text(self) -> None:
        """A non-string is a TypeError, never silently str()-ed."""
        with pytest.raises(TypeError, match="name must be a string, not int"):
            Concept(42, "x.")  # type: ignore[arg-type]

    def test_aliases_as_a_lone_string_is_refused(self) -> None:
        """aliases='PM' would split into letters; it is refused instead."""
        with pytest.raises(TypeError, match="aliases must be a list of strings"):
            Concept("Product Manager", "x.", aliases="PM")  # type: ignore[arg-type]

    def test_repeated_alias_is_refused(self) -> None:
        """Two aliases that match the same way are refused."""
        with pytest.raises(ValueError, match="repeats"):
            Concept("Product Manager", "x.", aliases=["PM", "pm"])

    def test_alias_equal_to_name_is_refused(self) -> None:
        """An alias that is just the name again is refused."""
        with pytest.raises(ValueError, match="own name"):
            Concept("Product Manager", "x.", aliases=["product-manager"])

    def test_names_lists_name_slug_and_aliases(self) -> None:
        """names is every name the concept answers to."""
        assert ("Product Management", "product-management", "Product Mgmt") == MANAGEMENT.names

    def test_frozen_hashable_and_compared_by_value(self) -> None:
        """Concepts are frozen values: equal when their fields are, usable in sets."""
        twin = Concept("Product Strategy", "The plan for a product.")
        assert twin == STRATEGY
        assert 1 == len({twin, STRATEGY})
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            STRATEGY.name = "x"  # type: ignore[misc]

    def test_slotted(self) -> None:
        """Concepts have slots, not a __dict__."""
        assert not hasattr(STRATEGY, "__dict__")


class TestDifference:
    def test_fields(self) -> None:
        """A difference holds an aspect and a statement for each side."""
        row = Difference("Owner", " Leaders. ", "PMs.")
        assert ("Owner", "Leaders.", "PMs.") == (row.aspect, row.left, row.right)

    @pytest.mark.parametrize("field", ["aspect", "left", "right"])
    def test_blank_is_refused(self, field: str) -> None:
        """Every field must hold text."""
        values = {"aspect": "Owner", "left": "a.", "right": "b."}
        values[field] = ""
        with pytest.raises(ValueError, match=f"{field} must not be blank"):
            Difference(**values)

    def test_swapped_exchanges_sides(self) -> None:
        """swapped() keeps the aspect and exchanges the statements."""
        assert Difference("Owner", "b.", "a.") == Difference("Owner", "a.", "b.").swapped()


class TestSource:
    def test_title_and_url(self) -> None:
        """A source has a title and an optional web address."""
        assert Source("The Scrum Guide", "https://scrumguides.org/").url == "https://scrumguides.org/"
        assert Source("A book").url is None

    @pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "https://x y", 'https://x"'])
    def test_only_plain_web_addresses(self, url: str) -> None:
        """A script, data or spaced address is refused: sources may become links."""
        with pytest.raises(ValueError, match="http:// or https://"):
            Source("x", url)


class TestComparison:
    def test_slug_and_title(self) -> None:
        """The slug and title join both concepts with 'vs'."""
        comparison = make()
        assert "product-strategy-vs-product-management" == comparison.slug
        assert "Product Strategy vs Product Management" == comparison.title

    def test_aspects(self) -> None:
        """aspects lists the rows' labels in order."""
        assert ("Core question", "Owner") == make().aspects

    def test_differences_become_a_tuple(self) -> None:
        """Any iterable of differences is stored as a tuple."""
        assert ROWS == make(differences=list(ROWS)).differences

    def test_same_concept_twice_is_refused(self) -> None:
        """A concept cannot be compared with itself."""
        with pytest.raises(ValueError, match="two different concepts"):
            make(right=STRATEGY)

    def test_no_differences_is_refused(self) -> None:
        """A comparison needs at least one row."""
        with pytest.raises(ValueError, match="at least one Difference"):
            make(differences=[])

    def test_repeated_aspect_is_refused(self) -> None:
        """Two rows may not share an aspect, whatever its case."""
        with pytest.raises(ValueError, match=r"differences\[1\] repeats the aspect"):
            make(differences=[ROWS[0], Difference("core  QUESTION", "a.", "b.")])

    def test_non_difference_row_is_refused(self) -> None:
        """Rows must be Difference objects."""
        with pytest.raises(TypeError, match=r"differences\[0\] must be a Difference"):
            make(differences=[("Owner", "a", "b")])

    def test_concepts_must_be_concepts(self) -> None:
        """A bare name is not a concept."""
        with pytest.raises(TypeError, match="left must be a Concept"):
            make(left="Product Strategy")

    def test_sources_accept_plain_titles(self) -> None:
        """A string source is a Source with that title."""
        assert (Source("The Scrum Guide"),) == make(sources=["The Scrum Guide"]).sources

    @pytest.mark.parametrize("tag", ["Roles", "two words", ""])
    def test_tags_are_kebab_case(self, tag: str) -> None:
        """Tags are lowercase kebab-case labels."""
        with pytest.raises(ValueError, match="tags"):
            make(tags=[tag])

    def test_summary_defaults_to_empty(self) -> None:
        """The summary is optional."""
        assert "" == make().summary

    def test_swapped_exchanges_concepts_and_statements(self) -> None:
        """swapped() puts the right concept on the left and swaps every row."""
        swapped = make(summary="S.").swapped()
        assert (MANAGEMENT, STRATEGY) == (swapped.left, swapped.right)
        assert tuple(d.swapped() for d in ROWS) == swapped.differences
        assert "S." == swapped.summary

    def test_str_is_the_text_table(self) -> None:
        """str() of a comparison is its text rendering."""
        import pmcompare

        comparison = make()
        assert pmcompare.render(comparison, "text") == str(comparison)

    def test_repr_is_short(self) -> None:
        """repr() names the comparison without dumping every row."""
        assert "<Comparison product-strategy-vs-product-management (2 differences)>" == repr(make())


class TestProperties:
    @given(comparisons())
    def test_swapping_twice_gives_back_the_same(self, comparison: Comparison) -> None:
        """c.swapped().swapped() == c for any comparison."""
        assert comparison == comparison.swapped().swapped()

    @given(comparisons())
    def test_swapped_is_never_equal_unless_symmetric(self, comparison: Comparison) -> None:
        """A swapped comparison has the concepts the other way round."""
        assert (comparison.right, comparison.left) == (comparison.swapped().left, comparison.swapped().right)

    @given(concepts())
    def test_equal_fields_mean_equal_concepts(self, concept: Concept) -> None:
        """Rebuilding a concept from its fields gives an equal, same-hash object."""
        twin = Concept(concept.name, concept.definition, slug=concept.slug, aliases=concept.aliases)
        assert (concept, hash(concept)) == (twin, hash(twin))


class TestSelfConsistency:
    def test_an_alias_that_is_the_slug_is_refused(self) -> None:
        """A concept whose alias is its own slug, however spelled, is refused by the constructor."""
        with pytest.raises(ValueError, match="alias 'Beta' is the concept's own slug 'beta'"):
            Concept("Alpha", "a.", slug="beta", aliases=["Beta"])

    def test_two_concepts_sharing_a_name_are_refused(self) -> None:
        """A comparison of two concepts that answer to one name is refused when built."""
        other = Concept("Planning", "b.", aliases=["Product Mgmt"])
        with pytest.raises(ValueError, match="share the name 'product mgmt'"):
            make(left=other)


class TestSurrogates:
    @pytest.mark.parametrize(
        "build",
        [
            lambda t: Concept(t, "a."),
            lambda t: Concept("A", t),
            lambda t: Concept("A", "a.", aliases=[t]),
            lambda t: Difference(t, "l", "r"),
            lambda t: Difference("a", "l", t),
            lambda t: Source(t),
            lambda t: Source("T", author=t),
            lambda t: Summary(t, "r."),
            lambda t: make(summary=t),
            lambda t: make(similarities=[t]),
            lambda t: make(notes=[t]),
        ],
    )
    def test_lone_surrogates_are_refused_in_every_text(self, build: object) -> None:
        """A surrogate pair written as two code points is refused, with what to write instead."""
        with pytest.raises(ValueError, match=r"lone surrogate \\ud83d .*write the character itself"):
            build("smile \ud83d\ude00")  # type: ignore[operator]

    def test_the_character_itself_is_accepted(self) -> None:
        """The same text with the real character builds."""
        assert "smile \U0001f600" == Concept("smile \U0001f600", "a.", slug="smile").name


class TestSummary:
    def test_str_joins_the_clauses(self) -> None:
        """str() of a summary is its left clause, a space, and its right clause."""
        assert "Left says this. Right says that." == str(Summary(" Left says this. ", "Right says that."))

    def test_swapped_exchanges_the_clauses(self) -> None:
        """swapped() exchanges the two clauses."""
        assert Summary("b.", "a.") == Summary("a.", "b.").swapped()

    @pytest.mark.parametrize("side", ["left", "right"])
    def test_blank_clause_is_refused(self, side: str) -> None:
        """Each clause must hold text."""
        with pytest.raises(ValueError, match=f"{side} must not be blank"):
            Summary(**{"left": "a.", "right": "b.", side: " "})

    def test_comparison_takes_a_summary_or_a_string(self) -> None:
        """A comparison's summary is a Summary or plain text; swapped() swaps a Summary's clauses."""
        comparison = make(summary=Summary("Strategy chooses.", "Management runs."))
        assert Summary("Management runs.", "Strategy chooses.") == comparison.swapped().summary
        assert "One line." == make(summary="One line.").swapped().summary

    def test_anything_else_is_refused(self) -> None:
        """A summary that is neither text nor a Summary is refused."""
        with pytest.raises(TypeError, match="summary must be a string"):
            make(summary=3)


class TestNotesAndSourceFields:
    def test_notes_are_stripped_texts(self) -> None:
        """Notes are kept as a tuple of stripped texts; blank ones are refused."""
        assert ("A caveat.",) == make(notes=[" A caveat. "]).notes
        with pytest.raises(ValueError, match=r"notes\[0\] must not be blank"):
            make(notes=[" "])

    def test_author_and_year(self) -> None:
        """A source may give its author and year."""
        source = Source("Inspired", author="Marty Cagan", year=2017)
        assert ("Marty Cagan", 2017) == (source.author, source.year)
        assert "Source('Inspired', author='Marty Cagan', year=2017)" == repr(source)

    @pytest.mark.parametrize(("year", "error"), [(True, TypeError), ("2017", TypeError), (999, ValueError),
                                                  (2101, ValueError)])
    def test_year_is_an_integer_from_1000_to_2100(self, year: object, error: type[Exception]) -> None:
        """A year must be an int (not a bool) from 1000 to 2100."""
        with pytest.raises(error, match="year must be"):
            Source("T", year=year)  # type: ignore[arg-type]
