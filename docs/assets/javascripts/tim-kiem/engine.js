/* Vietnamese search for the bulletin site: the engine behind the search box (hop-tim-kiem.js).

   Readers type "dang vien", "đảng viên", "đảng viên" (decomposed), "Đảng Viên", "hoá"/"hóa": all find the
   same pages. Every syllable has two keys (the rule is scripts.vietnamese.search_keys, which a test holds
   this file to):
     folded  letters only, no mark at all, đ → d        "Đảng" → "dang", "hoá" → "hoa"
     exact   letters with their vowel marks, then the   "Đảng" → "đang3", "hoá", "hóa" → "hoa1"
             tone as a digit (placement-independent)

   The index is written once after the build, from the built pages (scripts/search/build.py), and split
   so that a query fetches only what it needs: the page list (once), one file per two first letters of
   the syllables typed, one bucket per pair of syllables typed (a syllable being typed and its possible
   ends: one file each, fetched at its second letter), then the texts of the results shown, for their
   snippets. The browser's cache keeps them across pages.

   A page matches when it holds every word of the query (folded: with or without diacritics, either tone
   placement, any Unicode form). Pages are ranked by: when typed with diacritics, words written exactly as
   typed first ("gà" before "ga", "đảng" before "dạng"); the query's words together (a phrase), then near
   each other ("nghị quyết số 43" for "nghị quyết 43"), before apart; the query as (part of) the title or
   the author's name, in order, before elsewhere; then BM25 over the syllables and the pairs, articles a
   little before other pages, a newer issue a little before an older one. A person's name counts as a
   name: its syllables weigh no more than the text's.
   Only when fewer than FEW pages hold every word are pages with some of them given, apart: the box lists
   them when no page holds every word, else offers them behind a button.
   The last word, while still being typed, matches the commonest syllables it begins; pages that hold it
   whole go before those that hold only a longer syllable. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.BanTinSearch = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // combining tone marks (after NFD) and their digits in an exact key: sắc, huyền, hỏi, ngã, nặng
  var TONES = { "\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
  var JOINER = /^[^.!?;:]*$/; // two syllables form a pair unless a sentence or clause ends between them
  var K1 = 1.2; // BM25
  var B = 0.75;
  var PAIR_WEIGHT = 1.5; // a pair of the query's words found together, against one word
  var NEAR_WEIGHT = 0.75; // the same pair found near each other (one or two syllables between)
  var NAME_WEIGHT = 3; // the query is (part of) the title or the author's name, words in order
  var NEWER = 0.15; // the newest issue weighs this much more than the oldest, other things equal
  var FEW = 5; // fewer full matches than this: pages with some of the words follow, marked
  // syllables tried for one being typed ('vi' → 'vi', 'viec', 'vien', 'vinh'…), the commonest first, each
  // also looked up in a pair with the word before ('nâng ca' → 'nâng cao'): two small files each
  var EXPANSIONS = 6;
  var MAX_WORDS = 30; // distinct words of a query looked for (each is a bit of a page's 32-bit masks)
  var LONGEST_WORD = 40; // as scripts/search/build.py: longer words are not indexed
  var SNIPPET_CHARS = 220;
  var GAP = /^[\s\p{P}]{0,3}$/u; // between two words of a phrase: a space, a comma, a dash
  var ARTICLE = 1.3; // bulletin articles are what readers come for: among equal matches they go first

  var cache = new Map();

  /* The two keys of one syllable, given NFC and lower-case. */
  function keys(word) {
    var found = cache.get(word);
    if (found) {
      return found;
    }
    var base = "";
    var tone = "";
    for (var ch of word.normalize("NFD")) {
      if (TONES[ch]) {
        tone = TONES[ch];
      } else {
        base += ch;
      }
    }
    var folded = base.replace(MARKS, "").replace(/đ/g, "d"); // base is still decomposed: marks are apart
    base = base.normalize("NFC");
    found = { folded: folded, exact: base + tone, base: base, tone: tone };
    if (cache.size < 200000) {
      cache.set(word, found);
    }
    return found;
  }

  /* The syllables of an NFC text, with offsets and whether punctuation parts one from the one before. */
  function tokens(text) {
    var out = [];
    var last = 0;
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var word = match[0].toLowerCase();
      out.push({
        start: match.index,
        end: match.index + match[0].length,
        joined: out.length > 0 && JOINER.test(text.slice(last, match.index)),
        keys: keys(word),
      });
      last = match.index + match[0].length;
    }
    return out;
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function parseQuery(raw) {
    var text = raw.normalize("NFC");
    var words = tokens(text)
      .map(function (token) {
        var typed = text.slice(token.start, token.end);
        return { typed: typed, keys: token.keys, marked: token.keys.folded !== typed.toLowerCase() };
      })
      .filter(function (word) {
        return word.keys.folded.length <= LONGEST_WORD; // not indexed: a pasted address, a long number
      });
    // one letter just typed after other words is the start of a word, not yet a word to look for: the
    // results stay those of the words before it until a second letter (or a space) says more
    var next = "";
    if (words.length > 1 && !/\s$/.test(raw) && /^\p{L}$/u.test(words[words.length - 1].typed)) {
      next = words.pop().keys.folded; // what the next files to fetch are guessed from
    }
    var marked = words.some(function (word) {
      return word.marked;
    });
    var seen = {};
    var unique = words.filter(function (word) {
      var key = word.keys.exact;
      return seen[key] ? false : (seen[key] = true);
    });
    if (unique.length > MAX_WORDS) {
      words = words.slice(0, words.indexOf(unique[MAX_WORDS])); // a pasted paragraph: its first words
      unique = unique.slice(0, MAX_WORDS);
    }
    var last = words[words.length - 1];
    // the last syllable is still being typed unless a space follows it; one letter would match too much
    var prefix = !!last && !/\s$/.test(raw) && last.keys.folded.length >= 2;
    if (prefix && unique[unique.length - 1] !== last) {
      prefix = false; // the syllable being typed repeats an earlier one: "cứu nạn cứu"
    }
    // the typed words in order, each as the number of its unique word: a phrase to find together
    var sequence = words.map(function (word) {
      for (var i = 0; i < unique.length; i++) {
        if (unique[i].keys.exact === word.keys.exact) {
          return i;
        }
      }
      return -1;
    });
    return { words: unique, typed: words, sequence: sequence, marked: marked, prefix: prefix, next: next };
  }

  /* `text` lower-cased and stripped of every mark, one UTF-16 unit for one: offsets stay those of `text`. */
  var foldedUnits = new Map();
  function foldOffsets(text) {
    return text.replace(/[^\x00-\x40\x5b-\x7f]/g, function (unit) {
      var folded = foldedUnits.get(unit);
      if (folded === undefined) {
        folded = unit.toLowerCase().normalize("NFD").replace(MARKS, "").replace(/đ/g, "d");
        folded = folded.length === 1 ? folded : unit;
        foldedUnits.set(unit, folded);
      }
      return folded;
    }).toLowerCase();
  }

  /* A function finding, in an NFC text, the words that match the query: [{start, end, index, exact}].
     `exactIn` names the query words the page holds exactly as typed: their look-alikes are not found. */
  function finder(query) {
    var n = query.words.length;
    var alternatives = query.words.map(function (word, i) {
      var key = word.keys.folded.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return query.prefix && i === n - 1 ? key + "[\\p{L}\\p{N}]*" : key;
    });
    var pattern = new RegExp("(?<![\\p{L}\\p{N}])(?:" + alternatives.join("|") + ")(?![\\p{L}\\p{M}\\p{N}])", "gu");
    return function (text, folded, exactIn) {
      folded = folded || foldOffsets(text);
      var found = [];
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(folded))) {
        var word = match[0];
        var k = keys(text.slice(match.index, match.index + word.length).toLowerCase());
        for (var i = 0; i < n; i++) {
          var q = query.words[i].keys;
          var last = query.prefix && i === n - 1;
          if (word === q.folded || (last && word.startsWith(q.folded))) {
            // a word being typed is exact when its letters begin the word's and its tone is the word's
            var exact = !query.marked || k.exact === q.exact || (last && k.base.startsWith(q.base) && k.tone === q.tone);
            found.push({ start: match.index, end: match.index + word.length, index: i, exact: exact });
            break;
          }
        }
      }
      // where the query has diacritics and the page has a word exactly as typed, only that form counts
      return found.filter(function (hit) {
        return hit.exact || !(exactIn && exactIn[hit.index]);
      });
    };
  }

  /* text[from, to) escaped, the found words in <mark>. */
  function highlight(text, found, from, to) {
    var html = "";
    var at = from;
    found.forEach(function (hit) {
      if (hit.start >= from && hit.end <= to) {
        html += escapeHTML(text.slice(at, hit.start)) + "<mark>" + escapeHTML(text.slice(hit.start, hit.end)) + "</mark>";
        at = hit.end;
      }
    });
    return html + escapeHTML(text.slice(at, to));
  }

  /* Up to SNIPPET_CHARS of `text` around the stretch holding the most distinct query words. */
  function snippet(text, found) {
    if (!text) {
      return "";
    }
    var from = 0;
    var best = -1;
    for (var a = 0; a < found.length; a++) {
      var seen = {};
      var value = 0;
      for (var b = a; b < found.length && found[b].end <= found[a].start + SNIPPET_CHARS - 40; b++) {
        if (!seen[found[b].index]) {
          seen[found[b].index] = true;
          value += found[b].exact ? 1.1 : 1;
        }
      }
      if (value > best) {
        best = value;
        from = found[a].start;
      }
    }
    if (from > 0) {
      var back = text.lastIndexOf(" ", Math.max(0, from - 40));
      from = back > 0 ? back + 1 : 0;
    }
    var to = Math.min(text.length, from + SNIPPET_CHARS);
    if (to < text.length) {
      var cut = text.lastIndexOf(" ", to);
      to = cut > from ? cut : to;
    }
    var html = highlight(text, found, from, to);
    return "<p>" + (from > 0 ? "… " : "") + html + (to < text.length ? " …" : "") + "</p>";
  }


  /* The hits that make up the query's words in order, together ("đảng viên" in "… đảng viên …"), when
     there are such runs; else every hit. Readers who type "dang vien" do not mean the "dàng" of "dễ dàng". */
  function preferPhrase(text, found, sequence) {
    var n = sequence.length;
    if (n < 2) {
      return found;
    }
    var kept = [];
    for (var a = 0; a + n <= found.length; a++) {
      var run = true;
      for (var k = 0; k < n && run; k++) {
        var hit = found[a + k];
        var gap = k === 0 ? "" : text.slice(found[a + k - 1].end, hit.start);
        run = hit.index === sequence[k] && JOINER.test(gap) && GAP.test(gap);
      }
      if (run) {
        kept = kept.concat(found.slice(a, a + n));
        a += n - 1;
      }
    }
    return kept.length ? kept : found;
  }

  /* The hits of the query in `text`, as a page or a snippet shows them: exact forms where the page has
     them, the phrase where the page has it. `exactIn[i]`: the page writes word i exactly as typed; when
     not given, `text` is the whole page and tells it (one pass of the finder either way). `folded`: the
     text as foldOffsets gives it, when the caller keeps it. */
  function hits(query, text, exactIn, folded) {
    var found = finder(query)(text, folded || null, null);
    if (!exactIn) {
      exactIn = {};
      found.forEach(function (hit) {
        if (query.marked && hit.exact) {
          exactIn[hit.index] = true;
        }
      });
    }
    found = found.filter(function (hit) {
      return hit.exact || !exactIn[hit.index];
    });
    return preferPhrase(text, found, query.sequence);
  }

  /* The postings of `key` in a fetched file — a syllable group ({key: {f: [page gap, count, …], e: {exact
     form: [page gap, …]}}}) or a pair bucket ({key: [page gap, count, …]}) —, decoded once and kept:
     {pages, counts, forms: {exact form: pages}}, pages in order. */
  var decodedFiles = new WeakMap();
  var NONE = { pages: new Int32Array(0), counts: new Float64Array(0), forms: {} };
  function decoded(file, key) {
    var kept = decodedFiles.get(file);
    if (!kept) {
      kept = new Map();
      decodedFiles.set(file, kept);
    }
    var found = kept.get(key);
    if (found) {
      return found;
    }
    if (!Object.prototype.hasOwnProperty.call(file, key)) {
      return NONE; // not `file[key]`: a syllable may be named 'constructor'
    }
    var entry = file[key];
    var gaps = Array.isArray(entry) ? entry : entry.f;
    var pages = new Int32Array(gaps.length / 2);
    var counts = new Float64Array(gaps.length / 2);
    for (var p = 0, page = 0; p < pages.length; p++) {
      page += gaps[2 * p];
      pages[p] = page;
      counts[p] = gaps[2 * p + 1];
    }
    var forms = {};
    Object.keys(entry.e || {}).forEach(function (form) {
      var formGaps = entry.e[form];
      var list = new Int32Array(formGaps.length);
      for (var q = 0, at = 0; q < formGaps.length; q++) {
        at += formGaps[q];
        list[q] = at;
      }
      forms[form] = list;
    });
    found = { pages: pages, counts: counts, forms: forms };
    kept.set(key, found);
    return found;
  }

  function bitCount(mask) {
    var count = 0;
    for (; mask; mask &= mask - 1) {
      count++;
    }
    return count;
  }

  /* 32-bit FNV-1a of the UTF-8 bytes of `text`, as scripts/search/build.py computes it. */
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value ^= bytes[i];
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value >>> 0;
  }

  /* The file of a folded syllable: its first two letters (code points, as scripts/search/build.py). */
  function group(key) {
    return Array.from(key).slice(0, 2).join("");
  }

  /* What the bucket of the pair `first`_`second` is hashed from (scripts/search/build.py's pair_group): a
     bucket holds the pairs of one syllable and a letter, so that the pairs 'nâng ca' may be (nâng cao,
     nâng cấp…) are one file. */
  function pairGroup(first, second) {
    return first + "_" + Array.from(second)[0];
  }

  function fileName(key) {
    if (/^[a-z0-9]+$/.test(key)) {
      return key;
    }
    return "x" + Array.prototype.map.call(new TextEncoder().encode(key), function (byte) {
      return (byte < 16 ? "0" : "") + byte.toString(16);
    }).join("");
  }

  /* Whether a syllable of a page (its keys `t`) is the query word `q` as typed: exactly when the word
     was typed with diacritics, folded when not; the word being typed (`begun`) may begin it. */
  function sameWord(q, t, begun) {
    if (!begun) {
      return q.marked ? t.exact === q.keys.exact : t.folded === q.keys.folded;
    }
    return q.marked ? t.base.startsWith(q.keys.base) && t.tone === q.keys.tone : t.folded.startsWith(q.keys.folded);
  }

  /* The keys of the syllables of a short text (a title, an author's name), kept: ranking asks for the
     same titles at every keystroke. */
  var nameKeys = new Map();
  function keysOf(text) {
    var found = nameKeys.get(text);
    if (!found) {
      found = tokens(text.normalize("NFC")).map(function (token) {
        return token.keys;
      });
      nameKeys.set(text, found);
    }
    return found;
  }

  /* Whether `text` (a title, an author's name) holds the typed query, word after word. */
  function holdsQuery(text, query) {
    var list = keysOf(text || "");
    var typed = query.typed;
    var m = typed.length;
    outer: for (var i = 0; i + m <= list.length; i++) {
      for (var k = 0; k < m; k++) {
        if (!sameWord(typed[k], list[i + k], query.prefix && k === m - 1)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /* The search over the index at `root` (a URL ending in "/"); `fetchJSON(url)` gives a promise of the
     parsed file (the browser's fetch by default). Files once fetched are kept for the next keystrokes. */
  function Search(root, fetchJSON) {
    this.root = root;
    this.fetchJSON =
      fetchJSON ||
      function (url) {
        return fetch(url).then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status + " " + url);
          }
          return response.json();
        });
      };
    this.files = new Map();
    this.texts = new Map(); // page id → {text, folded}: the texts of results shown
    this.meta = null;
    this.guessed = new Set(); // the words begun whose next files were fetched ahead (prefetch)
  }

  Search.prototype.file = function (path) {
    var promise = this.files.get(path);
    if (!promise) {
      promise = this.fetchJSON(this.root + path).catch(
        function (error) {
          this.files.delete(path);
          throw error;
        }.bind(this),
      );
      this.files.set(path, promise);
    }
    return promise;
  };

  /* The page list and vocabulary: fetched once, on the first use of the box. */
  Search.prototype.load = function () {
    var self = this;
    return this.file("trang.json").then(function (meta) {
      if (!self.meta) {
        self.meta = meta;
        self.vocabulary = new Map(meta.vocabulary);
        var dates = meta.pages.map(function (page) {
          return page[4];
        }).filter(Boolean);
        var oldest = Math.min.apply(null, dates.length ? dates : [0]);
        var span = Math.max.apply(null, dates.length ? dates : [0]) - oldest;
        // BM25's length term of each page, and what a page's issue date adds, computed once
        self.norm = new Float64Array(meta.pages.length);
        self.boost = new Float64Array(meta.pages.length);
        meta.pages.forEach(function (page, id) {
          self.norm[id] = K1 * (1 - B + (B * (page[6] || 1)) / meta.average);
          var newer = page[4] && span > 0 ? 1 + (NEWER * (page[4] - oldest)) / span : 1;
          self.boost[id] = newer * (page[5] === "article" ? ARTICLE : 1);
        });
        self.prepareNames();
      }
      return meta;
    });
  };

  /* The file of the syllables that begin as `key` does ('dang': tu/da.json). */
  Search.prototype.syllableFile = function (key) {
    return this.file("tu/" + fileName(group(key)) + ".json");
  };

  /* The bucket of the pair `first`_`second` (and of every pair `first`_ with the same first letter). */
  Search.prototype.pairFile = function (first, second) {
    return this.file("cap/" + (fnv1a(pairGroup(first, second)) % this.meta.buckets) + ".json");
  };

  /* A word begun with one letter after `before` ('nâng c'): fetch now what its second letter will need —
     the bucket of the pairs 'nâng c…', then the file of the commonest of them ('ca': nâng cao) — so that
     the next key finds them here. A guess: a wrong one costs a file, fetched while the reader types. */
  Search.prototype.prefetch = function (before, letter) {
    var self = this;
    var start = pairGroup(before, letter); // 'nang_c': every pair it begins is in one bucket
    if (this.guessed.has(start)) {
      return;
    }
    this.guessed.add(start);
    this.pairFile(before, letter).then(
      function (bucket) {
        var best = "";
        var most = 0;
        Object.keys(bucket).forEach(function (pair) {
          if (pair.startsWith(start) && bucket[pair].length > most) {
            most = bucket[pair].length; // [page gap, count, …]: two numbers a page
            best = pair.slice(before.length + 1);
          }
        });
        if (best) {
          self.syllableFile(best).catch(function () {});
        }
      },
      function () {
        /* a guess: the next key fetches what it needs */
      },
    );
  };

  /* The keys of every title and author's name, worked out while the page is idle (the reader is still
     typing the first letters): ranking looks the query up in the names of every page that matches, and a
     first query over many pages would otherwise pay for them all. */
  Search.prototype.prepareNames = function () {
    var pages = this.meta.pages;
    var next = 0;
    if (typeof requestIdleCallback !== "function") {
      return; // not a browser (the tests' Node): names are keyed when first asked for
    }
    function work(deadline) {
      while (next < pages.length && deadline.timeRemaining() > 1) {
        keysOf(pages[next][1] || "");
        keysOf(pages[next][3] || "");
        next++;
      }
      if (next < pages.length) {
        requestIdleCallback(work);
      }
    }
    requestIdleCallback(work);
  };

  /* The syllables a query word stands for: itself, or while being typed, the commonest it begins. */
  Search.prototype.candidates = function (word, typing) {
    var key = word.keys.folded;
    if (!typing) {
      return this.vocabulary.has(key) ? [key] : [];
    }
    var found = this.vocabulary.has(key) ? [key] : [];
    var list = this.meta.vocabulary; // [syllable, pages], the commonest first
    for (var i = 0; i < list.length && found.length < EXPANSIONS; i++) {
      if (list[i][0] !== key && list[i][0].startsWith(key)) {
        found.push(list[i][0]);
      }
    }
    return found;
  };

  /* Rank the pages for `raw`: a promise of {query, full: [...], partial: [...]}, each result
     {id, url, title, label, author, kind, covered, words, exact, score}, `words` and `exact` as bits (bit
     i: the page holds query word i; writes it as typed). */
  Search.prototype.search = function (raw) {
    var self = this;
    var query = parseQuery(raw);
    var n = query.words.length;
    // one letter alone is not yet a query: it would list the pages with a lone 'c' or 'a'
    var lone = query.typed.length === 1 && /^\p{L}$/u.test(query.typed[0].typed);
    if (!n || lone) {
      return Promise.resolve({ query: query, full: [], partial: [], lone: lone, settled: true });
    }
    return this.load().then(function (meta) {
      if (query.next) {
        self.prefetch(query.typed[query.typed.length - 1].keys.folded, query.next);
      }
      var lists = query.words.map(function (word, i) {
        var typing = query.prefix && i === n - 1;
        return self.candidates(word, typing && word.keys.folded.length >= 2);
      });
      var wordFiles = lists.map(function (keys) {
        return Promise.all(
          keys.map(function (key) {
            return self.syllableFile(key).then(function (syllables) {
              return decoded(syllables, key);
            });
          }),
        );
      });
      // pairs of adjacent typed words; the word being typed pairs with each syllable it stands for
      var slots = [];
      for (var i = 1; i < query.typed.length; i++) {
        var a = query.typed[i - 1].keys.folded;
        var last = i === query.typed.length - 1 && query.prefix;
        var ends = last ? lists[lists.length - 1] : [query.typed[i].keys.folded];
        slots.push(
          ends.map(function (end) {
            return { first: a, second: end };
          }),
        );
      }
      // each pair together ('quyet_43') and near (one or two syllables between: 'quyet~43'), one bucket
      function pairPostings(joiner) {
        return slots.map(function (pairs) {
          return Promise.all(
            pairs.map(function (pair) {
              return self.pairFile(pair.first, pair.second).then(function (bucket) {
                return decoded(bucket, pair.first + joiner + pair.second);
              });
            }),
          );
        });
      }
      var loading = [wordFiles, pairPostings("_"), pairPostings("~")].map(function (files) {
        return Promise.all(files);
      });
      return Promise.all(loading).then(function (loaded) {
        return self.rank(query, lists, loaded[0], loaded[1], loaded[2]);
      });
    });
  };

  /* Rank the pages: `lists[i]`, the syllables query word i stands for, `words[i]` their postings;
     `pairs[slot]`, the postings of the pairs of the typed words `slot` and `slot + 1` (the last word, when
     being typed, with each syllable it stands for) together, `near[slot]` of the same pairs with one or two
     syllables between. Per page arrays, not objects: a keystroke on a large archive adds up thousands of
     postings. */
  Search.prototype.rank = function (query, lists, words, pairs, near) {
    var meta = this.meta;
    var norm = this.norm;
    var total = meta.pages.length;
    var n = query.words.length;
    var covered = new Uint8Array(total); // how many of the query's words the page holds
    var wordMask = new Uint32Array(total); // which (bit i: word i)
    var exactMask = new Uint32Array(total); // which as typed, with their diacritics
    var score = new Float64Array(total);
    var pairCount = new Uint8Array(total); // how many pairs of adjacent typed words it holds together
    var nearCount = new Uint8Array(total); // how many others it holds near each other (not together)
    var together = new Uint8Array(total); // the page holds the pair of the slot being added up together
    var begun = new Uint8Array(total); // it holds the word being typed only as the start of a longer one
    var continued = new Uint8Array(total); // it holds the word before + a syllable the one typed begins
    var touched = [];
    var weights = new Float64Array(total);
    var whole = new Uint8Array(total);
    var exact = new Uint8Array(total);
    function idf(df) {
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }
    function bm25(weight, count, id) {
      return (weight * count * (K1 + 1)) / (count + norm[id]);
    }
    /* Add up in `weights` the counts of each page in `postingsList` (the postings of the syllables a word
       stands for, or of its pairs: a page in several is one page); return the pages, in order of first
       sight. */
    function addUp(postingsList) {
      var ids = [];
      weights.fill(0);
      postingsList.forEach(function (postings) {
        for (var p = 0; p < postings.pages.length; p++) {
          var id = postings.pages[p];
          if (weights[id] === 0) {
            ids.push(id);
          }
          weights[id] += postings.counts[p];
        }
      });
      return ids;
    }
    function flag(flags, pages) {
      for (var p = 0; p < pages.length; p++) {
        flags[pages[p]] = 1;
      }
    }
    var idfSum = 0;
    query.words.forEach(function (word, i) {
      var typing = query.prefix && i === n - 1;
      var q = word.keys;
      var ids = addUp(words[i]);
      whole.fill(0);
      exact.fill(0);
      var typedWhole = lists[i].indexOf(q.folded); // the syllable typed, not only a longer one it begins
      if (typedWhole >= 0) {
        flag(whole, words[i][typedWhole].pages);
      }
      if (query.marked) {
        words[i].forEach(function (postings) {
          Object.keys(postings.forms).forEach(function (form) {
            var tone = /[1-5]$/.test(form) ? form.slice(-1) : "";
            var base = tone ? form.slice(0, -1) : form;
            if (form === q.exact || (typing && base.startsWith(q.base) && tone === q.tone)) {
              flag(exact, postings.forms[form]);
            }
          });
        });
      }
      var weight = idf(ids.length);
      idfSum += weight;
      var bit = 1 << i;
      ids.forEach(function (id) {
        if (covered[id] === 0) {
          touched.push(id);
        }
        covered[id] += 1;
        wordMask[id] |= bit;
        score[id] += bm25(weight, weights[id], id);
        if (exact[id]) {
          exactMask[id] |= bit;
        }
        if (!whole[id]) {
          begun[id] = 1;
        }
      });
    });
    pairs.forEach(function (postingsList, slot) {
      var lastPair = query.prefix && slot === pairs.length - 1; // the word before + the one being typed
      var ids = addUp(postingsList);
      var weight = PAIR_WEIGHT * idf(ids.length);
      together.fill(0);
      ids.forEach(function (id) {
        if (covered[id]) {
          pairCount[id] += 1;
          together[id] = 1;
          score[id] += bm25(weight, weights[id], id);
          if (lastPair) {
            continued[id] = 1;
          }
        }
      });
      // 'nghị quyết số 43' for 'nghị quyết 43': the words near each other, a page that holds them so goes
      // before one that holds them far apart
      var nearIds = addUp(near[slot] || []);
      var nearWeight = NEAR_WEIGHT * idf(nearIds.length);
      nearIds.forEach(function (id) {
        if (covered[id] && !together[id]) {
          nearCount[id] += 1;
          score[id] += bm25(nearWeight, weights[id], id);
        }
      });
    });
    var boost = this.boost;
    function result(id, named) {
      var page = meta.pages[id];
      return {
        id: id,
        url: page[0],
        title: page[1],
        label: page[2],
        author: page[3],
        kind: page[5],
        covered: covered[id],
        words: wordMask[id], // bit i: the page holds word i
        exact: exactMask[id], // bit i: the page writes word i as typed
        exactness: bitCount(exactMask[id]),
        pairs: pairCount[id],
        near: nearCount[id],
        named: named ? 1 : 0,
        begun: begun[id],
        continued: continued[id],
        // the query as (part of) the title or the author's name, in order, weighs as much again
        score: (score[id] + (named ? NAME_WEIGHT * idfSum : 0)) * boost[id],
      };
    }
    var full = [];
    var rest = [];
    touched.forEach(function (id) {
      if (covered[id] === n) {
        var page = meta.pages[id];
        full.push(result(id, holdsQuery(page[1], query) || holdsQuery(page[3], query)));
      } else {
        rest.push(id);
      }
    });
    // a page that holds the word being typed only as the start of a longer one ('ca' → 'cao') is a match
    // when that longer word continues the phrase typed ('nâng cao') or the title, or when nothing holds
    // every word whole: a reader who stops typing sees pages with the words typed, not their look-alikes
    var kept = full.filter(function (r) {
      // typed with diacritics, the longer word must begin with them: 'khê' goes on as 'khế', not as 'khen'
      var continues = r.continued && (!query.marked || r.exact & (1 << (n - 1)));
      return !r.begun || continues || r.named;
    });
    full = kept.length ? kept : full;
    full.sort(function (x, y) {
      return (
        y.exactness - x.exactness ||
        y.pairs + y.near / 2 - (x.pairs + x.near / 2) ||
        x.begun - y.begun ||
        y.named - x.named ||
        y.score - x.score
      );
    });
    var partial = [];
    if (full.length < FEW && n > 1) {
      partial = rest
        .filter(function (id) {
          return covered[id] >= Math.ceil(n / 2);
        })
        .map(function (id) {
          return result(id, false);
        });
      partial.sort(function (x, y) {
        return y.covered - x.covered || y.pairs - x.pairs || y.score - x.score;
      });
      partial = partial.slice(0, 20);
    }
    // the word being typed is not a syllable yet ('chuy', 'viê'): its results are guesses at the words it
    // may become, which swing from key to key; the box keeps the list it shows until a better one comes
    var settled = !query.prefix || this.vocabulary.has(query.words[n - 1].keys.folded);
    return { query: query, full: full, partial: partial, lone: false, settled: settled };
  };

  /* A result as shown: its title with the words marked, and a snippet of its text around them; null when
     `wanted()` says, once the text is in, that the result is no longer shown (a later keystroke has
     replaced it: its snippet would only delay the next results). */
  Search.prototype.show = function (query, result, wanted) {
    var texts = this.texts;
    return this.file("van/" + result.id + ".json").then(function (page) {
      if (wanted && !wanted()) {
        return null;
      }
      var title = result.title || "";
      var exactIn = query.words.map(function (word, i) {
        return !!(result.exact & (1 << i));
      });
      var titleHTML = highlight(title, hits(query, title, exactIn), 0, title.length);
      var kept = texts.get(result.id);
      if (!kept) {
        var whole = (page.text || "").normalize("NFC");
        kept = { text: whole, folded: foldOffsets(whole) };
        texts.set(result.id, kept); // the next keystrokes show mostly the same pages
      }
      var text = kept.text;
      var missing = query.words
        .filter(function (word, i) {
          return !(result.words & (1 << i));
        })
        .map(function (word) {
          return word.typed;
        });
      return {
        title: titleHTML,
        snippet: snippet(text, hits(query, text, exactIn, kept.folded)),
        missing: missing,
      };
    });
  };

  return {
    Search: Search,
    keys: keys,
    tokens: tokens,
    parseQuery: parseQuery,
    hits: hits,
    escapeHTML: escapeHTML,
    fnv1a: fnv1a,
    group: group,
    pairGroup: pairGroup,
  };
});
