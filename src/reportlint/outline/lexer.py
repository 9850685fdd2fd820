"""Lark's contextual lexer with its patterns made by ``base.srecode``: the lexer's big pattern
of every terminal cost ``re`` some 18 M instructions to compile at each start (docs/
performance.md, round 7). Given to Lark as its ``ContextualLexer`` plugin when the parser is
loaded from the cache; the tokens are the same, only where the compiled pattern comes from
differs."""

from __future__ import annotations

import re
from collections.abc import Collection
from copy import copy
from typing import Any

from lark.common import LexerConf
from lark.lexer import ContextualLexer

from reportlint.base import srecode


class _Patterns:
    """What Lark's lexer asks of its regex module."""

    error = re.error
    compile = staticmethod(srecode.compile)
    match = staticmethod(re.match)


class SreContextualLexer(ContextualLexer):
    """Lark's contextual lexer, its regex module :class:`_Patterns`."""

    def __init__(
        self, conf: LexerConf, states: dict[int, Collection[str]], always_accept: Collection[str] = ()
    ) -> None:
        conf = copy(conf)
        conf.re_module = _Patterns  # type: ignore[assignment]
        super().__init__(conf, states, always_accept)


PLUGINS: dict[str, Any] = {"ContextualLexer": SreContextualLexer}
