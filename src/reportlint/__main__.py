"""``python -m reportlint`` and the ``reportlint`` command.

The command line is imported here rather than named directly as the entry point, so that a
package reportlint needs and cannot import is one line and exit 2, not a traceback."""

from __future__ import annotations

import sys

from reportlint.base.collector import before_exit, long_lived


def run() -> None:
    try:
        with long_lived():
            from reportlint.cli import main
    except ImportError as exc:
        sys.stderr.write(f"reportlint: error: a package reportlint needs cannot be imported: {exc} (reinstall it)\n")
        raise SystemExit(2) from None
    try:
        main()
    finally:
        before_exit()


if __name__ == "__main__":
    run()
