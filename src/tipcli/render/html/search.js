// The page's search: the query side of `tip search`, read from the same index.
// Each step below mirrors one of tipcli.query.search (words.py: tokenize, stem;
// searcher.py: spelled, _postings, _rank, search), so that a query gives the same
// hits in the same order; tests run both on the same queries in a browser.
"use strict";
(function () {
  const LIMIT = 20; // as `tip search` shows by default
  const NAMED = 4, PHRASE = 3, ALL_WORDS = 2, SOME_WORDS = 1;
  const TIER_NAMES = { 4: "name", 3: "phrase", 2: "all words", 1: "some words" };
  const OWN_KINDS = new Set(["organisation", "program", "law", "hotline"]);

  const index = JSON.parse(document.getElementById("tip--index").textContent);
  const STOPWORDS = new Set(index.words.stopwords);
  const IRREGULAR = index.words.irregular;
  const OWN_TERMS = new Set(index.words.own_terms);
  // Letters, digits and case folding as Python's Unicode tables give them, not the
  // browser's, which may be of another Unicode version.
  const FOLDED = index.words.folded;
  const code = (point) => "\\u{" + point.toString(16) + "}";
  const LETTERS = index.words.word_ranges
    .map(([first, last]) => (first === last ? code(first) : code(first) + "-" + code(last)))
    .join("");
  const WORD = new RegExp("[" + LETTERS + "]+", "gu");
  const WORD_OR_UNDERSCORE = new RegExp("[_" + LETTERS + "]", "u");

  function fold(text) {
    let out = "";
    for (const char of text) out += FOLDED[char] ?? char;
    return out;
  }

  function ends(word, ...endings) {
    return endings.some((ending) => word.endsWith(ending));
  }

  function stem(word) {
    if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word];
    if (OWN_TERMS.has(word)) return word;
    const length = () => [...word].length;
    if (length() > 4 && word.endsWith("ies")) word = word.slice(0, -3) + "y";
    else if (length() > 4 && ends(word, "sses", "xes", "ches", "shes")) word = word.slice(0, -2);
    else if (length() > 3 && word.endsWith("s") && !ends(word, "ss", "us", "is")) {
      word = word.slice(0, -1);
    }
    if (length() > 8 && word.endsWith("ication")) word = word.slice(0, -7) + "y";
    else if (length() > 5 && word.endsWith("ing")) word = word.slice(0, -3);
    else if (length() > 4 && word.endsWith("ed") && !word.endsWith("eed")) word = word.slice(0, -2);
    else if (length() > 5 && word.endsWith("ion")) word = word.slice(0, -3);
    if (length() > 4 && word.endsWith("e") && !word.endsWith("ee")) word = word.slice(0, -1);
    if (length() > 3 && word.endsWith("y")) word = word.slice(0, -1) + "i";
    return word;
  }

  function tokenize(text) {
    const tokens = [];
    for (const match of text.matchAll(WORD)) {
      const folded = fold(match[0]);
      if (STOPWORDS.has(folded)) continue;
      tokens.push({ stem: stem(folded), start: match.index, end: match.index + match[0].length });
    }
    return tokens;
  }

  function queryStems(query) {
    return tokenize(query).map((token) => token.stem);
  }

  function hasWords(query) {
    // As the command line's check: compatibility forms, case, and & for "and".
    return WORD_OR_UNDERSCORE.test(fold(query.normalize("NFKC")).replaceAll("&", " and "));
  }

  function byCodePoint(x, y) {
    const [a, b] = [[...x], [...y]];
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const difference = a[i].codePointAt(0) - b[i].codePointAt(0);
      if (difference) return difference;
    }
    return a.length - b.length;
  }

  function split(text, separator = " ") {
    return text ? text.split(separator) : [];
  }

  // difflib's SequenceMatcher.ratio() and get_close_matches(), for one word at a time.
  function matchingCharacters(a, b) {
    const positions = new Map();
    b.forEach((char, j) => {
      if (!positions.has(char)) positions.set(char, []);
      positions.get(char).push(j);
    });
    if (b.length >= 200) {
      const most = Math.floor(b.length / 100) + 1;
      for (const [char, places] of [...positions]) {
        if (places.length > most) positions.delete(char);
      }
    }
    function longest(alo, ahi, blo, bhi) {
      let besti = alo, bestj = blo, bestsize = 0;
      let lengths = new Map();
      for (let i = alo; i < ahi; i++) {
        const next = new Map();
        for (const j of positions.get(a[i]) ?? []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (lengths.get(j - 1) ?? 0) + 1;
          next.set(j, k);
          if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
        }
        lengths = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--, bestj--, bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi &&
             a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    let matched = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longest(alo, ahi, blo, bhi);
      if (!k) continue;
      matched += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    return matched;
  }

  function closeMatches(word, possibilities, n, cutoff) {
    const b = [...word];
    const found = [];
    for (const candidate of possibilities) {
      const a = [...candidate];
      const total = a.length + b.length;
      if (total && (2 * Math.min(a.length, b.length)) / total < cutoff) continue;
      const ratio = total ? (2 * matchingCharacters(a, b)) / total : 1;
      if (ratio >= cutoff) found.push([ratio, candidate]);
    }
    found.sort((x, y) => y[0] - x[0] || byCodePoint(y[1], x[1]));
    return found.slice(0, n).map(([, candidate]) => candidate);
  }

  const spellings = split(index.spellings);

  function spelled(wanted, query) {
    const unknown = [...new Set(wanted)].filter((word) => !Object.hasOwn(index.idf, word));
    if (!unknown.length) return [wanted, []];
    const typed = new Map();
    for (const match of query.matchAll(WORD)) typed.set(stem(fold(match[0])), match[0]);
    const replaced = new Map();
    const corrected = [];
    for (const word of unknown) {
      const asTyped = typed.get(word) ?? word;
      for (const near of closeMatches(fold(asTyped), spellings, 3, 0.8)) {
        if (Object.hasOwn(index.idf, stem(near))) {
          replaced.set(word, stem(near));
          corrected.push([asTyped, near]);
          break;
        }
      }
    }
    return [wanted.map((word) => replaced.get(word) ?? word), corrected];
  }

  function postings(wanted) {
    const words = [...new Set(wanted)];
    const numbers = (table, word) =>
      new Set(split(Object.hasOwn(table, word) ? table[word] : "").map(Number));
    const inText = new Map(words.map((word) => [word, numbers(index.in_text, word)]));
    const inNames = new Map(words.map((word) => [word, numbers(index.in_names, word)]));
    const textScore = new Map(), nameScore = new Map(), present = new Map();
    const has = new Map();
    for (const word of words) {
      const weight = index.idf[word];
      for (const n of inText.get(word)) textScore.set(n, (textScore.get(n) ?? 0) + weight);
      for (const n of inNames.get(word)) nameScore.set(n, (nameScore.get(n) ?? 0) + weight);
      const either = new Set([...inText.get(word), ...inNames.get(word)]);
      has.set(word, either);
      for (const n of either) present.set(n, (present.get(n) ?? 0) + 1);
    }
    const every = (sets) => [...sets].reduce((all, set) => new Set([...all].filter((n) => set.has(n))));
    const candidates = new Set();
    for (const set of has.values()) for (const n of set) candidates.add(n);
    return {
      wanted, words, has, candidates, textScore, nameScore, present,
      everyInText: every(inText.values()),
      everyInNames: every(inNames.values()),
    };
  }

  function same(a, b) {
    return a.length === b.length && a.every((word, i) => word === b[i]);
  }

  function contains(haystack, needle) {
    if (!needle.length) return false;
    for (let i = 0; i + needle.length <= haystack.length; i++) {
      if (same(haystack.slice(i, i + needle.length), needle)) return true;
    }
    return false;
  }

  function namesIt(name, wanted) {
    if (same(name, wanted)) return true;
    return wanted.length > 1 &&
      (same(name.slice(0, wanted.length), wanted) || name.length <= wanted.length + 1);
  }

  function rank(n, found) {
    const wanted = found.wanted;
    const single = wanted.length === 1;
    const phraseInText = found.everyInText.has(n) &&
      (single || contains(split(index.stems[n]), wanted));
    let names = [];
    if (found.everyInNames.has(n)) names = index.names[n].split("\t").map((name) => split(name));
    const own = OWN_KINDS.has(index.docs[n][0]);
    const named = names.filter((name) => contains(name, wanted));
    let tier;
    if (own && named.some((name) => namesIt(name, wanted))) tier = NAMED;
    else if (phraseInText || named.length) tier = PHRASE;
    else if (found.present.get(n) === found.words.length) tier = ALL_WORDS;
    else tier = SOME_WORDS;
    let score = (found.textScore.get(n) ?? 0) + 0.5 * (found.nameScore.get(n) ?? 0);
    if (phraseInText && !single) score *= 1.5;
    let cover = 0;
    if (own && named.length) {
      cover = Math.max(...named.map((name) => wanted.length / name.length));
      score *= 1 + cover;
    }
    return { n, tier, cover, score };
  }

  function search(query) {
    const [wanted, corrected] = spelled(queryStems(query), query);
    if (!wanted.length) return { hits: [], corrected };
    const found = postings(wanted);
    const scored = [...found.candidates].sort((x, y) => x - y).map((n) => rank(n, found));
    const notHotline = (hit) => (index.docs[hit.n][0] !== "hotline" ? 1 : 0);
    scored.sort((x, y) => y.tier - x.tier || y.cover - x.cover || y.score - x.score ||
      notHotline(x) - notHotline(y));
    for (const hit of scored) {
      hit.present = new Set(found.words.filter((word) => found.has.get(word).has(hit.n)));
    }
    return { hits: scored, corrected };
  }

  // What the page shows -----------------------------------------------------------

  const box = document.getElementById("tip--search");
  const list = document.getElementById(box.getAttribute("aria-controls"));
  const status = document.getElementById("tip--status");
  const more = document.getElementById("tip--more");
  let shown = LIMIT;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function marked(text, present) {
    const paragraph = element("p", "hit-text");
    let at = 0;
    for (const token of tokenize(text)) {
      if (!present.has(token.stem)) continue;
      paragraph.append(text.slice(at, token.start), element("mark", "", text.slice(token.start, token.end)));
      at = token.end;
    }
    paragraph.append(text.slice(at));
    return paragraph;
  }

  function cites(sources) {
    const line = element("span", "cite");
    line.append("[");
    sources.forEach((source, i) => {
      if (i) line.append(", ");
      const link = element("a", "", source);
      link.href = "#source--" + source;
      line.append(link);
    });
    line.append("]");
    return line;
  }

  function hitItem(hit) {
    const [kind, id, title, text, sources] = index.docs[hit.n];
    const item = element("li", "hit");
    item.dataset.kind = kind;
    item.dataset.id = id;
    const link = element("a", "hit-title", title);
    link.href = "#" + id;
    item.append(link, " ", element("span", "dim", kind + " · " + TIER_NAMES[hit.tier]));
    item.append(marked(text, hit.present));
    const about = element("p", "dim");
    const topics = split(index.topics[hit.n]).map((topic) => index.labels[topic]);
    if (topics.length) about.append(topics.join(", ") + " · ");
    about.append(cites(sources));
    item.append(about);
    return item;
  }

  function quoted(text) {
    const points = [...text];
    if (points.length <= 60) return `'${text}'`;
    return `'${points.slice(0, 60).join("")}… (${points.length} characters)'`;
  }

  function show() {
    const query = box.value;
    list.replaceChildren();
    more.replaceChildren();
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    if (!hasWords(query)) {
      status.textContent = "The search text has no letters or digits; give a word or phrase, such as 'T visa'.";
      return;
    }
    const { hits, corrected } = search(query);
    const told = corrected.map(([typed, used]) =>
      `No document has the word '${typed}'; searched for '${used}' instead.`);
    if (!hits.length) {
      const common = queryStems(query).length ? "" : ": its words are too common to look for";
      told.push(`Nothing matches ${quoted(query)}${common}.`);
    } else if (hits.length > shown) {
      told.push(`Showing ${shown} of ${hits.length} hits.`);
    } else {
      told.push(hits.length === 1 ? "1 hit." : `${hits.length} hits.`);
    }
    status.textContent = told.join(" ");
    list.append(...hits.slice(0, shown).map(hitItem));
    // Outside the results: each element in them is a hit.
    more.replaceChildren();
    if (hits.length > shown) {
      const button = element("button", "more", `Show all ${hits.length} hits`);
      button.type = "button";
      button.addEventListener("click", () => {
        shown = hits.length;
        show();
        list.children[LIMIT]?.querySelector("a")?.focus();
      });
      more.append(button);
    }
  }

  // A large directory's index takes longer to search than keys come: there, a search
  // waits for a pause in typing.
  const pause = index.docs.length > 5000 ? 120 : 0;
  let waiting;
  box.addEventListener("input", () => {
    shown = LIMIT;
    clearTimeout(waiting);
    if (pause) waiting = setTimeout(show, pause);
    else show();
  });
  box.form.addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("keydown", (event) => {
    // "/" goes to the search box from anywhere but a text field, as on many sites.
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      box.focus();
    }
  });
  // Coming back to the page, the browser puts back what was typed, after this script
  // has run: show its results again.
  window.addEventListener("pageshow", () => {
    if (box.value) show();
  });
})();
