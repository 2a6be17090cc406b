// Site search, reading the index `signpost build` writes (search-index/,
// described in Signpost's src/search/mod.rs). No other code is loaded.
//
// On every page: the header's search form leads to the A to Z of pages when
// JavaScript is off; this sends it to the search page instead.
// On the search page: shows the form and the results for ?q= (and ?kind=),
// says how many were found in a live region, and searches again as the
// words or the kind filter change.
(function () {
  'use strict';

  // Words as the index has them: lowercase, accents and other marks
  // dropped, apostrophes taken out, split at anything that is not a letter
  // or digit. Signpost's Rust code does exactly the same (src/search/words.rs).
  var MAX_WORD_CHARS = 40;
  function words(text) {
    var folded = String(text).toLowerCase().normalize('NFKD')
      .replace(/[\p{M}'\u2019\u02bc]/gu, '').toLowerCase();
    return folded.split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return w !== '' && Array.from(w).length <= MAX_WORD_CHARS;
    });
  }
  window.signpostSearch = { words: words };

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

  var bundle = app.getAttribute('data-bundle') || '/search-index/';
  var base = (app.getAttribute('data-base') || '/').replace(/\/$/, '');
  var SHOWN = 30;
  var PREFIX_WEIGHT = 0.5;
  var PREFIX_FROM = 2;
  var PREFIX_FILES = 4;

  // Every file but the entry is named by its contents, so the browser may
  // keep them; the entry is checked with the server each time.
  var fetched = new Map();
  function get(name, fresh) {
    // A fresh file (the entry) is asked for again on every search, so a
    // page left open across a rebuild follows the new index.
    if (fresh || !fetched.has(name)) {
      var p = fetch(bundle + name, fresh ? { cache: 'no-cache' } : {}).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      });
      p.catch(function () { fetched.delete(name); });
      fetched.set(name, p);
    }
    return fetched.get(name);
  }

  // The words files a word needs: the one it falls in (files are in key
  // order, each listed with its first key) and, for a prefix, the next few
  // whose first key still starts with it.
  function filesFor(firsts, word, prefix) {
    var at = 0;
    for (var i = 0; i < firsts.length; i += 1) {
      if (firsts[i][0] <= word) at = i; else break;
    }
    var out = firsts.length ? [firsts[at][1]] : [];
    for (var j = at + 1; prefix && j < firsts.length && out.length < PREFIX_FILES; j += 1) {
      if (firsts[j][0].indexOf(word) !== 0) break;
      out.push(firsts[j][1]);
    }
    return out;
  }

  // Pages with every word (the last one also as a prefix), with the sum of
  // their scores; `matched` gets the keys of the groups found, for marking.
  function find(entry, typed, matched) {
    return Promise.all(typed.map(function (word, i) {
      var prefix = i === typed.length - 1 && Array.from(word).length >= PREFIX_FROM;
      return Promise.all(filesFor(entry.words, word, prefix).map(function (f) { return get(f); }))
        .then(function (chunks) {
          var found = new Map();
          chunks.forEach(function (chunk) {
            var groups = new Set();
            chunk.f.forEach(function (form) {
              var weight;
              if (form[0] === word) weight = 1;
              else if (prefix && form[0].indexOf(word) === 0) weight = PREFIX_WEIGHT;
              else return;
              groups.add(form[1]);
              var postings = chunk.g[form[1]] || [];
              var page = 0;
              for (var k = 0; k + 1 < postings.length; k += 2) {
                page += postings[k];
                var score = weight * postings[k + 1];
                if (!(found.get(page) >= score)) found.set(page, score);
              }
            });
            // Every form of the words found is marked in the results.
            chunk.f.forEach(function (form) {
              if (groups.has(form[1])) matched.add(form[0]);
            });
          });
          return found;
        });
    })).then(function (each) {
      var total = each[0] || new Map();
      each.slice(1).forEach(function (found) {
        var both = new Map();
        total.forEach(function (s, page) {
          if (found.has(page)) both.set(page, s + found.get(page));
        });
        total = both;
      });
      return total;
    });
  }

  function kindOf(entry, id) {
    for (var i = 0; i < entry.kinds.length; i += 1) {
      if (id >= entry.kinds[i][1] && id < entry.kinds[i][2]) return entry.kinds[i][0];
    }
    return '';
  }

  function records(entry, ids) {
    var per = entry.pages_per_file;
    return Promise.all(ids.map(function (id) {
      return get(entry.records[Math.floor(id / per)]).then(function (file) {
        var r = file[id % per];
        return { url: r[0], title: r[1], summary: r[2], text: r[3], kind: kindOf(entry, id) };
      });
    }));
  }

  // A paragraph of `text` with the words found marked; `around` keeps only
  // about that many words around the first one found. Everything is put in
  // as text, so nothing from the index is run as HTML.
  function marked(text, matched, around) {
    var parts = String(text).split(/([\p{Alphabetic}\p{N}\p{M}'\u2019\u02bc]+)/u);
    var hits = [];
    for (var i = 1; i < parts.length; i += 2) {
      if (words(parts[i]).some(function (k) { return matched.has(k); })) hits.push(i);
    }
    if (around && !hits.length) return null;
    var from = 0;
    var to = parts.length;
    if (around) {
      from = Math.max(0, hits[0] - 2 * Math.floor(around / 3));
      if (from % 2 === 1) from -= 1;
      to = Math.min(parts.length, from + 2 * around);
    }
    var p = document.createElement('p');
    p.className = 'search__excerpt';
    if (from > 0) p.appendChild(document.createTextNode('\u2026 '));
    for (var j = from; j < to; j += 1) {
      if (j % 2 === 1 && hits.indexOf(j) !== -1) {
        var m = document.createElement('mark');
        m.textContent = parts[j];
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(parts[j]));
      }
    }
    if (to < parts.length) p.appendChild(document.createTextNode(' \u2026'));
    return { p: p, found: hits.length > 0 };
  }

  function result(data, matched) {
    var li = document.createElement('li');
    li.className = 'search__result';
    var h = document.createElement('h2');
    h.className = 'search__result-title';
    var a = document.createElement('a');
    a.href = base + data.url;
    a.textContent = data.title || data.url;
    h.appendChild(a);
    li.appendChild(h);
    if (data.kind) {
      var k = document.createElement('p');
      k.className = 'search__kind';
      k.textContent = data.kind;
      li.appendChild(k);
    }
    var summary = data.summary ? marked(data.summary, matched, 0) : null;
    if (summary) li.appendChild(summary.p);
    // Where the summary does not have the words, the text around them.
    if (!summary || !summary.found) {
      var excerpt = marked(data.text || '', matched, 24);
      if (excerpt) li.appendChild(excerpt.p);
    }
    return li;
  }

  function kind() {
    var checked = radios.filter(function (r) { return r.checked; })[0];
    return checked ? checked.value : '';
  }

  var latest = 0;
  function run() {
    var typed = input.value.trim();
    var only = kind();
    var url = new URL(window.location.href);
    url.searchParams.set('q', typed);
    if (only) url.searchParams.set('kind', only); else url.searchParams.delete('kind');
    window.history.replaceState(null, '', url);
    var mine = ++latest;
    var keys = words(typed);
    if (!keys.length) {
      list.replaceChildren();
      status.textContent = 'Type what you are looking for, then press Search.';
      return;
    }
    status.textContent = 'Searching\u2026';
    var matched = new Set();
    get('entry.json', true)
      .then(function (entry) {
        return find(entry, keys, matched).then(function (found) {
          var range = entry.kinds.filter(function (k) { return k[0] === only; })[0];
          var ids = [];
          found.forEach(function (s, id) {
            if (!only || (range && id >= range[1] && id < range[2])) ids.push(id);
          });
          ids.sort(function (x, y) { return found.get(y) - found.get(x) || x - y; });
          return records(entry, ids.slice(0, SHOWN)).then(function (pages) {
            return { total: ids.length, pages: pages };
          });
        });
      })
      .then(function (r) {
        if (mine !== latest) return;
        list.replaceChildren.apply(list, r.pages.map(function (d) { return result(d, matched); }));
        var where = only ? ' in ' + only.toLowerCase() : '';
        var count = r.total === 0 ? 'No results' : r.total === 1 ? '1 result' : r.total + ' results';
        var more = r.total > r.pages.length ? ', showing the first ' + r.pages.length : '';
        status.textContent = count + ' for \u2018' + typed + '\u2019' + where + more + '.';
      })
      .catch(function () {
        if (mine !== latest) return;
        list.replaceChildren();
        status.textContent = 'Search is not working at the moment. Try the A to Z of pages instead.';
      });
  }

  // As you type: a short pause after the last key, so each key press does
  // not start a search of its own.
  var typing = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(run, 250);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    window.clearTimeout(typing);
    run();
  });
  radios.forEach(function (r) { r.addEventListener('change', run); });
  if (input.value.trim()) run();
})();
