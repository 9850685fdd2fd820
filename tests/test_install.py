"""A plain (non-editable) install finds its grammar and built-in rules without the source tree.

The wheel goes into a venv of its own, isolated from the interpreter running the tests (no
``--system-site-packages``: a venv made from a venv would inherit the *base* interpreter's
packages, which need not include lark), with its dependencies installed by pip the way a user's
``pip install`` gets them (from the index, or the wheels pip is configured to find)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

from conftest import ROOT, SEED


def test_wheel_ships_rules_and_grammar_and_works_outside_the_tree(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("reportlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "reportlint/outline/outline.lark" in names
    assert "reportlint/rules/packs/40-structure.yaml" in names
    assert "reportlint/schemas/output.schema.json" in names
    assert "reportlint/formats/assets/review.css" in names and "reportlint/formats/assets/review.js" in names
    assert "reportlint/locale/zh_CN/LC_MESSAGES/reportlint.mo" in names
    assert not [name for name in names if name.endswith((".po", ".pot"))]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    where = subprocess.run(
        [str(python), "-c", "import reportlint.rules.loader as l; print(l.builtin_rules_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)) and where.endswith("packs")
    proc = subprocess.run(
        [str(venv / "bin" / "reportlint"), "outline", str(SEED), "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    data = json.loads(proc.stdout)
    assert [s["heading"] for s in data["sections"]] == ["主要做法", "存在的问题及原因", "下一步工作计划"]
    assert [len(s["children"]) for s in data["sections"]] == [4, 3, 3]
    assert [(i["marker"], i["line"]) for i in data["sections"][0]["children"][0]["items"]] == [
        ("一是", 6),
        ("二是", 6),
        ("三是", 6),
    ]
    check = subprocess.run(
        [str(venv / "bin" / "reportlint"), "check", "--format", "json", str(SEED)], cwd=tmp_path, capture_output=True
    )
    assert check.returncode == 1 and len(json.loads(check.stdout)["diagnostics"]) == 24
    chinese = subprocess.run(
        [str(venv / "bin" / "reportlint"), "check", str(SEED)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "zh_CN.UTF-8"},
    )
    assert chinese.stdout.splitlines()[-1].startswith("发现 24 个问题（")
