"""A rule regex (``regex`` syntax, ``VERSION0``) rewritten for RE2: exactly where RE2 can read it
alike, and otherwise as a *looser* pattern that matches wherever the original could.

RE2 (``google-re2``, the ``[fast]`` extra) compiles in C++ and searches in linear time, but it
lacks look-arounds, back-references and atomic groups, and its ``\\d \\w \\s \\b`` are ASCII while
``regex``'s are Unicode. :func:`translate` reads a pattern item by item:

- what RE2 reads exactly as ``regex`` does is written out exactly (literals, plain classes,
  groups, alternation, counted and lazy repetition, ``^`` ``\\A`` ``\\Z``, ``(?m)`` ``(?s)``
  ``(?x)``);
- what it cannot read alike is *loosened*: a look-around or ``\\b`` is dropped (it only narrows a
  match), an atomic group or possessive repetition becomes a plain one, ``\\d`` becomes ASCII
  digits or any non-ASCII character, ``\\p{Han}`` any non-ASCII character, ``$`` (end, or before a
  last line feed) is dropped. The looser pattern then matches every text the original matches,
  and more: a filter, not a substitute (``exact`` is False);
- anything else (back-references, ``(?i)``, fuzzy matching, POSIX classes, escapes it does not
  know) gives None: the pattern stays on ``regex`` alone.

Nothing here is trusted blindly: an RE2 compile that fails also leaves the pattern on ``regex``,
and the tests compare both engines on every built-in pattern.
"""

from __future__ import annotations

MAX_REPEAT = 1000  # RE2's largest {m,n}
_UNROLLED = 4  # a larger count is loosened to "at least min(m, 4)"
_ANY = "(?s:.)"
_NON_ASCII = r"\x{80}-\x{10FFFF}"
# Properties whose ASCII members (\p{…} ∩ ASCII) no Unicode version has changed: written as those
# members plus every non-ASCII character, a superset whatever the two engines' Unicode versions.
_PROPERTIES = {"Han", "L", "Lu", "Ll", "N", "Nd", "P", "S", "Z"}
_SIMPLE_ESCAPES = {"n": 0x0A, "t": 0x09, "r": 0x0D, "f": 0x0C, "v": 0x0B, "a": 0x07}

# The characters of Chinese text that regex's \d, \s and \p{Han} never match (CJK ideographs,
# punctuation, full-width forms), left out of their looser forms: a looser class that took every
# non-ASCII character would keep RE2's Set busy across whole paragraphs (a Set's states multiply).
# tests/test_re2syntax.py checks every one of them against the installed regex.
NOT_DIGITS = ((0x2010, 0x2027), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20))
NOT_SPACES = ((0x2010, 0x2027), (0x3001, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFFEF))
NOT_HAN = ((0x2010, 0x2027), (0x3001, 0x3004), (0x3008, 0x3020), (0xFF01, 0xFFEF))


def _non_ascii_but(excluded: tuple[tuple[int, int], ...]) -> str:
    """Every non-ASCII character outside ``excluded`` (sorted, disjoint ranges), as class ranges."""
    spans, start = [], 0x80
    for low, high in excluded:
        spans.append((start, low - 1))
        start = high + 1
    spans.append((start, 0x10FFFF))
    return "".join(f"\\x{{{low:X}}}-\\x{{{high:X}}}" for low, high in spans)


_LOOSE_CLASSES = {  # regex's Unicode classes as their ASCII members plus non-ASCII (supersets)
    "d": "0-9" + _non_ascii_but(NOT_DIGITS),
    "w": "0-9A-Za-z_" + _NON_ASCII,
    "s": r"\x{09}-\x{0D}\x{1C}-\x{20}" + _non_ascii_but(NOT_SPACES),
}
_LOOSE_HAN = _non_ascii_but(NOT_HAN)


class Translation:
    __slots__ = ("source", "exact")

    def __init__(
        self,
        source: str,  # RE2 syntax
        exact: bool,  # True: matches exactly what the original matches; False: a superset
    ) -> None:
        self.source, self.exact = source, exact


class Untranslatable(Exception):
    """The pattern uses something :func:`translate` does not rewrite."""


def translate(pattern: str) -> Translation | None:
    """``pattern`` in RE2 syntax, exact or looser (see the module docstring), or None."""
    try:
        reader = _Reader(pattern)
        source = reader.alternation()
        if reader.at < len(pattern):  # an unbalanced ")"
            return None
    except (Untranslatable, IndexError):
        return None
    return Translation(source, reader.exact)


def _literal(code: int) -> str:
    char = chr(code)
    return char if char.isalnum() and (code > 0x7F or char.isascii()) else f"\\x{{{code:X}}}"


class _Reader:
    """A recursive-descent reader of one pattern, writing its RE2 form as it goes."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0
        self.exact = True
        self.verbose = self.dotall = self.multiline = False
        self._flags()

    def _flags(self) -> None:
        """Leading global flags ``(?msx)``; any other flag is refused."""
        while self.text.startswith("(?", self.at):
            end = self.text.find(")", self.at)
            letters = self.text[self.at + 2 : end]
            if end < 0 or not letters or not set(letters) <= set("msx"):
                return
            self.multiline |= "m" in letters
            self.dotall |= "s" in letters
            self.verbose |= "x" in letters
            self.at = end + 1

    def loosen(self, written: str) -> str:
        self.exact = False
        return written

    def _skip_verbose(self) -> None:
        while self.verbose and self.at < len(self.text):
            char = self.text[self.at]
            if char in " \t\n\r\f\v":
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end + 1
            else:
                return

    def alternation(self, lead: bool = True, trail: bool = True) -> str:
        """Branches up to a ``)`` or the end. ``lead``/``trail``: a branch's leading look-behind or
        trailing look-ahead may be read as consumed text (see :meth:`sequence`)."""
        branches = [self.sequence(lead, trail)]
        while self.at < len(self.text) and self.text[self.at] == "|":
            self.at += 1
            branches.append(self.sequence(lead, trail))
        return "|".join(branches)

    def sequence(self, lead: bool, trail: bool) -> str:
        """One branch. Where the branch is the whole match (``lead``, ``trail``), a look-behind
        before its first consumed item is written as text the match starts with, and a
        look-ahead after its last as text it ends with: where ``(?<=B)X(?=A)`` matches, ``BXA``
        matches too, so the looser pattern stays a filter but a far narrower one. Other
        look-arounds, and the anchors beside a look-around read so, are dropped."""
        items: list[tuple[str, str]] = []  # (written, role): consume, anchor, behind, ahead, none
        while True:
            self._skip_verbose()
            if self.at >= len(self.text) or self.text[self.at] in "|)":
                break
            item = self.atom(lead, trail)
            self._skip_verbose()
            repeat = self.repetition()
            if repeat and item[1] != "consume":
                if item[1] == "anchor":  # a repeated anchor: leave it to regex
                    raise Untranslatable
                self.exact = False
                continue  # a repeated look-around: dropped
            items.append((f"(?:{item[0]}){repeat}", "consume") if repeat else item)
        consumed = [i for i, (_, role) in enumerate(items) if role == "consume"]
        first, last = (consumed[0], consumed[-1]) if consumed else (len(items), -1)
        head = self._edge(items[:first], "behind" if lead else "")
        middle = [written for written, role in items[first : last + 1] if role in ("consume", "anchor")]
        tail = self._edge(items[max(first, last + 1) :], "ahead" if trail else "")
        if len(middle) != len(items[first : last + 1]):
            self.exact = False  # a look-around between consumed items: dropped
        return head + "".join(middle) + tail

    def _edge(self, items: list[tuple[str, str]], role: str) -> str:
        """The zero-width items before a branch's first or after its last consumed item: one
        look-around of ``role`` read as text (``(?:…)``), else the anchors, look-arounds dropped."""
        chosen = next((written for written, kind in items if kind == role), None) if role else None
        if chosen is not None:
            self.exact = False
            return f"(?:{chosen})"
        if any(kind not in ("anchor", "none") for _, kind in items):
            self.exact = False
        return "".join(written for written, kind in items if kind == "anchor")

    def repetition(self) -> str:
        if self.at >= len(self.text):
            return ""
        char = self.text[self.at]
        if char in "*+?":
            self.at += 1
            written = char
        elif char == "{":
            end = self.text.find("}", self.at)
            if end < 0:
                raise Untranslatable
            low, comma, high = self.text[self.at + 1 : end].partition(",")
            if not (low.isdigit() or low == "") or not (high.isdigit() or high == "") or not (low or comma):
                raise Untranslatable  # a literal "{" or fuzzy matching: leave it to regex
            if low and int(low) > MAX_REPEAT or high and int(high) > MAX_REPEAT or not (low or high):
                raise Untranslatable
            if high and low and int(high) < int(low):
                raise Untranslatable
            self.at = end + 1
            written = "{" + (low or "0") + comma + high + "}"
            if (high or not comma) and max(int(low or 0), int(high or 0)) > _UNROLLED:
                # RE2 writes out each counted copy (a class of all non-ASCII is big): at most
                # _UNROLLED copies and then any number, a looser count
                written = "{" + str(min(int(low or 0), _UNROLLED)) + ",}"
                self.exact = False
        else:
            return ""
        if self.at < len(self.text) and self.text[self.at] == "?":
            self.at += 1
            written += "?"
        elif self.at < len(self.text) and self.text[self.at] == "+":
            self.at += 1  # possessive: the plain repetition matches more
            self.exact = False
        return written

    def atom(self, lead: bool, trail: bool) -> tuple[str, str]:
        """The next item and its role: consume, anchor, behind or ahead (a positive
        look-around, written as the text it looks at), none (written as nothing)."""
        char = self.text[self.at]
        self.at += 1
        if char == "(":
            return self.group(lead, trail)
        if char == "[":
            return self.char_class(), "consume"
        if char == ".":
            return (_ANY if self.dotall else r"[^\n]"), "consume"
        if char == "^":
            return ("(?m:^)" if self.multiline else r"\A"), "anchor"
        if char == "$":
            return ("(?m:$)", "anchor") if self.multiline else (self.loosen(""), "none")
        if char == "\\":
            return self.escape()
        if char in "*+?{":
            raise Untranslatable
        return _literal(ord(char)), "consume"

    def group(self, lead: bool, trail: bool) -> tuple[str, str]:
        if not self.text.startswith("?", self.at):
            return f"(?:{self._inside()})", "consume"
        rest = self.text[self.at + 1 :]
        if rest.startswith(":"):
            self.at += 2
            return f"(?:{self._inside()})", "consume"
        if rest.startswith("P<"):
            end = self.text.find(">", self.at)
            if end < 0:
                raise Untranslatable
            self.at = end + 1
            return f"(?:{self._inside()})", "consume"
        if rest.startswith(">"):  # atomic: the plain group matches more
            self.at += 2
            self.exact = False
            return f"(?:{self._inside()})", "consume"
        if rest.startswith(("=", "<=")):  # positive: its text, if the branch's edge wants it
            behind = rest.startswith("<=")
            self.at += 3 if behind else 2
            inner = self._inside(lead=behind and lead, trail=not behind and trail)
            return inner, "behind" if behind else "ahead"
        if rest.startswith(("!", "<!")):  # negative: only narrows, so dropped
            self.at += 3 if rest.startswith("<!") else 2
            self._inside(lead=False, trail=False)
            self.exact = False
            return "", "none"
        if rest.startswith("#"):
            end = self.text.find(")", self.at)
            if end < 0:
                raise Untranslatable
            self.at = end + 1
            return "", "anchor"  # a comment: written as nothing, exactly
        raise Untranslatable  # flags, conditionals, recursion, branch reset, named back-references

    def _inside(self, lead: bool = False, trail: bool = False) -> str:
        inner = self.alternation(lead, trail)
        if self.at >= len(self.text) or self.text[self.at] != ")":
            raise Untranslatable
        self.at += 1
        return inner

    def escape(self) -> tuple[str, str]:
        char = self.text[self.at]
        self.at += 1
        if char == "A":
            return r"\A", "anchor"
        if char == "Z":
            return r"\z", "anchor"
        if char in "bB":
            return self.loosen(""), "none"
        if char in _LOOSE_CLASSES:
            return self.loosen(f"[{_LOOSE_CLASSES[char]}]"), "consume"
        if char in "DWS":
            return self.loosen(_ANY), "consume"
        if char in "pP":
            written = self._property(char)
            return self.loosen(written if char == "p" else _ANY), "consume"
        return _literal(self._escaped_code(char)), "consume"

    def _property(self, char: str) -> str:
        """``\\p{Name}`` or ``\\pL`` read; its looser RE2 form."""
        if self.text.startswith("{", self.at):
            end = self.text.find("}", self.at)
            if end < 0:
                raise Untranslatable
            name = self.text[self.at + 1 : end]
            self.at = end + 1
        else:
            name = self.text[self.at]
            self.at += 1
        if name not in _PROPERTIES:
            return _ANY
        return f"[\\p{{{name}}}{_LOOSE_HAN if name == 'Han' else _NON_ASCII}]"

    def _escaped_code(self, char: str) -> int:
        """The code point of an escape that stands for one character (``char`` follows ``\\``)."""
        if char in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[char]
        width = {"x": 2, "u": 4, "U": 8}.get(char)
        if width is not None:
            digits = self.text[self.at : self.at + width]
            if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Untranslatable
            self.at += width
            code = int(digits, 16)
            if code > 0x10FFFF:
                raise Untranslatable
            return code
        if char.isascii() and char.isalnum():
            raise Untranslatable  # back-references, octal, \g \k \K \G \X \N \L …: regex's own
        return ord(char)  # an escaped punctuation mark or non-ASCII character stands for itself

    def char_class(self) -> str:
        negated = self.text.startswith("^", self.at)
        if negated:
            self.at += 1
        items: list[str] = []
        loose = False
        first = True
        while True:
            char = self.text[self.at]
            if char == "]" and not first:
                self.at += 1
                break
            first = False
            if char == "[" and self.text.startswith(":", self.at + 1):
                raise Untranslatable  # a POSIX class
            low, written = self._class_item()
            if low is None:  # \d, \w, \s or \p{…}: only loosely
                loose = True
                items.append(written)
                continue
            if self.text.startswith("-", self.at) and not self.text.startswith("-]", self.at):
                self.at += 1
                high, _ = self._class_item()
                if high is None or high < low:
                    raise Untranslatable
                items.append(f"\\x{{{low:X}}}-\\x{{{high:X}}}")
            else:
                items.append(f"\\x{{{low:X}}}")
        if loose:
            self.exact = False
            if negated:
                return _ANY
        return ("[^" if negated else "[") + "".join(items) + "]"

    def _class_item(self) -> tuple[int | None, str]:
        """One member of a class: its code point, or None and its looser RE2 form."""
        char = self.text[self.at]
        self.at += 1
        if char != "\\":
            return ord(char), ""
        char = self.text[self.at]
        self.at += 1
        if char == "b":
            return 0x08, ""  # a backspace, inside a class
        if char in _LOOSE_CLASSES:
            return None, _LOOSE_CLASSES[char]
        if char in "DWSP":
            return None, r"\x{0}-\x{10FFFF}"
        if char == "p":
            written = self._property(char)
            return None, written[1:-1] if written != _ANY else r"\x{0}-\x{10FFFF}"
        return self._escaped_code(char), ""
