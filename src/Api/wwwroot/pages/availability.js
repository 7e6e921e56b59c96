// Progressive enhancement of the availability form: it works without this file. With it, the candidate's time zone is
// detected, and buttons other than Send update the page in place instead of reloading it.
(() => {
  "use strict";
  const selector = "#availability";

  function focusAfter(main, action) {
    const target = main.querySelector("#error-summary")
      || (action.startsWith("add:") && main.querySelector("#day-" + action.slice(4) + " select"))
      || (action.startsWith("remove:") && main.querySelector("#chosen-title"))
      || (action.startsWith("week:") && main.querySelector("#week"))
      || null;
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|BUTTON|A)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }

  async function update(form, submitter) {
    const action = submitter ? submitter.value : "";
    document.documentElement.dataset.state = "busy";
    try {
      const response = await fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form, submitter), credentials: "same-origin" });
      const html = await response.text();
      const next = new DOMParser().parseFromString(html, "text/html");
      const main = document.querySelector("main");
      main.replaceChildren(...next.querySelector("main").childNodes);
      document.title = next.title;
      init();
      focusAfter(main, action);
    } catch {
      form.submit();
    } finally {
      document.documentElement.dataset.state = "ready";
    }
  }

  function init() {
    const form = document.querySelector(selector);
    if (!form) return;
    form.addEventListener("submit", (event) => {
      const submitter = event.submitter;
      if (!submitter || submitter.value === "send") return;
      event.preventDefault();
      update(form, submitter);
    });
    const zone = form.querySelector("#tz");
    const apply = form.querySelector("button[data-auto]");
    if (apply) apply.hidden = true;
    zone.addEventListener("change", () => update(form, apply));
    if (form.dataset.zoneSource === "default") {
      const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (detected && detected !== zone.value && [...zone.options].some((o) => o.value === detected)) {
        form.dataset.zoneSource = "detected";
        zone.value = detected;
        update(form, apply);
        return;
      }
    }
    document.documentElement.dataset.state = "ready";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
