/* Filter boxes of the task-progress pages: typing narrows the list to the items holding the words
   typed, in that order, without regard to tone marks,
   đ/d or case ("ho thi hoang yen" finds "Hồ Thị Hoàng Yến"). Each item carries its text already
   folded the same way by the site's build (data-filter-text). */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .trim();
  }

  function setUp() {
    document.querySelectorAll("input[data-bt-filter]").forEach(function (input) {
      if (input.dataset.ready) {
        return;
      }
      input.dataset.ready = "1";
      var items = Array.prototype.slice.call(document.querySelectorAll(input.dataset.btFilter));
      var count = input.closest(".bt-filter").querySelector(".bt-filter__count");
      function apply() {
        // the words typed, as a phrase that starts at a word: "ho thi hoang" finds "Hồ Thị Hoàng Yến"
        var words = fold(input.value).split(/[^a-z0-9]+/).filter(Boolean);
        var phrase = " " + words.join(" ");
        var shown = 0;
        items.forEach(function (item) {
          var match = (item.getAttribute("data-filter-text") || "").indexOf(phrase) !== -1;
          item.hidden = !match;
          if (match) {
            shown += 1;
          }
        });
        if (count) {
          count.textContent = words.length ? shown + "/" + items.length : "";
        }
      }
      input.addEventListener("input", apply);
      apply();
    });
  }

  setUp();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();
