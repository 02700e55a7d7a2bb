// The citation block's copy button (calc/web/templates/_macros.html citation_block). Without this
// file the button stays hidden (.js-only) and the block's text is selected and copied by hand.
(function () {
  "use strict";
  function say(button, words) {
    var status = button.parentNode.querySelector(".copied");
    if (status) { status.textContent = words; }
  }
  function byHand(button, block) {
    // Where the clipboard API is not offered (an http address on the bureau's network): select the
    // text and ask the browser to copy the selection.
    var range = document.createRange();
    range.selectNodeContents(block);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    say(button, done ? "已复制" : "已选中，请按 Ctrl+C 复制");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) { return; }
    var block = document.getElementById(button.getAttribute("data-copy"));
    if (!block) { return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(block.textContent).then(function () { say(button, "已复制"); },
                                                          function () { byHand(button, block); });
    } else {
      byHand(button, block);
    }
  });
})();
