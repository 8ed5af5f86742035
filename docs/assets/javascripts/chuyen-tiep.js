/* A landing page that sends the reader straight on (overrides/redirect.html): to the address in its
   <meta name="bt-location">, keeping the query and the fragment, without a history entry of its own.
   A file rather than an inline script, so that the site's Content-Security-Policy needs no new hash. */
(function () {
  "use strict";
  var target = document.querySelector('meta[name="bt-location"]');
  if (target) {
    window.location.replace(target.content + window.location.search + window.location.hash);
  }
})();
