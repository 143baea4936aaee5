"""The small text helpers: name folding, slugs, visible escapes and safe quoting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hostile
from pmcompare._text import flatten, is_kebab, key, quote, slugify, visible


class TestKey:
    @pytest.mark.parametrize("name", ["Product Owner", " product-owner ", "PRODUCT_OWNER", "product - _ owner"])
    def test_case_space_hyphen_and_underscore_are_ignored(self, name: str) -> None:
        """Every variant folds to the same key."""
        assert "product owner" == key(name)

    def test_case_folding_is_unicode_aware(self) -> None:
        """casefold, not lower: 'Straße' matches 'STRASSE'."""
        assert key("STRASSE") == key("Straße")


class TestSlugs:
    def test_slugify(self) -> None:
        """Names become ASCII kebab-case."""
        assert "product-market-fit" == slugify("Product–Market Fit!")

    @pytest.mark.parametrize(("text", "expected"), [("okr", True), ("a-b-1", True), ("A", False), ("a--b", False)])
    def test_is_kebab(self, text: str, expected: bool) -> None:
        """Only lowercase words joined by single hyphens are kebab-case."""
        assert expected == is_kebab(text)


class TestVisible:
    def test_printable_text_is_unchanged(self) -> None:
        """Letters, CJK, emoji and backslashes stay as they are."""
        text = "Plan \\ 漢字 🚀 café"
        assert text == visible(text)

    @pytest.mark.parametrize(
        ("char", "escape"),
        [("\x1b", "\\x1b"), ("\x00", "\\x00"), ("\x7f", "\\x7f"), ("\u202e", "\\u202e"), ("\u200b", "\\u200b"),
         ("\ufeff", "\\ufeff"), ("\u2028", "\\u2028"), ("\U000e0001", "\\U000e0001")],
    )
    def test_invisible_characters_become_escapes(self, char: str, escape: str) -> None:
        """Control, format, separator and unassigned characters are written as escapes."""
        assert f"a{escape}b" == visible(f"a{char}b")

    @given(st.text(st.characters(codec="utf-8")))
    def test_no_invisible_character_survives(self, text: str) -> None:
        """Whatever goes in, nothing of category Cc, Cf, Cs, Cn, Zl or Zp comes out, but joiners and emoji tags."""
        assert "" == hostile.raw_invisible(visible(text))

    @pytest.mark.parametrize(
        "text",
        [
            "👩\u200d💻 👨\u200d👩\u200d👧 ❤️\u200d🔥 🏳️\u200d🌈",  # emoji ZWJ sequences
            "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # the flag of Scotland
            "می\u200cخواهم",  # Persian: a non-joiner inside a word
            "क्\u200dष क्\u200cष र्\u200dय",  # Devanagari: half form, visible virama, eyelash ra
            "ഞ്\u200d",  # Malayalam: a chillu
            "ශ්\u200dරී",  # Sinhala: a joined conjunct
            "\u0600١٢",  # an Arabic number sign
        ],
    )
    def test_writing_comes_through(self, text: str) -> None:
        """Joiners inside words and emoji, emoji tags and prepended marks are part of writing, kept as they are."""
        assert text == visible(text)

    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("pay\u200dpal", "pay\\u200dpal"),  # a joiner in Latin text joins nothing, only hides
            ("admin\u200cistrator", "admin\\u200cistrator"),
            ("\u200d👩", "\\u200d👩"),  # at the start
            ("👩\u200d", "👩\\u200d"),  # at the end
            ("👩\u200d\u200d💻", "👩\\u200d\\u200d💻"),  # doubled
            ("🇳\u200d🇴", "🇳\\u200d🇴"),  # flags do not join
            ("a \U000e0067", "a \\U000e0067"),  # a tag outside a tag sequence
            ("abc\u202edef", "abc\\u202edef"),  # a bidirectional override
        ],
    )
    def test_joiners_out_of_place_are_escaped(self, text: str, shown: str) -> None:
        """A joiner or tag that does no writing job, and every bidirectional control, is shown as an escape."""
        assert shown == visible(text)


class TestFlatten:
    def test_whitespace_runs_become_one_space(self) -> None:
        """Newlines, tabs and Unicode separators collapse to single spaces."""
        assert "a b c d" == flatten(" a\n\tb\u2028c  \r\n d ")


class TestQuote:
    def test_long_strings_are_shortened_and_escaped(self) -> None:
        """A quoted value is escaped, its quotes backslashed, and cut at the limit."""
        assert '"\\x1b\\"…"' == quote('\x1b"xyz', limit=3)

    @pytest.mark.parametrize(
        ("value", "expected"), [(True, "true"), (3, "3"), ({"a": 1}, "a table"), ([1, 2], "a list of 2")]
    )
    def test_other_values(self, value: object, expected: str) -> None:
        """Non-strings are described briefly."""
        assert expected == quote(value)
