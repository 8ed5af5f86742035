/* The search worker behind Material's search box (hooks/search.py points the theme's config at it).

   It speaks the message protocol of Material's own worker, which Material documents only in its source
   (src/templates/assets/javascripts/integrations/search/worker/message): the page sends SETUP with the
   search index, the worker answers READY; the page sends QUERY with the text of the box, the worker
   answers RESULT with the pages found, grouped by page, titles and snippets as HTML with <mark>.

   The index the page sends is only the theme's configuration (search/search_index.json is kept that small,
   because every page loads it); the documents are in search/tim-kiem.json, which this worker fetches and
   indexes when a reader first types a query. Readers who never search never download it.
   tests/test_search.py fails if a Material upgrade stops this worker from answering the box. */
"use strict";

importScripts("../vendor/minisearch.js", "engine.js");

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;
var DOCUMENTS = new URL("../../../search/tim-kiem.json", self.location.href).href;

var options = {};
var search = null; // the engine, once the documents are indexed
var loading = null; // the promise of the engine while they are fetched and indexed
var waiting = null; // the latest query that came in meanwhile

function answer(query) {
  try {
    postMessage({ type: RESULT, data: search.search(query) });
  } catch (error) {
    console.warn("Tìm kiếm lỗi với truy vấn '" + query + "':", error);
    postMessage({ type: RESULT, data: { items: [] } });
  }
}

function load() {
  if (!loading) {
    loading = fetch(DOCUMENTS)
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (index) {
        search = new self.BanTinSearch.Search({ config: index.config, docs: index.docs, options: options });
      });
  }
  return loading;
}

addEventListener("message", function (event) {
  var message = event.data;
  switch (message.type) {
    case SETUP:
      options = message.data.options || {};
      postMessage({ type: READY });
      break;
    case QUERY:
      if (!/\S/.test(message.data)) {
        postMessage({ type: RESULT, data: { items: [] } });
      } else if (search) {
        answer(message.data);
      } else {
        waiting = message.data;
        load().then(
          function () {
            if (waiting !== null) {
              var query = waiting;
              waiting = null;
              answer(query);
            }
          },
          function (error) {
            console.error("Không tải được chỉ mục tìm kiếm " + DOCUMENTS + ": " + error.message);
            loading = null;
            postMessage({ type: RESULT, data: { items: [] } });
          },
        );
      }
      break;
    default:
      throw new TypeError("Tin nhắn không hợp lệ cho bộ tìm kiếm: " + message.type);
  }
});
