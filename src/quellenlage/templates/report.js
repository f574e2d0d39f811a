// Filters and pages for the lists of a quellenlage report. No network, no innerHTML.
(function () {
  "use strict";
  var FIELDS = ["subject", "property", "outlet", "label"];

  function Pager(list) {
    this.list = list;
    this.items = Array.prototype.slice.call(list.querySelectorAll("[data-item]"));
    this.size = parseInt(list.getAttribute("data-page-size") || "50", 10);
    this.page = 0;
    this.matching = this.items;
    var id = list.getAttribute("id");
    this.info = document.querySelector('[data-pager-info="' + id + '"]');
    this.prev = document.querySelector('[data-pager-prev="' + id + '"]');
    this.next = document.querySelector('[data-pager-next="' + id + '"]');
    var self = this;
    if (this.prev) this.prev.addEventListener("click", function () { self.go(self.page - 1); });
    if (this.next) this.next.addEventListener("click", function () { self.go(self.page + 1); });
  }
  Pager.prototype.pages = function () { return Math.max(1, Math.ceil(this.matching.length / this.size)); };
  Pager.prototype.go = function (page) {
    this.page = Math.min(Math.max(0, page), this.pages() - 1);
    var lo = this.page * this.size, hi = lo + this.size;
    var shown = new Set(this.matching.slice(lo, hi));
    this.items.forEach(function (el) { el.hidden = !shown.has(el); });
    if (this.info) {
      this.info.textContent = this.matching.length + " von " + this.items.length + " · Seite " +
        (this.page + 1) + " von " + this.pages();
    }
    if (this.prev) this.prev.disabled = this.page === 0;
    if (this.next) this.next.disabled = this.page >= this.pages() - 1;
  };
  Pager.prototype.filter = function (wanted) {
    this.matching = this.items.filter(function (el) {
      return FIELDS.every(function (f) {
        var w = wanted[f];
        if (!w) return true;
        var have = (el.getAttribute("data-" + f) || "").split("\n");
        return have.some(function (h) { return f === "label" ? h === w : h.indexOf(w) !== -1; });
      });
    });
    this.go(0);
  };

  function init() {
    var pagers = Array.prototype.slice.call(document.querySelectorAll("[data-list]")).map(function (l) {
      return new Pager(l);
    });
    var inputs = {};
    FIELDS.forEach(function (f) { inputs[f] = document.getElementById("filter-" + f); });
    function apply() {
      var wanted = {};
      FIELDS.forEach(function (f) { wanted[f] = inputs[f] ? inputs[f].value.trim().toLowerCase() : ""; });
      pagers.forEach(function (p) { p.filter(wanted); });
    }
    FIELDS.forEach(function (f) {
      if (inputs[f]) {
        inputs[f].addEventListener("input", apply);
        inputs[f].addEventListener("change", apply);
      }
    });
    var form = document.getElementById("filters");
    if (form) form.addEventListener("submit", function (e) { e.preventDefault(); });
    var reset = document.getElementById("filter-reset");
    if (reset) reset.addEventListener("click", function () {
      FIELDS.forEach(function (f) { if (inputs[f]) inputs[f].value = ""; });
      apply();
    });
    apply();
    document.documentElement.setAttribute("data-ready", "1");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
