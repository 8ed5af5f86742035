/* The print view of an issue (ban-in.md): its button opens the browser's print dialog, where the reader
   prints the issue or saves it as PDF. Hidden until this script runs, so it never shows without effect. */
(function () {
  "use strict";
  document.querySelectorAll("button.bt-print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
