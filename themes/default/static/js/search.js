// hyoka default theme: 検索 (search/). Finds goals in the index the build wrote
// (search/index.js sets window.hyokaSearchIndex; its shape is described in
// src/render/search.rs) by substring on text normalised the way people type.
// Without JavaScript the page lists every goal by department instead.
(() => {
  // The twin of normalise() in src/render/search.rs: NFKC, katakana to hiragana, ASCII
  // letters to lower case, dashes and long-vowel marks to "-", wave dashes to "~", white
  // space runs to one space, trimmed. tests/testsuite/search.rs runs both on the same strings.
  const DASH = new Set([0x30fc, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212,
    0x2500, 0x2501, 0x02d7, 0x2043]);
  const WAVE = new Set([0x301c, 0x3030, 0x223c, 0x223e, 0x2053]);
  const SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
  const fold = (c) => {
    if ((c >= 0x30a1 && c <= 0x30f6) || c === 0x30fd || c === 0x30fe) return c - 0x60;
    if (c >= 0x41 && c <= 0x5a) return c + 0x20;
    if (DASH.has(c)) return 0x2d;
    if (WAVE.has(c)) return 0x7e;
    if (SPACE.has(c)) return 0x20;
    return c;
  };
  const normalise = (text) => {
    let out = '';
    let space = false;
    for (const ch of text.normalize('NFKC')) {
      const c = fold(ch.codePointAt(0));
      if (c === 0x20) {
        space = out.length > 0;
        continue;
      }
      if (space) {
        out += ' ';
        space = false;
      }
      out += String.fromCodePoint(c);
    }
    return out;
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = { normalise };
  if (typeof document === 'undefined') return;

  const form = document.querySelector('.search-form');
  const index = window.hyokaSearchIndex;
  if (!form || !index) return;
  const input = form.querySelector('#search-query');
  const status = document.querySelector('.search-status');
  const box = document.querySelector('.search-results-box');
  const list = box.querySelector('.search-results');
  const more = box.querySelector('.search-more');
  const all = document.querySelector('.search-all');
  const root = form.dataset.root || './';
  const PAGE = 50;
  const { goals, strings, departments, statuses } = index;

  // Goals whose text holds every word of the query (in site order); null for no words.
  // Plain loops: at 10,000 goals this runs at every key.
  const find = (query) => {
    const terms = normalise(query).split(' ').filter(Boolean);
    if (terms.length === 0) return null;
    const hits = terms.map((term) => ({
      term,
      strings: strings.map((s) => s.includes(term)),
      departments: departments.map((d) => d[2].includes(term)),
    }));
    const found = [];
    for (const goal of goals) {
      let all = true;
      for (const h of hits) {
        if (h.departments[goal[0]] || goal[2].includes(h.term)) continue;
        let shared = false;
        for (const id of goal[3]) {
          if (h.strings[id]) { shared = true; break; }
        }
        if (!shared) { all = false; break; }
      }
      if (all) found.push(goal);
    }
    return found;
  };

  const badge = (id) => {
    const [code, label, symbol] = statuses[id];
    const span = document.createElement('span');
    span.className = `status status-${code}`;
    const shape = document.createElement('span');
    shape.className = 'status-symbol';
    shape.setAttribute('aria-hidden', 'true');
    shape.textContent = symbol;
    span.append(shape, label);
    return span;
  };

  const item = (goal) => {
    const [dept, slug, text, , ids, title] = goal;
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = `${root}${departments[dept][1]}${slug}/`;
    link.textContent = title ?? text.split('\n')[0];
    const where = document.createElement('span');
    where.className = 'small search-result-department';
    where.textContent = `（${departments[dept][0]}）`;
    li.append(link, where, ' ');
    for (const id of ids) li.append(badge(id));
    return li;
  };

  let found = [];
  let shown = 0;
  let announce = 0;
  const say = (text) => {
    clearTimeout(announce);
    // Announced once typing pauses, not at every key.
    announce = setTimeout(() => { status.textContent = text; }, 300);
  };
  const summary = () => (shown < found.length
    ? `${found.length}件見つかりました。そのうち${shown}件を表示しています。`
    : `${found.length}件見つかりました。`);
  const showMore = () => {
    const part = document.createDocumentFragment();
    for (const goal of found.slice(shown, shown + PAGE)) part.append(item(goal));
    list.append(part);
    shown = Math.min(found.length, shown + PAGE);
    more.hidden = shown >= found.length;
  };
  const run = () => {
    const result = find(input.value);
    list.replaceChildren();
    shown = 0;
    if (result === null) {
      found = [];
      box.hidden = true;
      more.hidden = true;
      all.classList.remove('search-all-idle');
      say('');
      return;
    }
    found = result;
    // The list of every goal gives way to the results, kept drawn but skipped
    // (content-visibility: hidden), so at 10,000 goals it costs nothing to hide and show.
    box.hidden = false;
    all.classList.add('search-all-idle');
    showMore();
    say(found.length ? summary() : '見つかりませんでした。別の言葉でお試しください。');
  };

  input.addEventListener('input', run);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
    try {
      const url = new URL(window.location.href);
      url.searchParams.set('q', input.value);
      window.history.replaceState(null, '', url);
    } catch {
      // A page opened from disk may refuse: the search itself is done.
    }
  });
  more.addEventListener('click', () => {
    showMore();
    say(summary());
  });
  const asked = new URLSearchParams(window.location.search).get('q');
  if (asked) input.value = asked;
  if (input.value) run();
})();
