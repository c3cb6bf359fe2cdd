(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var heads = Array.prototype.slice.call(document.querySelectorAll("tr[data-group-head]"));
  // Links to findings that concern no one disclosure: shown when their finding is.
  var links = Array.prototype.slice.call(document.querySelectorAll("[data-untied]"));
  var counter = document.getElementById("filter-count");
  var texts = items.map(function (el) { return el.textContent.toLowerCase(); });
  var NAMES = ["severity", "rule", "standard", "status", "q"];
  var PREFIX = "#filters:";
  var written = null;  // the address this script set last (its hashchange is no news)

  function listed(list, value) {
    return !value || (" " + (list || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  // The filters live in the address (#filters:severity=error&q=scope), so that a reviewer
  // can share the view they filtered; anchors (#f-3) are left alone.
  function saveState() {
    var parts = [];
    NAMES.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) { parts.push(name + "=" + encodeURIComponent(value)); }
    });
    var hash = parts.length ? PREFIX + parts.join("&") : "";
    if (hash === window.location.hash || (!hash && window.location.hash.indexOf(PREFIX) !== 0)) {
      return;
    }
    var base = window.location.href.split("#")[0];
    written = hash || PREFIX;
    try {
      window.history.replaceState(null, "", base + hash);
    } catch (e) {
      // file: pages may not rewrite their address; a jump to a fragment no element has
      // changes it without a reload, a scroll or a new history entry.
      window.location.replace(base + written);
    }
  }

  function loadState() {
    var hash = window.location.hash;
    if (hash.indexOf(PREFIX) !== 0) { return; }
    hash.slice(PREFIX.length).split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      var name = pair.slice(0, at);
      if (at > 0 && NAMES.indexOf(name) >= 0) {
        try {
          form.elements[name].value = decodeURIComponent(pair.slice(at + 1));
        } catch (e) { /* a malformed address: keep the default */ }
      }
    });
  }

  function apply() {
    var severity = form.elements.severity.value;
    var rule = form.elements.rule.value;
    var standard = form.elements.standard.value;
    var status = form.elements.status.value;
    var query = form.elements.q.value.trim().toLowerCase();
    var shown = { disclosure: 0, finding: 0 };
    var total = { disclosure: 0, finding: 0 };
    var visibleGroups = {};
    items.forEach(function (el, i) {
      var d = el.dataset;
      var ok = listed(d.severity, severity) && listed(d.rule, rule) &&
        (!standard || d.standard === standard) && (!status || d.status === status) &&
        (!query || texts[i].indexOf(query) >= 0);
      el.hidden = !ok;
      total[d.filter] += 1;
      if (ok) {
        shown[d.filter] += 1;
        if (d.group) { visibleGroups[d.group] = true; }
      }
    });
    heads.forEach(function (head) {
      head.hidden = !visibleGroups[head.getAttribute("data-group-head")];
    });
    links.forEach(function (link) {
      var finding = document.getElementById(link.getAttribute("data-untied"));
      link.hidden = !finding || finding.hidden;
    });
    Array.prototype.slice.call(document.querySelectorAll("p.untied")).forEach(function (p) {
      p.hidden = !p.querySelector("[data-untied]:not([hidden])");
    });
    counter.textContent = shown.disclosure + "/" + total.disclosure + " disclosures · " +
      shown.finding + "/" + total.finding + " findings";
  }

  function changed() {
    apply();
    saveState();
  }

  loadState();
  form.hidden = false;
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
  window.addEventListener("hashchange", function () {
    var hash = window.location.hash;
    if (hash !== written && hash.indexOf(PREFIX) === 0) {
      form.reset();
      loadState();
      apply();
    }
  });
  apply();
})();
