"""Text that cannot be trusted to look like what it is: broken characters, control characters,
digits from other scripts and invisible marks.

Every face reads input through here before it is used, so a lone surrogate never reaches an
encoder (a traceback), a control character never reaches a terminal, and two names that look
the same compare the same.
"""

from __future__ import annotations

import json
import re
import unicodedata

# Half of a UTF-16 pair on its own: JSON can carry one ("\\ud800"), but it is not a character, so
# no UTF-8 text (a permalink, the command line's output) can hold it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters (NUL, ESC, DEL ...). Tab and line breaks are ordinary typing.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"  # what a message shows in place of a character it cannot show


def shown(text: str) -> str:
    """Text safe to repeat in a message or a terminal: broken and control characters replaced."""
    return CONTROL.sub(REPLACEMENT, LONE_SURROGATE.sub(REPLACEMENT, text))


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def broken_text(data) -> list[dict]:
    """An error for each value or name in JSON-like ``data`` that holds a lone surrogate, named by
    its path ("lines[0].label"). Found before any field is read, so no message repeats one. A loop,
    not recursion, so no nesting is too deep for it."""
    if _plainly_whole(data):
        return []  # almost always (a batch checks every row): no path is named
    errors, waiting = [], [("", data)]
    while waiting:
        path, value = waiting.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                named = f"{path}.{shown(str(key))}" if path else shown(str(key))
                if isinstance(key, str) and (found := LONE_SURROGATE.search(key)):
                    errors.append({"field": named, "message": f"The name of this input has a broken character in "
                                                              f"it ({_code(found.group())}). Type the name again"})
                waiting.append((named, item))
        elif isinstance(value, list):
            waiting.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, str) and (found := LONE_SURROGATE.search(value)):
            errors.append({"field": path, "message": f"This value has a broken character in it "
                                                     f"({_code(found.group())}), so it cannot be read. "
                                                     f"Delete it, or type the value again"})
    return sorted(errors, key=lambda error: error["field"])


def _plainly_whole(data) -> bool:
    """True when JSON-like ``data`` plainly holds no lone surrogate, in any name or value: its JSON text,
    written in one pass by the json module's C code, has none (a report of 40,000 rows is a
    million values to walk in Python). False when that cannot be told (a value JSON cannot write)."""
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return False
    return not LONE_SURROGATE.search(text)


# A decimal digit of another script ("١٢٣", "１２３", "१२३"): Python would read it as 123, but the
# Toolkit reads UK numbers only, so it is refused rather than read as a number nobody can see.
OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def has_other_digits(text: str) -> bool:
    return bool(OTHER_DIGIT.search(text))


def control_character(text: str) -> str | None:
    """Why a text field refuses ``text``: a control character (NUL, ESC ...) cannot be shown or
    printed, and in a terminal it can rewrite the screen. None when it has none."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return (f"has a control character in it ({_code(found.group())}), which cannot be shown. "
            f"Delete it and type the text again")


def name_key(name: str) -> str:
    """How two names are compared: "Acme Ltd" with a zero-width space, a bidi mark, full-width
    letters or other capitals is the same name. Invisible format characters (Unicode's Cf: zero
    width spaces and joiners, bidi marks and overrides) are dropped, then the name is folded."""
    visible = "".join(character for character in name if unicodedata.category(character) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", visible).casefold().split())
