// Live updates for the console: the server says when what the overview shows has changed (server-sent events), and
// the page re-reads itself in place. Without this file the page is the same, refreshed by reloading.
(() => {
  "use strict";
  let source = null;

  function listen() {
    const overview = document.querySelector("#overview[data-live]");
    if (!overview) return;
    if (source) source.close();
    source = new EventSource(overview.dataset.live);
    source.addEventListener("changed", refresh);
    document.documentElement.dataset.state = "live";
  }

  async function refresh() {
    try {
      const response = await fetch(location.pathname, { credentials: "same-origin" });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("#overview");
      const current = document.querySelector("#overview");
      if (!next || !current) return;
      const focused = document.activeElement && document.activeElement.id;
      current.replaceWith(next);
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      listen();
    } catch {
      // The next change, or a reload, brings the page up to date.
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", listen);
  else listen();
})();
