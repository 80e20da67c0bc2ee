// Masthead's reader script: first-party state only, and no request but a supporter pass's renewal, at most once a
// week. Without it, pages work the same, with the server reading the same cookies.
(function () {
  'use strict';
  var d = document, store = window.localStorage;
  var now = Date.now() / 1000;
  // Where the newsroom asks first, nothing is counted or drawn until the reader allows it (mh_consent "1").
  var askFirst = d.documentElement.getAttribute('data-consent') === 'ask';
  // On a static copy (a mirror, or a file opened from disk) there is no server to call and cookies may not work:
  // the snooze lives in this browser's storage, and nothing is sent.
  var copy = d.documentElement.hasAttribute('data-static-copy');
  function allowed() {
    return !!store && !store.getItem('mh_reads_off') && (!askFirst || store.getItem('mh_consent') === '1');
  }

  function cookie(name) {
    var m = d.cookie.match('(?:^|; )' + name + '=([^;]*)');
    return m ? decodeURIComponent(m[1]) : null;
  }

  // Articles read, counted once per article per ISO week, kept a year, in this browser only.
  function week(t) {
    var day = new Date(t * 1000); day.setUTCHours(0, 0, 0, 0);
    day.setUTCDate(day.getUTCDate() + 3 - (day.getUTCDay() + 6) % 7);
    var jan4 = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
    return day.getUTCFullYear() + '-' + (1 + Math.round(((day - jan4) / 864e5 - 3 + (jan4.getUTCDay() + 6) % 7) / 7));
  }

  function weeks(name) {
    var kept = {};
    try { kept = JSON.parse(store.getItem(name)) || {}; } catch (e) { kept = {}; }
    return kept;
  }

  // Keeps the last 53 weeks that have entries (keys are "year-week"; sorted as numbers, not as text).
  function keepYear(kept) {
    var out = {};
    Object.keys(kept).sort(function (a, b) { var x = a.split('-'), y = b.split('-'); return (x[0] - y[0]) || (x[1] - y[1]); })
      .slice(-53).forEach(function (k) { out[k] = kept[k]; });
    return out;
  }

  function countReading() {
    var article = d.querySelector('[data-article]');
    if (!allowed() || !article) { return; }
    var reads = weeks('mh_reads'), topics = weeks('mh_topics'), key = week(now), slug = article.getAttribute('data-article');
    reads[key] = reads[key] || [];
    if (reads[key].indexOf(slug) < 0) {
      reads[key].push(slug);
      topics[key] = topics[key] || [];
      (article.getAttribute('data-topics') || '').split(' ').forEach(function (t) { if (t && topics[key].indexOf(t) < 0) { topics[key].push(t); } });
    }
    store.setItem('mh_reads', JSON.stringify(keepYear(reads)));
    store.setItem('mh_topics', JSON.stringify(keepYear(topics)));
  }

  // Articles read (and whether one was on topic) in the last n weeks, this one included.
  function reading(n, topic) {
    if (!allowed()) { return { count: 0, onTopic: false }; }
    var reads = weeks('mh_reads'), topics = weeks('mh_topics'), count = 0, onTopic = false;
    for (var i = 0; i < n; i++) {
      var key = week(now - i * 7 * 86400);
      count += (reads[key] || []).length;
      onTopic = onTopic || (!!topic && (topics[key] || []).indexOf(topic) >= 0);
    }
    return { count: count, onTopic: onTopic };
  }

  // The supporter pass is "{ends}.{renewFrom}.{sealed}": it hides the appeal until it ends. Once a week (the last try
  // kept here, in this browser only) it is renewed by one uncached call; the server answers with a new pass while the
  // support continues, and keeps no record of the call.
  function pass() {
    var m = /^(\d+)\.(\d+)\./.exec(cookie('mh_supporter') || '');
    return m ? { ends: +m[1], renewFrom: +m[2] } : null;
  }

  function passHides() { var p = pass(); return !!p && p.ends > now; }

  function renewPass(renewed) {
    var p = pass(), sent = cookie('mh_supporter'), tried = 0;
    if (!p || copy || now < p.renewFrom || !window.fetch) { return; }
    try { tried = +store.getItem('mh_pass_tried') || 0; } catch (e) { tried = 0; }
    if (now < tried + 7 * 86400) { return; }
    try { store.setItem('mh_pass_tried', String(Math.floor(now))); } catch (e) { tried = 0; }
    fetch('/support/pass/renew', { method: 'POST', credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (response.ok) { renewed(); return; }
      // Refused for good and already ended: drop it, unless another tab renewed it meanwhile.
      if (response.status === 410 && p.ends <= now && cookie('mh_supporter') === sent) {
        try { store.setItem('mh_former', '1'); } catch (e) { }
        d.cookie = 'mh_supporter=; path=/; max-age=0; samesite=lax' + (location.protocol === 'https:' ? '; secure' : '');
      }
    }, function () { });
  }

  // On the front page, another edition in the browser's own first language is offered with a link, never a redirect:
  // the page stays the one cached copy for everyone, and nothing is guessed from the reader's address.
  function suggestEdition() {
    var nav = d.querySelector('.editions[data-suggest]');
    if (!nav || (store && store.getItem('mh_edition_seen'))) { return; }
    var here = d.documentElement.lang.toLowerCase().split('-')[0];
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''])
      .map(function (l) { return l.toLowerCase().split('-')[0]; });
    for (var i = 0; i < wanted.length && wanted[i] !== here; i++) {
      var link = nav.querySelector('a[hreflang="' + wanted[i] + '"], a[hreflang^="' + wanted[i] + '-"]');
      if (link) {
        var offer = d.createElement('p'), go = d.createElement('a'), close = d.createElement('button');
        offer.className = 'edition-suggestion'; offer.lang = link.lang; offer.setAttribute('role', 'note');
        go.href = link.href; go.hreflang = link.hreflang; go.textContent = link.getAttribute('data-read-in');
        close.type = 'button'; close.className = 'link'; close.textContent = '×';
        close.setAttribute('aria-label', nav.getAttribute('data-dismiss'));
        close.addEventListener('click', function () { if (store) { store.setItem('mh_edition_seen', '1'); } offer.hidden = true; });
        offer.appendChild(go); offer.appendChild(d.createTextNode(' ')); offer.appendChild(close);
        nav.parentNode.insertBefore(offer, nav.nextSibling);
        return;
      }
    }
  }
  try { suggestEdition(); } catch (e) { }

  // The reminder form: picking a month or a day ticks its option (without script, the reader ticks it).
  [].forEach.call(d.querySelectorAll('[data-picks]'), function (field) {
    field.addEventListener('change', function () { var option = d.getElementById(field.getAttribute('data-picks')); if (option) { option.checked = true; } });
  });

  try { countReading(); } catch (e) { }

  // The page's appeals: the one shown to a browser with no state, and the rest in templates, each with its rule.
  var shown = d.getElementById('appeal'), options = [];
  if (shown) { options.push(shown); }
  [].forEach.call(d.querySelectorAll('template.appeal-option'), function (t) { if (t.content.firstElementChild) { options.push(t.content.firstElementChild); } });
  options.sort(function (a, b) { return a.getAttribute('data-order') - b.getAttribute('data-order'); });
  function data(el, name) { return el.getAttribute('data-' + name); }
  // Reads (one argument) or writes a JSON value in this browser's storage.
  function kept(name, value) { try { if (value === undefined) { return JSON.parse(store.getItem(name)); } store.setItem(name, JSON.stringify(value)); } catch (e) { } return null; }

  var former = !!store && !!store.getItem('mh_former');
  function state() {
    var p = pass();
    return { supporter: passHides(), former: former || (!!p && p.ends <= now), gave: former || !!p, snoozed: +(cookie('mh_snooze') || (store && store.getItem('mh_snooze')) || 0) > now };
  }

  function matches(el, s) {
    var audience = data(el, 'audience');
    if (audience === 'supporters') { return s.supporter; }
    if (s.supporter || s.snoozed || (audience === 'never' && s.gave) || (audience === 'former' && !s.former)) { return false; }
    var r = reading(+data(el, 'weeks') || 4, data(el, 'topic')), below = data(el, 'below');
    return r.count >= (+data(el, 'min') || 0) && !(below && r.count >= +below) && !(data(el, 'topic') && !r.onTopic);
  }

  // A test's variant is drawn once per browser (a random number kept here, never sent) and kept; each test draws its own.
  // A browser that may not keep it sees the control, as without script.
  function arm(el) {
    var test = data(el, 'test');
    if (!test || !allowed()) { return el; }
    var arms = options.filter(function (o) { return data(o, 'appeal') === data(el, 'appeal'); }), tests = kept('mh_tests') || {};
    var n = tests[test];
    if (typeof n !== 'number' || n < 0 || n >= arms.length) { n = Math.floor(Math.random() * arms.length); tests[test] = n; kept('mh_tests', tests); }
    return arms[n];
  }

  function choose(placement, s) {
    for (var i = 0; i < options.length; i++) {
      if (data(options[i], 'placement') === placement && data(options[i], 'variant') === '0' && matches(options[i], s)) { return arm(options[i]); }
    }
    return null;
  }

  // The reader's switch, on the appeal and on /privacy/this-browser: off forgets what was counted and drawn (the
  // banners' times stay, or banners would come back sooner); on, where the newsroom asks first, is the consent.
  function stopCounting() {
    if (!store) { return; }
    ['mh_reads', 'mh_topics', 'mh_tests'].forEach(function (k) { store.removeItem(k); });
    store.setItem('mh_reads_off', '1'); store.setItem('mh_count_off', '1');
    if (askFirst) { store.setItem('mh_consent', '0'); }
    counting = false; events = [];
  }

  function startCounting() {
    if (!store) { return; }
    store.removeItem('mh_reads_off'); store.removeItem('mh_count_off');
    if (askFirst) { store.setItem('mh_consent', '1'); }
    counting = !!navigator.sendBeacon;
  }

  function browserPage() {
    var page = d.querySelector('[data-this-browser]');
    if (!page || !store) { return; }
    var on = page.querySelector('.counting-on'), off = page.querySelector('.counting-off'), figures = page.querySelector('.kept-figures');
    function show() {
      var yes = allowed(), waiting = askFirst && !store.getItem('mh_consent') && !store.getItem('mh_reads_off');
      page.querySelector('.counting-state').textContent = data(page, yes ? 'on' : waiting ? 'waiting' : 'off');
      page.querySelector('.kept-four').textContent = reading(4).count.toLocaleString(d.documentElement.lang);
      page.querySelector('.kept-year').textContent = reading(53).count.toLocaleString(d.documentElement.lang);
      figures.hidden = !yes; on.hidden = yes; off.hidden = !yes;
    }
    on.addEventListener('click', function () { startCounting(); show(); off.focus(); });
    off.addEventListener('click', function () { stopCounting(); show(); on.focus(); });
    show();
  }

  // Counting: events for this page view, sent once as the page is left, with no cookie and nothing but the appeal,
  // variant, placement and what happened. Off when the reader switched counting off, or without storage (no sticky variant).
  var events = [], counting = !copy && allowed() && !store.getItem('mh_count_off') && !!navigator.sendBeacon;
  function count(el, kind) {
    if (counting && events.length < 20) { events.push([data(el, 'appeal'), data(el, 'variant'), data(el, 'placement'), kind].join('.')); }
  }
  function send() { if (events.length) { navigator.sendBeacon('/appeal/events', events.join('\n')); events = []; } }
  addEventListener('pagehide', send);
  d.addEventListener('visibilitychange', function () { if (d.visibilityState === 'hidden') { send(); } });

  // "Shown" is half of it on screen for a second.
  function watch(el) {
    if (!window.IntersectionObserver) { return; }
    var timer = 0, observer = new IntersectionObserver(function (entries) {
      if (entries[entries.length - 1].isIntersecting) {
        timer = timer || setTimeout(function () { count(el, 's'); observer.disconnect(); }, 1000);
      } else { clearTimeout(timer); timer = 0; }
    }, { threshold: 0.5 });
    observer.observe(el);
  }

  function wire(el, placement) {
    var go = el.querySelector('.appeal-continue');
    if (go) {
      go.href += (go.href.indexOf('?') < 0 ? '?' : '&') + 'campaign=' + [data(el, 'appeal'), data(el, 'variant'), placement].join('.');
      go.addEventListener('click', function () { count(el, 'c'); send(); });
    }
    watch(el);
  }

  function showCount(el) {
    var counter = el.querySelector('.appeal-count'), total = reading(53).count;
    if (!counter || total < 5) { return; }
    var forms = el.querySelector('.appeal-count-forms');
    var category = window.Intl && Intl.PluralRules ? new Intl.PluralRules(el.lang).select(total) : 'other';
    var form = forms && (forms.content.querySelector('[data-category="' + category + '"]') || forms.content.querySelector('[data-category="other"]'));
    counter.querySelector('.appeal-count-text').textContent = form ? form.textContent.replace('{0}', total.toLocaleString(el.lang)) : String(total);
    counter.hidden = false;
    counter.querySelector('.appeal-count-off').addEventListener('click', function () { stopCounting(); counter.hidden = true; });
  }

  function askConsent(el) {
    var ask = el.querySelector('.appeal-consent');
    if (!ask || !store || store.getItem('mh_consent') || store.getItem('mh_reads_off')) { return; }
    ask.hidden = false;
    ask.querySelector('.appeal-consent-yes').addEventListener('click', function () { startCounting(); countReading(); ask.hidden = true; });
    ask.querySelector('.appeal-consent-no').addEventListener('click', function () { store.setItem('mh_consent', '0'); ask.hidden = true; });
  }

  function showEnd(s) {
    var el = choose('e', s), anchor = shown || d.querySelector('template.appeal-option');
    if (el && el !== shown) { el = d.importNode(el, true); anchor.parentNode.insertBefore(el, anchor); }
    if (shown && shown !== el) { shown.parentNode.removeChild(shown); }
    shown = el;
    if (!el) { return; }
    el.hidden = false;
    wire(el, 'e');
    showCount(el);
    askConsent(el);
    var snooze = el.querySelector('.appeal-snooze');
    if (snooze) {
      snooze.hidden = false;
      snooze.addEventListener('submit', function (event) {
        event.preventDefault();
        var seconds = (+data(el, 'snooze-days') || 7) * 86400;
        if (copy) {
          try { store.setItem('mh_snooze', String(Math.floor(now + seconds))); } catch (e) { }
        } else {
          d.cookie = 'mh_snooze=' + Math.floor(now + seconds) + '; path=/; max-age=' + seconds + '; samesite=lax' +
            (location.protocol === 'https:' ? '; secure' : '');
        }
        count(el, 'z');
        el.hidden = true;
        var banner = d.getElementById('appeal-banner');
        if (banner) { banner.hidden = true; }
      });
    }
  }

  // A banner, in the page's flow (never over the article), within its caps: at most N showings in D days, G days apart.
  function showBanner(s) {
    var el = choose('t', s) || choose('b', s), main = d.getElementById('main');
    if (!el || !main || (shown && !data(el, 'with-end'))) { return; }
    var cap = (data(el, 'cap') || '3/30/1').split('/'), seen = (store && kept('mh_banners')) || {}, id = data(el, 'appeal');
    var times = (seen[id] || []).filter(function (t) { return t > now - cap[1] * 86400; });
    if (!store || times.length >= +cap[0] || (times.length && times[times.length - 1] > now - cap[2] * 86400)) { return; }
    times.push(Math.floor(now)); seen[id] = times; kept('mh_banners', seen);
    var placement = data(el, 'placement');
    el = d.importNode(el, true);
    main.insertBefore(el, placement === 't' ? main.firstChild : null);
    wire(el, placement);
    el.querySelector('.appeal-dismiss').addEventListener('click', function () { count(el, 'd'); el.hidden = true; });
  }

  try { browserPage(); } catch (e) { }

  if (options.length) {
    var s = state();
    showEnd(s);
    showBanner(s);
    // A pass renewed just now may make this reader a supporter: the ask gives way to the thank-you, if there is one.
    renewPass(function () { if (passHides()) { showEnd(state()); } });
  } else {
    renewPass(function () { });
  }
})();
