"""The Chinese interface: the catalog is complete and renders, the locale and --lang choose it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import string
import subprocess
import sys
import urllib.request

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, SEED, SEEDS, Served, run_cli

from reportlint.base import i18n

PO = ROOT / "src" / "reportlint" / "locale" / "zh_CN" / "LC_MESSAGES" / "reportlint.po"
POT = ROOT / "src" / "reportlint" / "locale" / "reportlint.pot"
UPDATE = "run `python tools/catalog.py`, then translate the new entries in " + str(PO.relative_to(ROOT))


def _tool():
    spec = importlib.util.spec_from_file_location("catalog_tool", ROOT / "tools" / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _keys(catalog) -> set[tuple]:
    return {(m.context, m.id) for m in catalog if m.id}


def _read(path):
    with path.open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    """The placeholders of a text: ``{name}`` fields and ``%(name)s`` ones."""
    brace = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return brace | set(re.findall(r"%\((\w+)\)", text))


def _is_template(text: str) -> bool:
    """Whether a text is filled in with ``format``: a library's fixed text that is shown as it is
    (PyYAML's ``did not find expected ',' or '}'``) may hold a lone brace."""
    try:
        _fields(text)
    except ValueError:
        return False
    return True


def test_every_text_in_the_code_and_in_click_is_in_the_catalog_and_nothing_else():
    extracted, catalog, template = _keys(_tool().extract()), _keys(_read(PO)), _keys(_read(POT))
    assert not extracted - catalog, f"texts missing from the catalog ({UPDATE}): {sorted(extracted - catalog)}"
    assert not catalog - extracted, f"catalog entries no code shows any more ({UPDATE}): {sorted(catalog - extracted)}"
    assert template == extracted, UPDATE


def test_every_catalog_entry_is_translated_and_renders():
    zh = i18n.catalog("zh")
    entries = [m for m in _read(PO) if m.id]
    assert len(entries) > 100
    for m in entries:
        singular, plural = m.id if isinstance(m.id, tuple) else (m.id, None)
        translated = m.string[0] if isinstance(m.string, tuple) else m.string
        assert translated and not m.fuzzy, f"untranslated: {m.id!r}"
        if not _is_template(singular):
            assert zh.gettext(singular) == translated
            continue
        wanted = _fields(singular) | (_fields(plural) if plural else set())
        assert _fields(translated) <= wanted, f"{m.id!r}: the translation has placeholders the code does not fill"
        if plural is None:
            assert _fields(translated) == wanted, f"{m.id!r}: the translation drops a placeholder"
        values = {name: "x" for name in wanted}
        rendered = translated % values if "%(" in translated else translated.format(**values)
        assert "{" not in rendered.replace("{", "", translated.count("{{"))
        # what the running program shows, from the compiled catalog
        if plural:
            assert zh.ngettext(singular, plural, 2) == translated
        elif m.context:
            assert zh.pgettext(m.context, singular) == translated
        else:
            assert zh.gettext(singular) == translated


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "zh"),  # none set: the system's language (here Chinese)
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "C"}, "zh"),
        ({"LANGUAGE": "fr:en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_the_language_follows_the_environment_in_gettexts_order(environ, expected):
    assert i18n.language_of(environ, system=lambda: "zh") == expected


class _Kernel32:
    def __init__(self, language_id: int) -> None:
        self.language_id = language_id

    def GetUserDefaultUILanguage(self) -> int:  # noqa: N802 (the Windows function's name)
        return self.language_id


@pytest.fixture
def system(monkeypatch):
    """``system_language()`` afresh on a pretended platform with a pretended locale."""

    def ask(platform: str, locale_name=("", None), windows_ui: int | None = None) -> str:
        import ctypes
        import locale
        import types

        monkeypatch.setattr(sys, "platform", platform)
        if windows_ui is None:
            monkeypatch.delattr(ctypes, "windll", raising=False)
        else:
            monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=_Kernel32(windows_ui)), raising=False)

        def getlocale(category=None):
            if isinstance(locale_name, Exception):
                raise locale_name
            return locale_name

        monkeypatch.setattr(locale, "getlocale", getlocale)
        i18n.system_language.cache_clear()
        try:
            return i18n.system_language()
        finally:
            i18n.system_language.cache_clear()

    return ask


def test_windows_without_locale_variables_speaks_its_user_interfaces_language(system):
    assert system("win32", windows_ui=0x0804) == "zh"  # zh-CN
    assert system("win32", windows_ui=0x0404) == "zh"  # zh-TW
    assert system("win32", windows_ui=0x0409, locale_name=("Chinese (Simplified)_China", "936")) == "en"
    assert system("win32", locale_name=("Chinese (Simplified)_China", "936")) == "zh"  # no kernel32: the locale
    assert system("win32", locale_name=("English_United States", "1252")) == "en"


def test_elsewhere_without_locale_variables_the_locale_python_reports_decides(system):
    assert system("linux", locale_name=("zh_CN", "UTF-8")) == "zh"
    assert system("darwin", locale_name=("en_US", "UTF-8")) == "en"
    assert system("linux", locale_name=(None, None)) == "en"
    assert system("linux", locale_name=ValueError("unknown locale: x")) == "en"
    assert system("linux", windows_ui=0x0804, locale_name=("C", "UTF-8")) == "en"  # kernel32 only on Windows


def test_the_system_language_counts_only_when_no_variable_is_set(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "system_language", lambda: "zh")
    monkeypatch.setattr(i18n, "_chosen", None)  # no --lang
    assert i18n.language() == "zh" and i18n._("Usage:") == "用法："
    monkeypatch.setenv("LANG", "C")
    assert i18n.language() == "en"


def _run(*args: str, lang: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "reportlint", *args], capture_output=True, env=env, timeout=120, text=True
    )


def _counts(seeds_json: dict) -> tuple[int, int, int]:
    severities = [d["severity"] for d in seeds_json["diagnostics"]]
    return len(severities), severities.count("error"), severities.count("warning")


def test_check_prints_its_summary_in_chinese_under_a_chinese_locale_and_in_english_under_c():
    total, errors, warnings = _counts(json.loads(run_cli("check", "--format", "json", str(SEEDS)).stdout))
    chinese = _run("check", str(SEEDS), lang="zh_CN.UTF-8").stdout.splitlines()[-1]
    assert chinese.startswith(f"发现 {total} 个问题（{errors} 个错误，{warnings} 个警告）。"), chinese
    assert re.search(r"。\d+ 个可用 --fix 自动修复。", chinese)
    english = _run("check", str(SEEDS), lang="C").stdout.splitlines()[-1]
    assert english.startswith(f"Found {total} problems ({errors} errors, {warnings} warnings). "), english


def test_lang_option_wins_over_the_locale_before_or_after_the_command():
    assert _run("check", "--lang", "zh", str(SEEDS), lang="C").stdout.splitlines()[-1].startswith("发现 ")
    assert _run("--lang=en", "check", str(SEEDS), lang="zh_CN.UTF-8").stdout.splitlines()[-1].startswith("Found ")
    refused = _run("check", "--lang", "fr", str(SEEDS), lang="C")
    assert refused.returncode == 2 and "'fr' is not one of 'en', 'zh'" in refused.stderr


def test_help_is_chinese_including_clicks_own_texts():
    out = _run("check", "--help", lang="zh_CN.UTF-8").stdout
    assert out.startswith("用法：")
    assert "应用安全的修复并写回文件。" in out and "显示本帮助并退出。" in out and "[默认：text]" in out
    listing = _run("--help", "--lang", "zh", lang="C").stdout
    assert "命令" in listing and "检查报告文件和目录（.txt、.md、.docx）" in listing
    assert "Usage:" in _run("--help", lang="C").stdout


def test_chinese_help_headings_end_with_a_full_width_colon_as_chinese_text_does():
    """Click writes its headings with a half-width colon after whatever the catalog gives
    (选项:), and a space after 用法：; under Chinese they read 用法：, 选项：, 命令：."""
    listing = _run("--help", lang="zh_CN.UTF-8").stdout
    assert listing.startswith("用法：") and listing.split("\n", 1)[0].endswith("reportlint [OPTIONS] COMMAND [ARGS]...")
    assert not listing.startswith("用法： ")
    assert "\n选项：\n" in listing and "\n命令：\n" in listing and "选项:" not in listing
    check = _run("check", "--help", lang="zh_CN.UTF-8").stdout
    assert check.startswith("用法：") and not check.startswith("用法： ") and "\n选项：\n" in check
    refused = _run("check", "--no-such-option", lang="zh_CN.UTF-8").stderr
    assert refused.startswith("用法：") and not refused.startswith("用法： ")
    english = _run("--help", lang="C").stdout
    assert english.startswith("Usage: ") and "reportlint [OPTIONS]" in english.split("\n", 1)[0]
    assert "\nOptions:\n" in english and "\nCommands:\n" in english


def test_errors_rules_and_explain_are_chinese():
    missing = _run("check", "no-such-report.txt", lang="zh_CN.UTF-8")
    assert missing.returncode == 2 and "1 个文件无法检查。" in missing.stdout
    assert missing.stderr == "reportlint：no-such-report.txt：没有这个文件或目录\n"
    unknown = _run("explain", "no-such-rule", lang="zh_CN.UTF-8")
    assert unknown.returncode == 2 and unknown.stderr.startswith("reportlint：错误：没有规则“no-such-rule”")
    explained = _run("explain", "typo", lang="zh_CN.UTF-8").stdout
    assert "级别：警告" in explained and "会报告：" in explained and "不会报告：" in explained
    listed = _run("rules", lang="zh_CN.UTF-8").stdout
    assert re.search(r"^typo +substitution +警告 +需确认 ", listed, re.M)


PACK = """rules:
  - id: no-dengdeng
    kind: pattern
    severity: warning
    message: "“等等”宜改为“等”"
    description: Write 等 for an open list. 等等 reads as speech.
    description-zh: 开列未尽的事项写“等”。“等等”是口语。
    patterns: ["等等"]
    examples:
      fire: ["人员、设备等等。"]
      quiet: ["人员、设备等。"]
"""


@pytest.fixture
def bilingual_config(tmp_path) -> str:
    """A configuration whose rule directory holds a rule described in both languages."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "pack.yaml").write_text(PACK, encoding="utf-8")
    config = tmp_path / ".reportlint.yaml"
    config.write_text("rule-dirs: [rules]\n", encoding="utf-8")
    return str(config)


def test_a_rule_pack_can_be_bilingual(bilingual_config):
    args = ("explain", "no-dengdeng", "--config", bilingual_config)
    assert "开列未尽的事项写“等”。" in _run(*args, lang="zh_CN.UTF-8").stdout
    assert "Write 等 for an open list." in _run(*args, lang="C").stdout
    listed = _run("rules", "--config", bilingual_config, lang="zh_CN.UTF-8").stdout
    assert re.search(r"^no-dengdeng .* 开列未尽的事项写“等”$", listed, re.M)


def test_machine_formats_keep_english_unless_lang_is_given(bilingual_config):
    def summary(*args: str) -> str:
        out = _run("rules", "--format", "json", "--config", bilingual_config, *args, lang="zh_CN.UTF-8").stdout
        return next(row["summary"] for row in json.loads(out) if row["id"] == "no-dengdeng")

    assert summary() == "Write 等 for an open list"
    assert summary("--lang", "zh") == "开列未尽的事项写“等”"
    failed = json.loads(_run("check", "--format", "json", "no-such-report.txt", lang="zh_CN.UTF-8").stdout)
    assert [e["message"] for e in failed["errors"]] == ["no such file or directory"]
    data = json.loads(_run("check", "--format", "json", str(SEEDS), lang="zh_CN.UTF-8").stdout)
    assert {"diagnostics"} <= set(data) and all(
        d["severity"] in ("error", "warning", "info") for d in data["diagnostics"]
    )


def test_a_description_zh_that_is_not_text_is_a_rule_file_error(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - id: x\n    kind: pattern\n    severity: info\n    message: m\n    description: d\n"
        "    description-zh: [不是文字]\n    pattern: 等等\n    examples: {fire: [等等], quiet: [等]}\n",
        encoding="utf-8",
    )
    proc = _run("check", "--rule-dir", str(tmp_path), str(SEEDS), lang="C")
    assert proc.returncode == 2
    assert (
        proc.stderr.strip() == f"reportlint: error: {pack}:7:5: rule 'x': 'description-zh' must be a non-empty string"
    )


def test_the_html_page_follows_the_interface_language():
    english = _run("check", "--format", "html", "--no-cache", str(SEED), lang="C").stdout
    assert '<html lang="en">' in english and "<h1>Review</h1>" in english and "24 problems: " in english
    chinese = _run("check", "--format", "html", "--no-cache", str(SEED), lang="zh_CN.UTF-8").stdout
    assert '<html lang="zh-CN">' in chinese and "<h1>审阅报告</h1>" in chinese and "共 24 个问题：" in chinese


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("fr-FR, zh-TW;q=0.5, en;q=0.4", "zh"),
        ("de-DE,de;q=0.9", None),
        ("", None),
        ("en;q=0.2, zh;q=0.7", "zh"),
    ],
)
def test_a_browser_asks_for_its_language(header, expected):
    assert i18n.from_accept_language(header) == expected


def _get(url: str, accept_language: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": accept_language})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def test_the_web_page_speaks_the_browsers_language_unless_serve_is_given_lang(tmp_path):
    pytest.importorskip("starlette")
    for name in ("any", "zh"):
        (tmp_path / name).mkdir()
    served = Served(tmp_path / "any")
    try:
        assert "<h1>报告审阅</h1>" in _get(served.url, "zh-CN,zh;q=0.9")
        assert "<h1>Report review</h1>" in _get(served.url, "en-US,en;q=0.9")
    finally:
        served.stop()
    served = Served(tmp_path / "zh", "--lang", "zh")
    try:
        assert "<h1>报告审阅</h1>" in _get(served.url, "en-US,en;q=0.9")
    finally:
        served.stop()


def test_every_built_in_rule_is_described_in_chinese(monkeypatch):
    from reportlint.rules.loader import builtin_rules_dir, load_rules

    rules = load_rules([builtin_rules_dir()]).rules
    assert not [r.id for r in rules if not r.description_zh], "add description-zh to these rules"
    monkeypatch.setattr(i18n, "_chosen", "zh")
    for rule in rules:  # the summary in `rules` is the first sentence, cut at 。
        assert rule.summary and "。" not in rule.summary and rule.summary in rule.description_zh.replace("\n", "")


RULE = (
    "rules:\n  - id: x\n    kind: pattern\n    severity: info\n    message: m\n    description: d\n"
    "    examples: {fire: [等等], quiet: [等]}\n"
)
# A broken rule file, what its reason says in English, and in Chinese.
BAD_RULE_FILES = [
    (
        "rules:\n  - id: x\n    kind: pattern\n   severity: info\n",
        "did not find expected '-' indicator",
        "找不到应有的“-”",
    ),
    ("rules:\n  - id: x\n\tkind: pattern\n", "found a tab character", "缩进里有制表符"),
    ('rules:\n  - id: "x\n', "found unexpected end of stream", "文件意外结束"),
    ("rules:\n  - id: x\n    message: a: b\n", "mapping values are not allowed", "值里的冒号须加引号"),
    ("rules:\n  - {id: x, id: y}\n", "duplicate key 'id'", "键“id”重复"),
    ("rules: 3\n", "'rules' must be a list", "“rules”须是列表"),
    ("rulez: []\n", "unknown key 'rulez'", "没有键“rulez”"),
    (RULE.replace("kind: pattern", "kind: nope"), "unknown kind 'nope'", "没有规则类型“nope”"),
    (RULE, "give exactly one of 'pattern', 'patterns' or 'literals'", "须给出且只给出一个"),
    (
        RULE + "    pattern: '(['\n",
        "bad regular expression '([': unterminated character set",
        "字符集没有闭合的“]”（位置 2）",
    ),
    (RULE + "    pattern: '(?:(?:a{999}){999})'\n", "is too large: nested repetitions", "过大：嵌套重复次数相乘"),
    (RULE + "    pattern: 等等\n    colour: red\n", "unknown key 'colour' for kind 'pattern'", "没有键“colour”"),
    (
        RULE.replace("severity: info", "severity: fatal") + "    pattern: 等等\n",
        "severity must be one of",
        "severity 须是",
    ),
    (RULE.replace("message: m", "message: '{sugestion}'") + "    pattern: 等等\n", "does not fill in", "不提供它"),
    (
        RULE.replace("examples: {fire: [等等], quiet: [等]}", "examples: {fire: [等等]}") + "    pattern: 等等\n",
        "examples need a 'fire' list and a 'quiet' list",
        "examples 须有“fire”列表和“quiet”列表",
    ),
    (RULE.replace("id: x", "id: X") + "    pattern: 等等\n", "lower-case words", "小写单词"),
    (RULE + "    pattern: 等等\n    fix: maybe\n", "'fix' must be 'safe' or 'unsafe'", "“fix”须是"),
    (RULE.replace("kind: pattern", "kind: repetition") + "    unit: '(a)'\n", "capturing groups", "不能含捕获组"),
    ("types:\n  - {id: t, name: n}\n", "a report type needs 'title'", "报告类型须有“title”"),
]
BAD_CONFIGS = [
    (".reportlint.yaml", "colour: red\n", "unknown setting 'colour'", "没有设置项“colour”"),
    (".reportlint.yaml", "severity: {typo: fatal}\n", "'severity' maps rule ids", "“severity”须把规则映射到"),
    (".reportlint.yaml", "- a list\n", "a config file is a mapping", "配置文件须是"),
    (".reportlint.yaml", "max-file-size: -1\n", "positive number of bytes", "须是正整数"),
    (
        "pyproject.toml",
        "[tool.reportlint]\nselect = 3\n",
        "'select' must be a list of rule ids",
        "“select”须是规则列表",
    ),
    ("pyproject.toml", "[tool.reportlint\n", "Expected ']' at the end of a table declaration", "表的声明应以“]”结尾"),
    ("pyproject.toml", "[tool.reportlint]\ntype = \n", "Invalid value", "值无效"),
]


def _english_prose(text: str) -> list[str]:
    """Runs of English words left in a message once what is quoted or listed is taken out: the
    names a user wrote, keys, and lists of choices stay as they are in any language."""
    for quoted in (r"'[^']*'", r"“[^”]*”", r"\{[^}]*\}", r"\[[^]]*\]", r"（可用：[^）]*）", r"\S*/\S*"):
        text = re.sub(quoted, " ", text)
    text = re.sub(r"[a-z-]+(?:, [a-z-]+)+", " ", text)  # a list of choices: error, warning, info
    return re.findall(r"[A-Za-z]{2,} [A-Za-z]{2,}", text)


def _reason(call) -> str:
    from reportlint.rules.loader import RuleFileError

    with pytest.raises(RuleFileError) as raised:
        call()
    return raised.value.reason


@pytest.mark.parametrize(("text", "english", "chinese"), BAD_RULE_FILES, ids=[c[1] for c in BAD_RULE_FILES])
def test_rule_file_errors_give_their_reason_in_chinese(tmp_path, text, english, chinese):
    from reportlint.rules.loader import load_rules

    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    with i18n.using("en"):
        assert english in _reason(lambda: load_rules([tmp_path]))
    with i18n.using("zh"):
        reason = _reason(lambda: load_rules([tmp_path]))
    assert chinese in reason and not _english_prose(reason), reason


@pytest.mark.parametrize(("name", "text", "english", "chinese"), BAD_CONFIGS, ids=[c[2] for c in BAD_CONFIGS])
def test_config_errors_give_their_reason_in_chinese(tmp_path, name, text, english, chinese):
    from reportlint.config import load_settings

    (tmp_path / name).write_text(text, encoding="utf-8")
    with i18n.using("en"):
        assert english in _reason(lambda: load_settings(tmp_path / name))
    with i18n.using("zh"):
        reason = _reason(lambda: load_settings(tmp_path / name))
    assert chinese in reason and not _english_prose(reason), reason


def test_the_english_prose_check_sees_english():
    assert _english_prose("rule 'x': unknown kind 'nope' (known: a, b)") == ["unknown kind"]
    assert _english_prose("规则“x”：bad regular expression") == ["bad regular"]
    assert not _english_prose("“severity”须把规则映射到 error, warning, info 之一")


def test_errors_outside_rule_files_are_chinese_too(tmp_path):
    """Unreadable files, directories, unknown rule ids on the command line, Click's own checks."""
    from conftest import seed_docx

    docx = seed_docx(tmp_path / "report.docx")
    note = _run("check", "--fix", "--no-cache", str(docx), lang="zh_CN.UTF-8").stderr
    assert (
        note
        == f"reportlint：{docx}：修复不直接改写 .docx；用 --annotate OUT.docx 另存一份副本，修复以修订形式写在其中\n"
    )
    errors = [
        _run("check", "--rule-dir", str(tmp_path / "missing"), str(SEED), lang="zh_CN.UTF-8").stderr,
        _run("check", "--config", str(tmp_path / "none.yaml"), str(SEED), lang="zh_CN.UTF-8").stderr,
        _run("check", "--select", "no-such-rule", str(SEED), lang="zh_CN.UTF-8").stderr,
        _run("check", "--annotate", str(tmp_path), str(SEED), lang="zh_CN.UTF-8").stderr,
        _run("check", "--jobs", "many", str(SEED), lang="zh_CN.UTF-8").stderr,
        _run("outline", str(tmp_path), lang="zh_CN.UTF-8").stderr,
        _run("init", "--type", "memo", lang="zh_CN.UTF-8").stderr,
    ]
    assert "规则目录不存在" in errors[0] and "无法读取：没有这个文件或目录" in errors[1]
    assert "命令行:1:1: 没有规则“no-such-rule”" in errors[2]
    assert "文件" in errors[3] and "整数范围" in errors[4] and "没有报告类型“memo”" in errors[6]
    for error in errors:
        last = error.strip().splitlines()[-1]  # Click puts the usage line (commands, options) above
        assert last.startswith(("reportlint：错误：", "错误：")) and not _english_prose(last), error


def _help(*command: str, columns: int) -> str:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "COLUMNS": str(columns)}
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", *command, "--help"], capture_output=True, env=env, timeout=120, text=True
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_chinese_help_wraps_at_the_terminal_width_counting_a_chinese_character_as_two_columns():
    from reportlint.base.columns import width
    from reportlint.cli import main

    for columns in (60, 100):
        for command in ([], *([name] for name in main.commands)):
            text = _help(*command, columns=columns)
            assert re.search(r"[\u4e00-\u9fff]", text), command
            too_wide = [line for line in text.splitlines() if width(line) > columns]
            assert not too_wide, (command, columns, too_wide)
    # and it uses the room: Click's 78 columns at most, the description's first line near it
    description = _help(columns=100).splitlines()[2]
    assert 70 <= width(description) <= 78, description


def test_wrapping_breaks_between_chinese_characters_never_before_a_closing_mark():
    from reportlint.base.columns import unfold, wrap

    lines = wrap("检查报告文件和目录（.txt、.md、.docx）；“-”表示读取标准输入。", 16)
    assert lines == ["检查报告文件和目", "录（.txt、.md、", ".docx）；“-”表示", "读取标准输入。"]
    english = ["Lowest severity that", "makes the exit code", "1."]
    assert wrap("Lowest severity that makes the exit code 1.", 20) == english
    assert unfold("发现问题\n时也退出\nwith code 0") == "发现问题时也退出 with code 0"


def test_every_built_in_kind_and_parameter_is_described_in_chinese_naming_what_the_english_names():
    from reportlint.rules.kinds import builtin_kinds

    for kind in builtin_kinds():
        assert kind.doc_zh, f"add doc_zh to kind {kind.name}"
        for field in kind.fields:  # the message fields, as the English description names them
            assert f"``{{{field}}}``" in kind.doc_zh, (kind.name, field)
        for name, param in kind.params.items():
            assert param.doc_zh, f"add doc_zh to parameter {name} of kind {kind.name}"
            assert f"``{name}``" not in kind.doc or f"``{name}``" in kind.doc_zh, (kind.name, name)


def test_kinds_speaks_chinese_under_a_chinese_locale_and_docs_stay_english():
    chinese = _run("kinds", lang="zh_CN.UTF-8").stdout.splitlines()
    assert chinese[0].split() == ["类型", "限定范围", "修复", "消息字段", "参数", "说明"]
    rows = {line.split()[0]: line for line in chinese[1:]}
    assert re.search(r"^repetition +是 +视参数 .* 同一单元连写两次以上，如“的的”“。。”“，。”。$", rows["repetition"])
    for line in chinese[1:]:
        summary = line.split(maxsplit=5)[5]
        assert re.search(r"[\u4e00-\u9fff]", summary) and not _english_prose(summary), line
    english = _run("kinds", lang="C").stdout
    assert re.search(r"^pattern +yes +never +match .* flag every match of a regex", english, re.M)
    page = _run("kinds", "--format", "markdown", lang="zh_CN.UTF-8").stdout
    assert page.startswith("# 规则类型\n") and "| `min` | int | `2` | — | 几个单元算连写 |" in page
    assert (ROOT / "docs" / "kinds.md").read_text(encoding="utf-8") == _run(
        "kinds", "--format", "markdown", lang="C"
    ).stdout


def test_statistics_and_rule_timings_in_chinese():
    proc = _run("check", "--statistics", "--profile-rules", "--no-cache", str(SEED), lang="zh_CN.UTF-8")
    assert re.search(r"^ +13  placeholder +错误$", proc.stdout, re.M)
    assert re.search(r"^ +3  halfwidth-punct +警告  \[\*\]$", proc.stdout, re.M)
    header = proc.stderr.splitlines()[0]
    assert header.split() == ["规则", "毫秒", "占比"]
    from reportlint.base.columns import width

    first = proc.stderr.splitlines()[1]  # the milliseconds end under the end of 毫秒
    assert width(header[: header.index("毫秒") + 2]) == len(first.rsplit(" ", 1)[0].rstrip())


def test_system_reasons_are_translated_by_their_number_and_reportlints_own_kept():
    import errno

    from reportlint.base.files import os_reason

    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "report.txt")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    ours = PermissionError(errno.EACCES, "the file is read-only; not rewritten")
    with i18n.using("zh"):
        assert (os_reason(denied), os_reason(full)) == ("没有权限", "磁盘空间不足")
        assert os_reason(ours) == "the file is read-only; not rewritten"  # translated where it was raised
        assert os_reason(OSError(errno.EPROTO, os.strerror(errno.EPROTO))) == os.strerror(errno.EPROTO)
    with i18n.using("en"):
        assert os_reason(denied) == os.strerror(errno.EACCES)  # in English, the system's own words
