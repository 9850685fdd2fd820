"""A rule's documentation as text: used by ``reportlint explain`` and the generated rules page."""

from __future__ import annotations

from .ruleset import Rule


def explain_rule(rule: Rule, markdown: bool = False) -> str:
    heading = f"## `{rule.id}`" if markdown else rule.id
    lines = [heading, ""]
    facts = [f"kind: {rule.kind}", f"severity: {rule.severity}", f"fixable: {'yes' if rule.fixable else 'no'}"]
    if rule.types:
        facts.append(f"report types: {', '.join(sorted(rule.types))}")
    if rule.scope:
        facts.append(f"scope: {', '.join(sorted(rule.scope))}")
    if not rule.default:
        facts.append("off by default (enable with --extend-select)")
    lines += [" · ".join(facts), "", rule.description.strip(), ""]
    fire = [e for e in rule.examples if e.count]
    quiet = [e for e in rule.examples if not e.count]
    for title, examples in (("Fires on", fire), ("Stays quiet on", quiet)):
        lines.append(f"{'**' + title + '**' if markdown else title}:")
        lines.append("")
        for example in examples:
            count = f"  ({example.count} findings)" if example.count > 1 else ""
            text = example.text.replace("\n", "⏎")
            lines.append(f"- `{text}`{count}" if markdown else f"  - {text}{count}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
