// Live updates for the console: the server says when what a page shows has changed (server-sent events, from the URL
// in the live region's data-live), and the page re-reads itself and swaps that region in place. Without this file
// the page is the same, refreshed by reloading.
(() => {
  "use strict";
  let source = null;

  function listen() {
    const region = document.querySelector("[data-live][id]");
    if (!region) return;
    if (source) source.close();
    source = new EventSource(region.dataset.live);
    source.addEventListener("changed", () => refresh(region.id));
    document.documentElement.dataset.state = "live";
  }

  async function refresh(id) {
    try {
      const response = await fetch(location.pathname, { credentials: "same-origin" });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html").getElementById(id);
      const current = document.getElementById(id);
      if (!next || !current) return;
      const focused = document.activeElement && document.activeElement.id;
      const open = [...current.querySelectorAll("details[open][id]")].map((d) => d.id);
      current.replaceWith(next);
      open.forEach((o) => document.getElementById(o)?.setAttribute("open", ""));
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      listen();
    } catch {
      // The next change, or a reload, brings the page up to date.
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", listen);
  else listen();
})();
