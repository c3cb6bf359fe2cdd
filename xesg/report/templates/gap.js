(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var heads = Array.prototype.slice.call(document.querySelectorAll("tr[data-group-head]"));
  var counter = document.getElementById("filter-count");
  var texts = items.map(function (el) { return el.textContent.toLowerCase(); });

  function listed(list, value) {
    return !value || (" " + (list || "") + " ").indexOf(" " + value + " ") >= 0;
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
    counter.textContent = shown.disclosure + "/" + total.disclosure + " disclosures · " +
      shown.finding + "/" + total.finding + " findings";
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
