// Masthead's reader script: first-party state only, and no request but a supporter pass's renewal, at most once a
// week. Without it, pages work the same, with the server reading the same cookies.
(function () {
  'use strict';
  var d = document, store = window.localStorage, appeal = d.getElementById('appeal');
  var now = Date.now() / 1000;

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

  function countReading() {
    var article = d.querySelector('[data-article]');
    if (!store || store.getItem('mh_reads_off') || !article) { return 0; }
    var reads = {};
    try { reads = JSON.parse(store.getItem('mh_reads')) || {}; } catch (e) { reads = {}; }
    var key = week(now), slug = article.getAttribute('data-article');
    reads[key] = reads[key] || [];
    if (reads[key].indexOf(slug) < 0) { reads[key].push(slug); }
    var keys = Object.keys(reads).sort().slice(-53), kept = {}, total = 0;
    keys.forEach(function (k) { kept[k] = reads[k]; total += reads[k].length; });
    store.setItem('mh_reads', JSON.stringify(kept));
    return total;
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
    if (!p || now < p.renewFrom || !window.fetch) { return; }
    try { tried = +store.getItem('mh_pass_tried') || 0; } catch (e) { tried = 0; }
    if (now < tried + 7 * 86400) { return; }
    try { store.setItem('mh_pass_tried', String(Math.floor(now))); } catch (e) { tried = 0; }
    fetch('/support/pass/renew', { method: 'POST', credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (response.ok) { renewed(); return; }
      // Refused for good and already ended: drop it, unless another tab renewed it meanwhile.
      if (response.status === 410 && p.ends <= now && cookie('mh_supporter') === sent) {
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

  var total = 0;
  try { total = countReading(); } catch (e) { total = 0; }
  renewPass(function () { if (appeal && passHides()) { appeal.hidden = true; } });
  if (!appeal) { return; }
  if (+(cookie('mh_snooze') || 0) > now || passHides()) { appeal.hidden = true; return; }

  var count = appeal.querySelector('.appeal-count');
  if (count && total >= 5) {
    var forms = appeal.querySelector('.appeal-count-forms');
    var category = window.Intl && Intl.PluralRules ? new Intl.PluralRules(appeal.lang).select(total) : 'other';
    var form = forms && (forms.content.querySelector('[data-category="' + category + '"]') || forms.content.querySelector('[data-category="other"]'));
    count.querySelector('.appeal-count-text').textContent = form ? form.textContent.replace('{0}', total.toLocaleString(appeal.lang)) : String(total);
    count.hidden = false;
    count.querySelector('.appeal-count-off').addEventListener('click', function () {
      store.removeItem('mh_reads');
      store.setItem('mh_reads_off', '1');
      count.hidden = true;
    });
  }

  appeal.querySelector('.appeal-snooze').addEventListener('submit', function (event) {
    event.preventDefault();
    var seconds = (+appeal.getAttribute('data-snooze-days') || 7) * 86400;
    d.cookie = 'mh_snooze=' + Math.floor(now + seconds) + '; path=/; max-age=' + seconds + '; samesite=lax' +
      (location.protocol === 'https:' ? '; secure' : '');
    appeal.hidden = true;
  });
})();
