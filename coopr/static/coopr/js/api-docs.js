// Swagger UI at /api/docs/, made accessible where its markup falls short (api-docs.css does
// the colours and target sizes): every select gets a name, every code block that scrolls
// sideways can be reached with the keyboard, headings skip no level, and all content is in
// a landmark. Swagger UI draws as it goes, so each
// change to the page is looked at again.
(function () {
  "use strict";

  function selectName(select) {
    if (select.id === "servers") {
      return "Server";
    }
    var row = select.closest("tr[data-param-name]");
    if (row) {
      return row.getAttribute("data-param-name");
    }
    if (select.closest(".response-control-media-type, .content-type-wrapper")) {
      return "Media type";
    }
    return "Choice";
  }

  function fix() {
    document.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", selectName(select));
    });
    document.querySelectorAll("pre:not(.version):not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
    // Everything in a landmark: the title and description are the page's banner, the choice
    // of server a region of its own (the operations are Swagger UI's <main>).
    document.querySelectorAll(".information-container:not([role])").forEach(function (info) {
      info.setAttribute("role", "banner");
    });
    document.querySelectorAll(".schemes-server-container:not([role])").forEach(function (box) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Server");
    });
    // The title is a level-1 heading, each resource's a level-3 one (and so on down): one
    // level up each, so that no level is skipped.
    document.querySelectorAll(
      "#swagger-ui :is(h3, h4, h5, h6):not([aria-level])"
    ).forEach(function (heading) {
      heading.setAttribute("aria-level", String(Number(heading.tagName[1]) - 1));
    });
  }

  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
})();
