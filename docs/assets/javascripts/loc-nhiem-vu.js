/* Filter boxes of the task-progress pages: typing narrows the list to the items holding the words
   typed, in that order, without regard to tone marks,
   đ/d or case ("ho thi hoang yen" finds "Hồ Thị Hoàng Yến"). An item is matched against its
   data-filter-text, folded by the site's build (the overview: words not shown on the page), or else
   against the text of its parts marked data-filter-part, folded here once. The status list beside it
   keeps the items whose data-statuses holds the status chosen. */
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

  // an item's words, folded, as " w1 w2 … ": a typed phrase must start at a word
  function itemText(item) {
    var text = item.getAttribute("data-filter-text");
    if (text === null) {
      var parts = item.querySelectorAll("[data-filter-part]");
      text = Array.prototype.map.call(parts, function (part) { return part.textContent; }).join(" ");
      text = " " + words(text).join(" ") + " ";
    }
    return text;
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  function setUp() {
    document.querySelectorAll("input[data-bt-filter]").forEach(function (input) {
      if (input.dataset.ready) {
        return;
      }
      input.dataset.ready = "1";
      var items = Array.prototype.slice.call(document.querySelectorAll(input.dataset.btFilter));
      var texts = items.map(itemText);
      var box = input.closest(".bt-filter");
      var count = box.querySelector(".bt-filter__count");
      var select = box.querySelector("select[data-bt-status-filter]");
      // an item's statuses, "|"-separated: a task's own, or every status among a leader's tasks
      var statuses = items.map(function (item) {
        return "|" + (item.getAttribute("data-statuses") || "") + "|";
      });
      function apply() {
        // the words typed, as a phrase that starts at a word: "ho thi hoang" finds "Hồ Thị Hoàng Yến"
        var typed = words(input.value);
        var phrase = " " + typed.join(" ");
        var status = select ? select.value : "";
        var shown = 0;
        items.forEach(function (item, i) {
          var match = texts[i].indexOf(phrase) !== -1 &&
            (!status || statuses[i].indexOf("|" + status + "|") !== -1);
          item.hidden = !match;
          if (match) {
            shown += 1;
          }
        });
        if (count) {
          count.textContent = typed.length || status ? "Hiện " + shown + "/" + items.length : "";
        }
      }
      input.addEventListener("input", apply);
      if (select) {
        select.addEventListener("change", apply);
      }
      apply();
    });
  }

  setUp();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();
