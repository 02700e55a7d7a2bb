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

    // Procedure choice: say at once which day the chosen procedure counts from (no reload, no submit).
    var proc = document.getElementById("procedure");
    var hint = document.getElementById("start-hint");
    if (proc && hint) {
      proc.addEventListener("change", function () {
        var option = proc.options[proc.selectedIndex];
        var label = option && option.getAttribute("data-start-label");
        if (label) {
          hint.textContent = hint.textContent.replace(/^本事项自“[^”]*”起算。/, "本事项自“" + label + "”起算。");
        }
      });
    }

    // The record's print time: the page says when it was made; printing later says when it was printed.
    window.addEventListener("beforeprint", function () {
      var now = new Date(Date.now() + 8 * 3600 * 1000);  // Beijing time, whatever the PC's zone
      var text = now.toISOString().slice(0, 16).replace("T", " ");
      document.querySelectorAll("[data-printed]").forEach(function (el) { el.textContent = text; });
    });

    // Copy button (data-copy="<id>"): the block's text to the clipboard; selecting it by hand works anyway.
    document.querySelectorAll("[data-copy]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var block = document.getElementById(btn.getAttribute("data-copy"));
        var said = btn.parentNode.querySelector("[data-copied]");
        if (!block) { return; }
        var range = document.createRange();
        range.selectNodeContents(block);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var done = function () { if (said) { said.textContent = "已复制"; } };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(block.innerText).then(done, function () { document.execCommand("copy"); done(); });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    });

    // Print button: only shown when JavaScript runs (the browser's own print works anyway).
    document.querySelectorAll("[data-print]").forEach(function (btn) {
      btn.addEventListener("click", function () { window.print(); });
    });
  });
})();
