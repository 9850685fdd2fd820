"""reportlint: a rule-based compliance checker for Chinese official work reports.

The public API lives in :mod:`reportlint.api`; the names below are re-exported lazily so that
``import reportlint`` stays cheap for the command line.
"""

__version__ = "0.1.0"

__all__ = ["lint_text", "lint_bytes", "lint_path", "parse_outline", "__version__"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from reportlint import api

        return getattr(api, name)
    raise AttributeError(name)
