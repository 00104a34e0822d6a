"""English for messages: lists in words and a capital first letter."""

from __future__ import annotations


def join_words(items: list[str], word: str = "and") -> str:
    """"a, b and c" (or "a, b or c")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def first_upper(text: str) -> str:
    """"outcome line 3" -> "Outcome line 3": only the first letter changes."""
    return text[:1].upper() + text[1:]
