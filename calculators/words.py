"""English for messages: lists in words, a capital first letter and what someone typed, quoted."""

from __future__ import annotations

from .cleantext import shown


def join_words(items: list[str], word: str = "and") -> str:
    """"a, b and c" (or "a, b or c")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def first_upper(text: str) -> str:
    """"outcome line 3" -> "Outcome line 3": only the first letter changes."""
    return text[:1].upper() + text[1:]


TYPED_SHOWN = 40  # how much of a bad value a message repeats


def typed(raw: str) -> str:
    """What the user typed, quoted for a message (shortened if long), with nothing a terminal would run."""
    text = shown(raw.strip())
    return f'"{text}"' if len(text) <= TYPED_SHOWN else f'"{text[:TYPED_SHOWN]}…"'
