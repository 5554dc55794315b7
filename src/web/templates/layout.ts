/** The page around every dashboard page: language, skip link, header, footer with method and instant. */
export const LAYOUT = String.raw`<!doctype html>
<html lang="<%= it.layout.lang %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.layout.title %></title>
<link rel="stylesheet" href="/static/dashboard.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main"><%= it.t.skipToContent %></a>
<header class="site">
<nav aria-label="<%= it.t.navLabel %>">
<a class="home" href="<%= it.layout.homeHref %>"><%= it.t.siteName %></a>
<a class="lang" href="<%= it.layout.langHref %>" hreflang="<%= it.layout.otherLang %>" lang="<%= it.layout.otherLang %>"><%= it.t.otherLanguage %></a>
</nav>
</header>
<main id="main" tabindex="-1">
<%~ it.body %>
</main>
<footer class="site">
<% it.layout.footer.forEach(function (line) { %><p><%= line %></p>
<% }) %>
</footer>
<script nonce="<%= it.layout.nonce %>">
(function () {
  var box = document.querySelector('.table-search');
  if (!box) return;
  var input = box.querySelector('input');
  var out = box.querySelector('output');
  var rows = document.querySelectorAll('table[data-searchable] tbody tr[data-name]');
  box.hidden = false;
  input.addEventListener('input', function () {
    var q = input.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var show = !q || r.getAttribute('data-name').indexOf(q) >= 0;
      r.hidden = !show;
      if (show) n++;
    });
    out.textContent = q ? n + ' ' + box.getAttribute('data-found') : '';
  });
})();
</script>
</body>
</html>
`;
