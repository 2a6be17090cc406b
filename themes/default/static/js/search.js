// Site search, on Pagefind's JavaScript API (pagefind/pagefind.js, written
// by `signpost build` beside the index).
//
// On every page: the header's search form leads to the A to Z of pages when
// JavaScript is off; this sends it to the search page instead.
// On the search page: shows the form and the results for ?q= (and ?kind=),
// says how many were found in a live region, and searches again as the
// words or the kind filter change.
(function () {
  'use strict';

  document.querySelectorAll('form[data-search-url]').forEach(function (form) {
    form.setAttribute('action', form.getAttribute('data-search-url'));
  });

  var app = document.getElementById('search-app');
  if (!app) return;
  var form = app.querySelector('form');
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var noScript = document.getElementById('search-no-script');
  if (!form || !input || !status || !list) return;

  app.hidden = false;
  if (noScript) noScript.hidden = true;

  var params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  var wanted = params.get('kind') || '';
  var radios = Array.prototype.slice.call(form.querySelectorAll('input[name="kind"]'));
  radios.forEach(function (r) { r.checked = r.value === wanted; });
  if (radios.length && !radios.some(function (r) { return r.checked; })) radios[0].checked = true;

  var pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(app.getAttribute('data-bundle') + 'pagefind.js').then(function (pf) {
        return pf.options({ baseUrl: app.getAttribute('data-base') || '/', excerptLength: 24 }).then(function () {
          return pf;
        });
      });
    }
    return pagefind;
  }

  function kind() {
    var checked = radios.filter(function (r) { return r.checked; })[0];
    return checked ? checked.value : '';
  }

  // Pagefind's excerpts mark the words found with <mark>; everything else
  // is kept as text, so nothing from the index is run as HTML.
  function excerpt(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    var p = document.createElement('p');
    p.className = 'search__excerpt';
    t.content.childNodes.forEach(function (node) {
      if (node.nodeName === 'MARK') {
        var m = document.createElement('mark');
        m.textContent = node.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function result(data) {
    var li = document.createElement('li');
    li.className = 'search__result';
    var h = document.createElement('h2');
    h.className = 'search__result-title';
    var a = document.createElement('a');
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    h.appendChild(a);
    li.appendChild(h);
    if (data.meta && data.meta.kind) {
      var k = document.createElement('p');
      k.className = 'search__kind';
      k.textContent = data.meta.kind;
      li.appendChild(k);
    }
    li.appendChild(excerpt(data.excerpt || (data.meta && data.meta.summary) || ''));
    return li;
  }

  var latest = 0;
  function run() {
    var words = input.value.trim();
    var only = kind();
    var url = new URL(window.location.href);
    url.searchParams.set('q', words);
    if (only) url.searchParams.set('kind', only); else url.searchParams.delete('kind');
    window.history.replaceState(null, '', url);
    var mine = ++latest;
    if (!words) {
      list.replaceChildren();
      status.textContent = 'Type what you are looking for, then press Search.';
      return;
    }
    status.textContent = 'Searching\u2026';
    load()
      .then(function (pf) {
        return pf.search(words, only ? { filters: { kind: only } } : {});
      })
      .then(function (found) {
        var shown = found.results.slice(0, 30);
        return Promise.all(shown.map(function (r) { return r.data(); })).then(function (pages) {
          return { total: found.results.length, pages: pages };
        });
      })
      .then(function (r) {
        if (mine !== latest) return;
        list.replaceChildren.apply(list, r.pages.map(result));
        var where = only ? ' in ' + only.toLowerCase() : '';
        var count = r.total === 0 ? 'No results' : r.total === 1 ? '1 result' : r.total + ' results';
        var more = r.total > r.pages.length ? ', showing the first ' + r.pages.length : '';
        status.textContent = count + ' for \u2018' + words + '\u2019' + where + more + '.';
      })
      .catch(function () {
        if (mine !== latest) return;
        list.replaceChildren();
        status.textContent = 'Search is not working at the moment. Try the A to Z of pages instead.';
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run();
  });
  radios.forEach(function (r) { r.addEventListener('change', run); });
  if (input.value.trim()) run();
})();
