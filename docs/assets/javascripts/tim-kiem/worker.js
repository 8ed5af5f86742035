/* The search worker behind Material's search box (hooks/search.py points the theme's config at it).

   It speaks the message protocol of Material's own worker, which Material documents only in its source
   (src/templates/assets/javascripts/integrations/search/worker/message): the page sends SETUP with the
   search index, the worker answers READY; the page sends QUERY with the text of the box, the worker
   answers RESULT with the pages found, grouped by page, titles and snippets as HTML with <mark>.
   tests/test_search.py fails if a Material upgrade stops this worker from answering the box. */
"use strict";

importScripts("../vendor/minisearch.js", "engine.js");

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var search = null;

addEventListener("message", function (event) {
  var message = event.data;
  switch (message.type) {
    case SETUP:
      search = new self.BanTinSearch.Search(message.data);
      postMessage({ type: READY });
      break;
    case QUERY:
      try {
        postMessage({ type: RESULT, data: search ? search.search(message.data) : { items: [] } });
      } catch (error) {
        console.warn("Tìm kiếm lỗi với truy vấn '" + message.data + "':", error);
        postMessage({ type: RESULT, data: { items: [] } });
      }
      break;
    default:
      throw new TypeError("Tin nhắn không hợp lệ cho bộ tìm kiếm: " + message.type);
  }
});
