/* Filter boxes of the task-progress pages: typing narrows the list to the items holding the words
   typed, in that order, without regard to tone marks, đ/d or case ("ho thi hoang yen" finds "Hồ Thị Hoàng
   Yến"); the words are marked where they show. An item is matched against its data-filter-text, folded by
   the site's build (the overview: words not shown on the page), or else against the text of its parts
   marked data-filter-part, folded here once. The status list beside it keeps the items whose
   data-statuses holds the status chosen, and says how many each status would keep.

   The filter is the page's address too (?loc=words&trang-thai=status): the overview's links to a leader's
   page, and that page's link back, take it along, so the words typed on one page filter and mark the next. */
(function () {
  "use strict";

  var WORDS = "loc";
  var STATUS = "trang-thai";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .trim();
  }

  /* `text` folded one UTF-16 unit for one (NFC text: a letter with its marks is one unit), so that an
     offset in the folded text is the same in `text`. */
  function foldUnits(text) {
    return text.replace(/[^\x00-\x7f]/g, function (unit) {
      var folded = fold(unit);
      return folded.length === 1 ? folded : unit;
    }).toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  // an item's words, folded, as " w1 w2 … ": a typed phrase must start at a word
  function itemText(item) {
    var text = item.getAttribute("data-filter-text");
    if (text === null) {
      text = " " + words(shownText(item)).join(" ") + " ";
    }
    return text;
  }

  // the parts of an item a reader sees the words in: its data-filter-part blocks, or its cells
  function shownParts(item) {
    var parts = item.querySelectorAll("[data-filter-part]");
    return parts.length ? Array.prototype.slice.call(parts) : Array.prototype.slice.call(item.children);
  }

  function shownText(item) {
    return shownParts(item).map(function (part) {
      return part.textContent;
    }).join(" ");
  }

  function unmark(root) {
    root.querySelectorAll("mark.bt-filter-hit").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
  }

  /* Mark in `root` the typed words where they stand together (the last may be a word's beginning). */
  function mark(root, typed) {
    if (!typed.length) {
      return;
    }
    var pattern = new RegExp(
      "(?<![a-z0-9])" + typed.join("[^a-z0-9]+") + "[a-z0-9]*(?![a-z0-9])",
      "g"
    );
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue.normalize("NFC");
      var folded = foldUnits(text);
      var found = [];
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(folded))) {
        found.push([match.index, match.index + match[0].length]);
      }
      if (!found.length) {
        return;
      }
      var fragment = document.createDocumentFragment();
      var at = 0;
      found.forEach(function (span) {
        fragment.appendChild(document.createTextNode(text.slice(at, span[0])));
        var hit = document.createElement("mark");
        hit.className = "bt-filter-hit";
        hit.textContent = text.slice(span[0], span[1]);
        fragment.appendChild(hit);
        at = span[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function setUp() {
    var params = new URLSearchParams(location.search);
    document.querySelectorAll("input[data-bt-filter]").forEach(function (input) {
      if (input.dataset.ready) {
        return;
      }
      input.dataset.ready = "1";
      var items = Array.prototype.slice.call(document.querySelectorAll(input.dataset.btFilter));
      var texts = items.map(itemText);
      var box = input.closest(".bt-filter");
      var noun = box.getAttribute("data-noun") || "mục";
      var count = box.querySelector(".bt-filter__count");
      var select = box.querySelector("select[data-bt-status-filter]");
      var links = document.querySelectorAll("a[data-bt-keep-filter]");
      // an item's statuses, "|"-separated: a task's own, or every status among a leader's tasks
      var statuses = items.map(function (item) {
        return "|" + (item.getAttribute("data-statuses") || "") + "|";
      });
      var labels = select
        ? Array.prototype.map.call(select.options, function (option) {
            return option.textContent;
          })
        : [];
      input.value = params.get(WORDS) || "";
      if (select && params.get(STATUS)) {
        select.value = params.get(STATUS);
        if (select.value !== params.get(STATUS)) {
          select.value = ""; // not one of the choices: every status
        }
      }

      function has(i, status) {
        return !status || statuses[i].indexOf("|" + status + "|") !== -1;
      }

      // the filter as an address query ('?loc=quy+hoach&trang-thai=hoàn+thành'; '' when there is none),
      // over the parameters `base` has already (the search's ?h=words stays)
      function query(base, typed, status) {
        var out = new URLSearchParams(base);
        out.delete(WORDS);
        out.delete(STATUS);
        if (typed.length) {
          out.set(WORDS, input.value.trim());
        }
        if (status) {
          out.set(STATUS, status);
        }
        var text = out.toString();
        return text ? "?" + text : "";
      }

      function apply() {
        // the words typed, as a phrase that starts at a word: "ho thi hoang" finds "Hồ Thị Hoàng Yến"
        var typed = words(input.value);
        var phrase = " " + typed.join(" ");
        var status = select ? select.value : "";
        var shown = 0;
        var byStatus = { "": 0 }; // items each choice keeps with the words typed ("": every status)
        items.forEach(function (item, i) {
          var holds = texts[i].indexOf(phrase) !== -1;
          var match = holds && has(i, status);
          item.hidden = !match;
          unmark(item);
          if (match) {
            shown += 1;
            mark(item, typed);
          }
          if (holds && select) {
            Array.prototype.forEach.call(select.options, function (option) {
              if (has(i, option.value)) {
                byStatus[option.value] = (byStatus[option.value] || 0) + 1;
              }
            });
          }
        });
        if (select) {
          // each choice says how many items it keeps, with the words typed
          Array.prototype.forEach.call(select.options, function (option, n) {
            option.textContent = labels[n] + " (" + (byStatus[option.value] || 0) + ")";
          });
        }
        if (count) {
          count.textContent = sentence(typed, status, shown);
        }
        links.forEach(function (link) {
          var url = new URL(link.getAttribute("href"), location.href);
          url.search = query("", typed, status);
          link.href = url.href;
        });
        var here = query(location.search, typed, status);
        if (here !== location.search && history.replaceState) {
          history.replaceState(history.state, "", location.pathname + here + location.hash); // a reload keeps it
        }
      }

      function sentence(typed, status, shown) {
        if (!typed.length && !status) {
          return "";
        }
        var asked = [];
        if (typed.length) {
          asked.push("từ “" + input.value.trim() + "”");
        }
        if (status) {
          asked.push("trạng thái “" + status + "”");
        }
        if (!shown) {
          return "Không có " + noun + " nào có " + asked.join(" và ") + ".";
        }
        return "Có " + shown + " trong " + items.length + " " + noun + " có " + asked.join(" và ") + ".";
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
