// The review page's behaviour: filters by severity and rule, highlights that follow them, and
// the finding list and text pointing at each other. Reads only data-* attributes; never builds
// markup from them.
(function () {
  "use strict";
  const order = document.body.dataset.severityOrder.split(" ");
  const rank = (severity) => order.indexOf(severity);
  const items = Array.from(document.querySelectorAll("li.finding"));
  const marks = Array.from(document.querySelectorAll("mark.hl"));
  const severityOf = new Map(items.map((li) => [li.dataset.id, li.dataset.severity]));
  const boxes = (kind) => Array.from(document.querySelectorAll('input[data-filter="' + kind + '"]'));
  const shown = document.querySelector(".shown");

  function apply() {
    const severities = new Set(boxes("severity").filter((b) => b.checked).map((b) => b.value));
    const rules = new Set(boxes("rule").filter((b) => b.checked).map((b) => b.value));
    const visible = new Set();
    for (const li of items) {
      const on = severities.has(li.dataset.severity) && rules.has(li.dataset.rule);
      li.hidden = !on;
      if (on) visible.add(li.dataset.id);
    }
    for (const mark of marks) {
      const ids = mark.dataset.ids.split(" ").filter((id) => visible.has(id));
      let top = null;
      for (const id of ids) {
        const severity = severityOf.get(id);
        if (top === null || rank(severity) > rank(top)) top = severity;
      }
      mark.classList.remove("sev-error", "sev-warning", "sev-info", "off");
      mark.classList.add(top === null ? "off" : "sev-" + top);
    }
    const all = boxes("all-rules")[0];
    if (all) {
      const ruleBoxes = boxes("rule");
      all.checked = ruleBoxes.every((b) => b.checked);
      all.indeterminate = !all.checked && ruleBoxes.some((b) => b.checked);
    }
    if (shown) {
      shown.textContent = shown.dataset.template
        .replace("{shown}", String(visible.size))
        .replace("{total}", String(items.length));
    }
  }

  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.filter) return;
    if (box.dataset.filter === "all-rules") {
      for (const b of boxes("rule")) b.checked = box.checked;
    }
    apply();
  });

  function focus(id, on) {
    for (const mark of marks) {
      if (mark.dataset.ids.split(" ").includes(id)) mark.classList.toggle("focus", on);
    }
  }
  for (const li of items) {
    li.addEventListener("mouseenter", () => focus(li.dataset.id, true));
    li.addEventListener("mouseleave", () => focus(li.dataset.id, false));
  }
  for (const mark of marks) {
    mark.addEventListener("click", () => {
      const li = items.find((item) => mark.dataset.ids.split(" ").includes(item.dataset.id) && !item.hidden);
      if (!li) return;
      li.scrollIntoView({ block: "nearest" });
      li.classList.add("focus");
      setTimeout(() => li.classList.remove("focus"), 1500);
    });
  }

  // Downloads carried in the page itself (the web page keeps nothing on the server).
  for (const link of document.querySelectorAll("a[data-payload]")) {
    const payload = document.getElementById(link.dataset.payload);
    if (!payload) continue;
    const bytes = Uint8Array.from(atob(payload.textContent.trim()), (c) => c.charCodeAt(0));
    link.href = URL.createObjectURL(new Blob([bytes], { type: link.dataset.type }));
  }

  apply();
})();
