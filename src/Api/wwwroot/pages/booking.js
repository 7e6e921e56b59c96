// Progressive enhancement of the booking pages: they work without this file. With it, the candidate's own time zone
// is used from the start, and choosing another zone shows the times in it at once.
(() => {
  "use strict";
  const form = document.querySelector("#zone-form");
  if (!form) {
    document.documentElement.dataset.state = "ready";
    return;
  }
  const zone = form.querySelector("#tz");
  const apply = form.querySelector("button[data-auto]");
  if (apply) apply.hidden = true;
  zone.addEventListener("change", () => form.submit());
  if (form.dataset.zoneSource === "default") {
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (detected && detected !== zone.value && [...zone.options].some((o) => o.value === detected)) {
      zone.value = detected;
      form.submit();
      return;
    }
  }
  document.documentElement.dataset.state = "ready";
})();
