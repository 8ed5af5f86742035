/* The site's search box, and the highlighting of a result's words on the page it opens.

   The box is the site's own, not the theme's: a button in the header (or, on a page without the theme's
   header, at the top right) opens a dialog; the "/" key opens it too. It asks engine.js, which fetches the
   index written after the build (scripts/search/build.py) and reads nothing of the theme. A result links
   to its page with ?h=<query>; on that page the words are marked (the exact form and the phrase, as in the
   snippets) and the first is scrolled into view. */
(function () {
  "use strict";

  var Engine = window.BanTinSearch;
  var PAGE_SIZE = 10;
  // snippets need each result's text: they come once the reader pauses this long, not for every list a
  // keystroke replaces (on a phone, the texts of the lists typed past would slow the next keys)
  var PAUSE_MS = 250;
  var STORE = "ban-tin:tim-kiem"; // the last query, for the box on the next page
  var HINT = "Gõ có dấu hay không dấu đều được."; // under the empty box
  var MORE = "Gõ thêm chữ để tìm."; // under one letter alone: no list yet, rather than "no page"
  // a word being typed that is not yet a syllable ('chuy'): the list shown stays until the reader pauses
  // this long or the word becomes one ('chuyên'), rather than swinging with each key
  var SETTLE_MS = 700;

  function siteRoot() {
    // "." or "../.." on a page, "/" (the site's root, absolute) on the 404 page, which any address shows
    var base = document.querySelector('meta[name="bt:root"]');
    base = base ? base.content : ".";
    return new URL(/\/$/.test(base) ? base : base + "/", location.href);
  }

  var root = siteRoot();
  var search = new Engine.Search(new URL("search/tim-kiem/", root).href);

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attributes[name];
      } else if (name === "html") {
        node.innerHTML = attributes[name];
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  var ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 ' +
    "1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 " +
    '9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5z"/></svg>';

  function buildBox() {
    var input = element("input", {
      type: "search",
      id: "bt-search-input",
      name: "q",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "Gõ từ cần tìm", // fits a 360 px phone; the line under the box says the rest
      "aria-describedby": "bt-search-status",
    });
    var status = element("p", { id: "bt-search-status", class: "bt-search__status", role: "status", text: HINT });
    var list = element("ol", { class: "bt-search__results", "aria-label": "Kết quả tìm kiếm" });
    var more = element("button", { type: "button", class: "bt-search__more", hidden: "", text: "Xem thêm kết quả" });
    var close = element("button", { type: "button", class: "bt-search__close", text: "Đóng" });
    var form = element("form", { role: "search", class: "bt-search__form" }, [
      element("label", { for: "bt-search-input", class: "bt-search__label", text: "Tìm trong bản tin" }),
      element("div", { class: "bt-search__row" }, [input, close]),
    ]);
    var dialog = element("dialog", { class: "bt-search", "aria-label": "Tìm kiếm trong bản tin" }, [
      form,
      status,
      list,
      more,
    ]);
    document.body.appendChild(dialog);
    return { dialog: dialog, input: input, status: status, list: list, more: more, close: close, form: form };
  }

  function buildButton(open, warmUp) {
    var button = element("button", {
      type: "button",
      class: "md-header__button md-icon bt-search-button",
      "aria-label": "Tìm kiếm",
      title: "Tìm kiếm (phím /)",
      html: ICON,
    });
    button.addEventListener("click", open);
    // a pointer on the button or the keyboard's focus on it says the box is about to open: the page list
    // starts coming now, not after the click (a reader who does not search fetches nothing)
    ["pointerenter", "pointerdown", "focus"].forEach(function (type) {
      button.addEventListener(type, warmUp, { once: true });
    });
    var header = document.querySelector(".md-header__inner");
    var before = header && header.querySelector(".md-header__source, [data-md-component=palette]");
    if (header) {
      header.insertBefore(button, before || null);
    } else {
      button.classList.add("bt-search-button--alone");
      document.body.insertBefore(button, document.body.firstChild);
    }
    return button;
  }

  /* Run `work` when the page has nothing more pressing to do: after the frame that shows the results,
     and after any key typed meanwhile (browsers without requestIdleCallback: after the next frame). */
  function whenIdle(work) {
    if (window.requestIdleCallback) {
      requestIdleCallback(work, { timeout: 500 });
    } else {
      requestAnimationFrame(function () {
        setTimeout(work, 0);
      });
    }
  }

  function resultItem(query, result, partial) {
    var href = new URL(result.url, root);
    href.searchParams.set("h", query);
    var title = element("a", { href: href.pathname + href.search, class: "bt-search__title", text: result.title });
    var about = [result.label, result.author].filter(Boolean).join(" · ");
    var item = element("li", { class: "bt-search__item" + (partial ? " bt-search__item--partial" : "") }, [
      title,
      element("p", { class: "bt-search__about", text: about }),
    ]);
    return item;
  }

  function setUp() {
    if (!Engine || document.querySelector(".bt-search")) {
      return;
    }
    var box = buildBox();
    var sequence = 0;
    var settling = 0; // the timer that shows a guessed list once the reader pauses
    var shown = { full: [], partial: [], query: "", parsed: null, count: 0 };

    function say(text) {
      box.status.textContent = text;
    }

    /* List `results`; their snippets follow, one by one, once the reader pauses and the page is idle: a
       reader sees the titles at once, and a key typed meanwhile is not kept waiting by the snippets of a
       list it replaces. */
    function fill(results, from, partial) {
      var parsed = shown.parsed;
      var items = results.map(function (result) {
        var item = resultItem(shown.query, result, partial);
        box.list.appendChild(item);
        return item;
      });
      setTimeout(function () {
        items.forEach(function (item, n) {
          var wanted = function () {
            return item.isConnected;
          };
          if (wanted()) {
            whenIdle(function () {
              if (wanted()) {
                showSnippet(item, parsed, results[n], wanted);
              }
            });
          }
        });
      }, PAUSE_MS);
    }

    function showSnippet(item, parsed, result, wanted) {
      search.show(parsed, result, wanted).then(
        function (shownResult) {
          if (!shownResult) {
            return;
          }
          item.querySelector(".bt-search__title").innerHTML = shownResult.title;
          if (shownResult.missing.length) {
            item.appendChild(
              element("p", { class: "bt-search__missing", text: "Không có từ: " + shownResult.missing.join(", ") }),
            );
          }
          item.appendChild(element("div", { class: "bt-search__snippet", html: shownResult.snippet }));
        },
        function () {
          /* the title and label stand without a snippet */
        },
      );
    }

    function showPartial() {
      shown.partialShown = true;
      box.list.appendChild(
        element("li", {
          class: "bt-search__group",
          text: "Các trang sau chỉ có một phần các từ đã gõ:",
        }),
      );
      fill(shown.partial, 0, true);
    }

    /* The next page of results; once all pages with every word are listed, the pages with only some of
       them: listed straight away when there is no other result, else behind the button (a reader asks). */
    function showMore() {
      var start = shown.count;
      if (start < shown.full.length) {
        var full = shown.full.slice(start, start + PAGE_SIZE);
        fill(full, start, false);
        shown.count += full.length;
      } else if (shown.partial.length && !shown.partialShown) {
        showPartial(); // the button's second use, or at once when no page holds every word
      }
      var fullLeft = shown.count < shown.full.length;
      box.more.hidden = !fullLeft && !(shown.partial.length && !shown.partialShown);
      box.more.textContent = fullLeft
        ? "Xem thêm kết quả"
        : "Xem " + shown.partial.length + " trang chỉ có một phần các từ đã gõ";
    }

    function clear(query, text) {
      box.list.textContent = "";
      box.list.setAttribute("data-query", query);
      box.more.hidden = true;
      shown = { full: [], partial: [], query: "", parsed: null, count: 0 };
      say(text);
    }

    function list(answer, query) {
      box.list.textContent = "";
      shown = { full: answer.full, partial: answer.partial, query: query, parsed: answer.query, count: 0 };
      if (answer.full.length) {
        say(answer.full.length + " trang có đủ các từ đã gõ.");
      } else if (answer.partial.length) {
        say("Không trang nào có đủ các từ đã gõ.");
      } else {
        say("Không tìm thấy trang nào.");
      }
      showMore();
      box.list.setAttribute("data-query", query); // the results of this query are shown (tests wait on it)
    }

    function run() {
      var query = box.input.value;
      var mine = ++sequence;
      try {
        sessionStorage.setItem(STORE, query);
      } catch (error) {
        /* private mode: the box starts empty on the next page */
      }
      clearTimeout(settling);
      if (!/\S/.test(query)) {
        clear(query, HINT);
        return;
      }
      if (!search.meta) {
        say("Đang tải chỉ mục tìm kiếm…");
      }
      search.search(query).then(
        function (answer) {
          if (mine !== sequence) {
            return; // a later keystroke has its own results
          }
          if (answer.lone) {
            clear(query, MORE);
          } else if (answer.settled) {
            list(answer, query);
          } else {
            // the list shown stands for this query until the reader pauses (or nothing is shown yet)
            settling = setTimeout(function () {
              if (mine === sequence) {
                list(answer, query);
              }
            }, SETTLE_MS);
            if (shown.query) {
              box.list.setAttribute("data-query", query);
            }
          }
        },
        function (error) {
          if (mine === sequence) {
            say("Không tải được chỉ mục tìm kiếm. Hãy thử lại sau.");
            console.error("Tìm kiếm:", error);
          }
        },
      );
    }

    function warmUp() {
      search.load().catch(function () {
        /* open() says so, and tries again */
      });
    }

    function open() {
      warmUp(); // first: the request leaves before the dialog is drawn
      if (!box.dialog.open) {
        box.dialog.showModal();
      }
      if (!box.input.value) {
        try {
          box.input.value = sessionStorage.getItem(STORE) || "";
        } catch (error) {
          /* nothing stored */
        }
      }
      box.input.focus();
      box.input.select();
      if (!search.meta) {
        say("Đang tải chỉ mục tìm kiếm…");
        search.load().then(
          function () {
            box.dialog.setAttribute("data-ready", "");
            if (box.status.textContent === "Đang tải chỉ mục tìm kiếm…") {
              say(HINT);
            }
            if (box.input.value) {
              run();
            }
          },
          function () {
            say("Không tải được chỉ mục tìm kiếm. Hãy thử lại sau.");
          },
        );
      } else if (box.input.value) {
        run();
      }
    }

    box.input.addEventListener("input", run);
    box.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = box.list.querySelector("a");
      if (first) {
        first.click();
      }
    });
    box.more.addEventListener("click", showMore);
    box.close.addEventListener("click", function () {
      box.dialog.close();
    });
    box.dialog.addEventListener("click", function (event) {
      if (event.target === box.dialog) {
        box.dialog.close(); // a tap outside the box
      }
    });
    buildButton(open, warmUp);
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && event.key === "/") {
        event.preventDefault();
        open();
      }
    });
  }

  /* ?h=<query>: mark the query's words in the page's article and bring the first into view. */
  function highlightPage() {
    var typed = new URLSearchParams(location.search).get("h");
    var article = document.querySelector("article");
    if (!typed || !/\S/.test(typed) || !article) {
      return;
    }
    var query = Engine.parseQuery(typed);
    query.prefix = false; // the query was sent whole
    var nodes = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        return parent.closest("script, style, .headerlink, .md-source-file") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var text = "";
    var starts = [];
    while (walker.nextNode()) {
      starts.push(text.length);
      nodes.push(walker.currentNode);
      text += walker.currentNode.data.normalize("NFC");
      text += " ";
    }
    var found = Engine.hits(query, text);
    var first = null;
    for (var h = found.length - 1; h >= 0; h--) {
      var hit = found[h];
      var n = 0;
      while (n + 1 < starts.length && starts[n + 1] <= hit.start) {
        n++;
      }
      var node = nodes[n];
      var from = hit.start - starts[n];
      var to = hit.end - starts[n];
      if (node.data.normalize("NFC") !== node.data || to > node.data.length) {
        continue; // a node written decomposed, or a word split between elements: left unmarked
      }
      var range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      var mark = document.createElement("mark");
      mark.className = "bt-search-hit";
      range.surroundContents(mark);
      first = mark;
    }
    if (first && !location.hash) {
      first.scrollIntoView({ block: "center" });
    }
  }

  function start() {
    setUp();
    highlightPage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
