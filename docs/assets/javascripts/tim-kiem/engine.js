/* Vietnamese search for the bulletin site: Material's search box, this engine.

   Readers type "dang vien", "đảng viên", "đảng viên" (decomposed), "Đảng Viên", "hoá"/"hóa": all find the
   same pages. Every syllable of the index and of the query has two keys (the rule is
   scripts.vietnamese.search_keys, which a test holds this file to):
     folded  letters only, no mark at all, đ → d        "Đảng" → "dang", "hoá" → "hoa"
     exact   letters with their vowel marks, then the   "Đảng" → "đang3", "hoá", "hóa" → "hoa1"
             tone as a digit (placement-independent)
   A query ranks pages by, in order: how many of its syllables the page holds (all first); when it was typed
   with diacritics, how many it holds exactly as typed ("đảng" before "đang", "dạng"); then BM25 over the
   folded syllables, folded syllable pairs ("dang_vien": the words together) and exact syllables, with
   titles and authors weighing more. The last syllable of a query still being typed matches as a prefix.

   MiniSearch (vendored, see scripts/search/vendor.py) keeps the inverted index and scores BM25. Loaded by
   worker.js in the browser, and by require() in Node for experiments. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../vendor/minisearch.js"));
  } else {
    root.BanTinSearch = factory(root.MiniSearch);
  }
})(typeof self !== "undefined" ? self : this, function (MiniSearch) {
  "use strict";

  // combining tone marks (after NFD) and their digits in an exact key: sắc, huyền, hỏi, ngã, nặng
  var TONES = { "\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
  var JOINER = /^[^.!?;:]*$/; // two syllables form a pair unless a sentence or clause ends between them
  var FIELDS = ["title", "author", "text"];
  var BOOST = { title: 4, author: 4, text: 1 };
  var PAIR_WEIGHT = 1.5;
  var EXACT_WEIGHT = 1;
  var FULL_GROUPS = 30; // result groups that get a snippet around their matches (Material shows 10 at once)
  var SECTIONS_PER_GROUP = 5;
  var FOLDED_CACHE = 4000; // folded texts kept between keystrokes
  var SNIPPET_CHARS = 220;

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

  /* The index terms of a field: per syllable its folded and exact key, per adjacent pair its folded pair. */
  function indexTerms(text) {
    var terms = [];
    var list = tokens(text);
    for (var i = 0; i < list.length; i++) {
      var k = list[i].keys;
      terms.push(k.folded, "=" + k.exact);
      if (list[i].joined) {
        terms.push(list[i - 1].keys.folded + "_" + k.folded);
      }
    }
    return terms;
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function parseQuery(raw) {
    var text = raw.normalize("NFC");
    var words = tokens(text).map(function (token) {
      return { typed: text.slice(token.start, token.end), keys: token.keys };
    });
    var marked = words.some(function (word) {
      return word.keys.folded !== word.typed.toLowerCase();
    });
    var seen = {};
    var unique = words.filter(function (word) {
      var key = word.keys.exact;
      return seen[key] ? false : (seen[key] = true);
    });
    var last = words[words.length - 1];
    // the last syllable is still being typed unless a space follows it; one letter would match too much
    var prefix = !!last && !/\s$/.test(raw) && last.keys.folded.length >= 2;
    if (prefix && unique[unique.length - 1] !== last) {
      prefix = false; // the syllable being typed repeats an earlier one: "cứu nạn cứu"
    }
    return { words: unique, typed: words, marked: marked, prefix: prefix };
  }

  function identity(term) {
    return term;
  }

  function split(text) {
    return text.split(" ");
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

  /* For Material's "missing terms" line and its on-page highlighting (?h=…): each query syllable found,
     keyed by the form the page writes it in, and each one not found, keyed as typed. */
  function termsOf(query, fields) {
    var found = {};
    fields.forEach(function (field) {
      field.found.forEach(function (hit) {
        if (!(hit.index in found)) {
          found[hit.index] = field.text.slice(hit.start, hit.end);
        }
      });
    });
    var terms = {};
    query.words.forEach(function (word, i) {
      terms[i in found ? found[i] : word.typed] = i in found;
    });
    return terms;
  }

  /* The start of a text, escaped: for results beyond those that get a snippet. */
  function shortText(text) {
    var cut = text.length > SNIPPET_CHARS ? text.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, "") + " …" : text;
    return cut ? "<p>" + escapeHTML(cut) + "</p>" : "";
  }

  function Search(index) {
    var docs = index.docs.map(function (doc) {
      var copy = {};
      for (var key in doc) {
        copy[key] = typeof doc[key] === "string" ? doc[key].normalize("NFC") : doc[key];
      }
      return copy;
    });
    this.docs = docs;
    this.options = index.options || {};
    this.pages = new Map();
    docs.forEach(
      function (doc, id) {
        var path = doc.location.split("#")[0];
        if (!this.pages.has(path)) {
          this.pages.set(path, id);
        }
      }.bind(this),
    );
    this.index = new MiniSearch({
      idField: "id",
      fields: FIELDS,
      tokenize: indexTerms,
      processTerm: identity,
      extractField: function (doc, field) {
        return field === "id" ? doc.id : docs[doc.id][field] || "";
      },
      searchOptions: {
        tokenize: split,
        processTerm: identity,
        boost: BOOST,
        boostDocument: function (id) {
          return docs[id].boost || 1;
        },
      },
    });
    this.index.addAll(
      docs.map(function (_, id) {
        return { id: id };
      }),
    );
    this.vocabulary = titleVocabulary(docs);
    this.foldedCache = new Map();
  }

  /* The words of titles, most frequent first, for completing the word being typed. */
  function titleVocabulary(docs) {
    var counts = new Map();
    docs.forEach(function (doc) {
      tokens(doc.title || "").forEach(function (token) {
        var word = doc.title.slice(token.start, token.end).toLowerCase();
        if (word.length > 2) {
          counts.set(word, (counts.get(word) || 0) + 1);
        }
      });
    });
    return Array.from(counts.keys()).sort(function (a, b) {
      return counts.get(b) - counts.get(a);
    });
  }

  /* The folded form of a field of a document, kept for the next keystrokes, which mostly find the same. */
  Search.prototype.folded = function (id, field) {
    var key = field + id;
    var folded = this.foldedCache.get(key);
    if (folded === undefined) {
      if (this.foldedCache.size >= FOLDED_CACHE) {
        this.foldedCache.clear();
      }
      folded = foldOffsets(this.docs[id][field] || "");
      this.foldedCache.set(key, folded);
    }
    return folded;
  };

  Search.prototype.suggest = function (raw, query) {
    var typed = raw.split(/[\s-]+/).pop();
    var last = query.words[query.words.length - 1];
    if (!query.prefix || !typed || typed.normalize("NFC") !== last.typed) {
      return [];
    }
    for (var i = 0; i < this.vocabulary.length; i++) {
      var word = this.vocabulary[i];
      var k = keys(word);
      var form = query.marked ? word : k.folded;
      var stem = query.marked ? last.typed.toLowerCase() : last.keys.folded;
      if (form.length > stem.length && form.startsWith(stem)) {
        return [typed + form.slice(stem.length)];
      }
    }
    return [];
  };

  Search.prototype.search = function (raw) {
    var query = parseQuery(raw);
    var n = query.words.length;
    if (!n) {
      return { items: [] };
    }
    var folded = query.words.map(function (word) {
      return word.keys.folded;
    });
    var typed = query.typed.map(function (word) {
      return word.keys.folded;
    });
    var lastPrefix = function (term, i, terms) {
      return query.prefix && i === terms.length - 1;
    };
    var parts = [{ queries: [folded.join(" ")], prefix: lastPrefix }];
    var pairs = null;
    if (typed.length > 1) {
      pairs = typed.slice(1).map(function (word, i) {
        return typed[i] + "_" + word;
      });
      parts.push({ queries: [pairs.join(" ")], prefix: lastPrefix, boostTerm: constant(PAIR_WEIGHT) });
    }
    if (query.marked) {
      var exact = query.words.map(function (word) {
        return "=" + word.keys.exact;
      });
      parts.push({ queries: [exact.join(" ")], boostTerm: constant(EXACT_WEIGHT) });
    }
    var found = this.index.search({ combineWith: "OR", queries: parts });

    // group the documents by page, the way Material shows them, and rank the pages
    var groups = new Map();
    found.forEach(
      function (result) {
        var doc = this.docs[result.id];
        var path = doc.location.split("#")[0];
        var group = groups.get(path);
        if (!group) {
          group = { results: [], covered: {}, exact: {}, pairs: {}, best: 0, rest: 0 };
          groups.set(path, group);
        }
        group.results.push(result);
        var terms = new Set(result.queryTerms);
        folded.forEach(function (key, i) {
          if (terms.has(key)) {
            // a word only begun ("ho" of "hộ"…) counts less when the page holds it only as a longer word
            var whole = !(query.prefix && i === n - 1) || Object.prototype.hasOwnProperty.call(result.match, key);
            group.covered[i] = Math.max(group.covered[i] || 0, whole ? 1 : 0.5);
          }
          if (query.marked && terms.has("=" + query.words[i].keys.exact)) {
            group.exact[i] = true;
          }
        });
        (pairs || []).forEach(function (pair, i) {
          if (terms.has(pair)) {
            group.pairs[i] = true;
          }
        });
        group.rest += Math.min(group.best, result.score);
        group.best = Math.max(group.best, result.score);
      }.bind(this),
    );
    var ranked = Array.from(groups.entries()).map(function (entry) {
      var group = entry[1];
      group.path = entry[0];
      group.coverage = Object.values(group.covered).reduce(function (sum, value) {
        return sum + value;
      }, 0);
      group.exactness = Object.keys(group.exact).length;
      group.together = Object.keys(group.pairs).length;
      group.score = group.best + 0.25 * group.rest;
      return group;
    });
    ranked.sort(function (a, b) {
      return (
        b.coverage - a.coverage || b.together - a.together || b.exactness - a.exactness || b.score - a.score
      );
    });

    var find = finder(query);
    var self = this;
    var items = ranked.map(function (group, rank) {
      var full = rank < FULL_GROUPS;
      var results = group.results.slice(0, full ? SECTIONS_PER_GROUP : 1);
      var page = self.pages.get(group.path);
      if (
        !results.some(function (result) {
          return result.id === page;
        })
      ) {
        results.push({ id: page, score: 0 });
      }
      return results.map(function (result) {
        var doc = self.docs[result.id];
        var title = { text: doc.title || "", found: find(doc.title || "", self.folded(result.id, "title"), group.exact) };
        var item = { location: doc.location, title: highlight(title.text, title.found, 0, title.text.length) };
        if (full) {
          var text = { text: doc.text || "", found: find(doc.text || "", self.folded(result.id, "text"), group.exact) };
          var author = { text: doc.author || "", found: doc.author ? find(doc.author, null, group.exact) : [] };
          item.text = snippet(text.text, text.found);
          item.terms = termsOf(query, [title, author, text]);
        } else {
          item.text = shortText(doc.text || "");
          item.terms = {};
        }
        item.score = result.score;
        if (doc.tags) {
          item.tags = doc.tags;
        }
        return item;
      });
    });
    var answer = { items: items };
    if (this.options.suggest) {
      answer.suggest = this.suggest(raw, query);
    }
    return answer;
  };

  function constant(value) {
    return function () {
      return value;
    };
  }

  return { Search: Search, keys: keys, tokens: tokens, parseQuery: parseQuery };
});
