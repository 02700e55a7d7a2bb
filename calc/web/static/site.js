// Local progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // After a submit with errors, move focus to the summary so screen readers read it first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    else {
      var answer = document.getElementById("answer");
      if (answer && window.location.search) { answer.setAttribute("tabindex", "-1"); }
    }

    // "再加一段": copy the last pause row, empty, with fresh ids (no reload needed).
    var box = document.querySelector("[data-rows]");
    if (box) {
      var add = document.createElement("button");
      add.type = "button";
      add.className = "secondary";
      add.textContent = box.getAttribute("data-add-label") || "再加一行";
      add.addEventListener("click", function () {
        var rows = box.querySelectorAll("[data-row]");
        var last = rows[rows.length - 1];
        var copy = last.cloneNode(true);
        var n = rows.length;
        copy.querySelectorAll("input, select, label, p").forEach(function (el) {
          ["id", "for", "aria-describedby"].forEach(function (attr) {
            var v = el.getAttribute(attr);
            if (v) { el.setAttribute(attr, v.replace(/-\d+(?=(-hint|-error)?(\s|$))/g, "-" + n)); }
          });
          if (el.tagName === "INPUT") { el.value = ""; el.removeAttribute("aria-invalid"); }
          if (el.tagName === "SELECT") { el.selectedIndex = 0; }
          if (el.classList && el.classList.contains("error")) { el.remove(); }
        });
        copy.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
        copy.querySelectorAll("label").forEach(function (el) {
          el.textContent = el.textContent.replace(/第\d+段/, "第" + (n + 1) + "段");
        });
        last.parentNode.insertBefore(copy, last.nextSibling);
        var first = copy.querySelector("input");
        if (first) { first.focus(); }
      });
      box.appendChild(add);
    }

    // Procedure choice: say at once which day the chosen procedure counts from, and whether it asks
    // for a day or a date and time (刑事拘留: 起算时间), without reload or submit. The words are the
    // page's (data-day, data-hour on the select: calc/web/timelines.py START_WORDS).
    var proc = document.getElementById("procedure");
    var hint = document.getElementById("start-hint");
    var start = document.getElementById("start");
    if (proc && hint && start) {
      var words = { day: JSON.parse(proc.getAttribute("data-day")), hour: JSON.parse(proc.getAttribute("data-hour")) };
      proc.addEventListener("change", function () {
        var option = proc.options[proc.selectedIndex];
        var label = option && option.getAttribute("data-start-label");
        var w = option && option.getAttribute("data-hours") ? words.hour : words.day;
        if (label) { hint.textContent = "本事项自“" + label + "”起算。" + w.format; }
        var field = document.querySelector("label[for=start]");
        if (field && field.firstChild) { field.firstChild.nodeValue = w.label + " "; }
        start.placeholder = w.placeholder;
        if (w.inputmode) { start.setAttribute("inputmode", w.inputmode); } else { start.removeAttribute("inputmode"); }
      });
    }

    // The record's print time: the page says when it was made; printing later says when it was printed.
    window.addEventListener("beforeprint", function () {
      var now = new Date(Date.now() + 8 * 3600 * 1000);  // Beijing time, whatever the PC's zone
      var text = now.toISOString().slice(0, 16).replace("T", " ");
      document.querySelectorAll("[data-printed]").forEach(function (el) { el.textContent = text; });
    });

    // The copy buttons of the citation blocks: calc/web/static/copy.js, loaded on every page.

    // Print button: only shown when JavaScript runs (the browser's own print works anyway).
    document.querySelectorAll("[data-print]").forEach(function (btn) {
      btn.addEventListener("click", function () { window.print(); });
    });
  });
})();
