/* Search on pages opened from the file system (site/index.html without a server).
 *
 * Browsers refuse to start a Web Worker from a file:// URL, and the site's search runs in one.
 * Where the page comes from the file system, this replaces `Worker` with a stand-in that runs the
 * worker's script in a hidden iframe of the same page: messages go both ways as `message` events,
 * and `importScripts` loads scripts and returns a promise (the search worker awaits it). Served
 * over HTTP (`mkdocs serve`, any web server), the browser's own Worker is used.
 *
 * The name holds "iframe-worker" so that the Material theme's offline plugin takes it for its
 * polyfill of the same purpose and does not add that one, which it would load from a CDN.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function IFrameWorker(url) {
    url = new URL(String(url), location.href).href;
    var target = new EventTarget(); // the page's side of the channel
    var frame = document.createElement("iframe");
    var queue = [];
    var ready = false;
    frame.setAttribute("aria-hidden", "true");
    frame.style.display = "none";
    (document.body || document.documentElement).appendChild(frame);
    var win = frame.contentWindow;
    var doc = frame.contentDocument;

    // The worker's global functions, defined on the iframe's window.
    win.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof worker.onmessage === "function") worker.onmessage(event);
    };
    win.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () {
          return new Promise(function (resolve, reject) {
            var script = doc.createElement("script");
            script.src = new URL(src, url).href;
            script.onload = resolve;
            script.onerror = function () { reject(new Error("cannot load " + src)); };
            doc.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    };

    function deliver(data) {
      win.dispatchEvent(new win.MessageEvent("message", { data: data }));
    }

    var script = doc.createElement("script");
    script.src = url;
    script.onload = function () {
      ready = true;
      queue.splice(0).forEach(deliver);
    };
    script.onerror = function () {
      var event = new Event("error");
      target.dispatchEvent(event);
      if (typeof worker.onerror === "function") worker.onerror(event);
    };
    doc.head.appendChild(script);

    var worker = {
      onmessage: null,
      onerror: null,
      postMessage: function (data) {
        if (ready) deliver(data);
        else queue.push(data);
      },
      terminate: function () {
        frame.remove();
      },
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
      dispatchEvent: target.dispatchEvent.bind(target)
    };
    return worker;
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
