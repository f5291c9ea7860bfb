/* The claims tracker's filter: by status (buttons), claimant and quantity (selects).
 * Rows carry data-status, data-claimant and data-quantity; groups and sections with no visible
 * row are hidden. The filter's state is kept in the URL (?status=...&claimant=...&quantity=...),
 * so a filtered view can be shared and survives the back button. Without this script every
 * claim is shown and the form stays hidden. */
(function () {
  "use strict";

  function setup(form) {
    if (form.getAttribute("data-archive-ready")) { return; }
    form.setAttribute("data-archive-ready", "true");
    var root = form.parentNode;
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr[data-status]"));
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-archive-group]"));
    var sections = Array.prototype.slice.call(root.querySelectorAll("[data-archive-section]"));
    var buttons = Array.prototype.slice.call(form.querySelectorAll("button[data-status]"));
    var claimant = form.querySelector("select[name=claimant]");
    var quantity = form.querySelector("select[name=quantity]");
    var count = form.querySelector("[data-archive-count]");
    var total = rows.length;

    function statuses() {
      return buttons.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
                    .map(function (b) { return b.getAttribute("data-status"); });
    }

    function apply(updateUrl) {
      var wanted = statuses();
      var who = claimant.value;
      var what = quantity.value;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!wanted.length || wanted.indexOf(row.getAttribute("data-status")) >= 0) &&
                 (!who || row.getAttribute("data-claimant") === who) &&
                 (!what || (" " + row.getAttribute("data-quantity") + " ").indexOf(" " + what + " ") >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("tr[data-status]:not([hidden])");
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("[data-archive-group]:not([hidden])");
      });
      count.textContent = shown === total ? total + " claims" : shown + " of " + total + " claims";
      if (updateUrl && window.history && window.history.replaceState) {
        var params = new URLSearchParams(window.location.search);
        params.delete("status");
        wanted.forEach(function (s) { params.append("status", s); });
        if (who) { params.set("claimant", who); } else { params.delete("claimant"); }
        if (what) { params.set("quantity", what); } else { params.delete("quantity"); }
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    var params = new URLSearchParams(window.location.search);
    var fromUrl = params.getAll("status");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", fromUrl.indexOf(button.getAttribute("data-status")) >= 0 ? "true" : "false");
      button.addEventListener("click", function () {
        var pressed = button.getAttribute("aria-pressed") === "true";
        button.setAttribute("aria-pressed", pressed ? "false" : "true");
        apply(true);
      });
    });
    if (params.get("claimant") && hasOption(claimant, params.get("claimant"))) { claimant.value = params.get("claimant"); }
    if (params.get("quantity") && hasOption(quantity, params.get("quantity"))) { quantity.value = params.get("quantity"); }
    claimant.addEventListener("change", function () { apply(true); });
    quantity.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-archive-filter]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation, if it is switched on
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
