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
        copy.querySelectorAll("input, label, p").forEach(function (el) {
          ["id", "for", "aria-describedby"].forEach(function (attr) {
            var v = el.getAttribute(attr);
            if (v) { el.setAttribute(attr, v.replace(/-\d+(?=(-hint|-error)?(\s|$))/g, "-" + n)); }
          });
          if (el.tagName === "INPUT") { el.value = ""; el.removeAttribute("aria-invalid"); }
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

    // Print button: only shown when JavaScript runs (the browser's own print works anyway).
    document.querySelectorAll("[data-print]").forEach(function (btn) {
      btn.addEventListener("click", function () { window.print(); });
    });
  });
})();
